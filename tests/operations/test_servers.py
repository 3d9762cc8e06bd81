"""The real processes: gunicorn serves /health/ on loopback; `manage.py runall` (make run) starts
the web server, the worker and the scheduler, the worker's heartbeat makes /health/ ok, and
Ctrl-C stops all three.

Each runs against its own migrated SQLite file, outside the test database.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("servers")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "REMEDY_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    return env


def get_health(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def wait_health(port: int, *, until, timeout: float = 120) -> tuple[int, dict]:
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            last = get_health(port)
            if until(*last):
                return last
        except (OSError, ValueError):
            pass
        time.sleep(1)
    raise AssertionError(f"/health/ never answered as expected; last: {last}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_gunicorn_serves_health_on_loopback(env):
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        status, body = wait_health(port, until=lambda status, body: True)
        # No worker runs here: the database and migrations are fine, the heartbeat is missing.
        assert (status, body["database"], body["migrations"]) == (503, "ok", "ok")
        assert body["worker"] == "stale"
    finally:
        stop(server)


def test_runall_starts_web_worker_and_scheduler_and_ctrl_c_stops_them(env):
    port = free_port()
    run = subprocess.Popen(
        [sys.executable, "manage.py", "runall", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        status, body = wait_health(port, until=lambda status, body: status == 200, timeout=240)
        assert body["worker"] == "ok"
        os.killpg(run.pid, signal.SIGINT)
        assert run.wait(timeout=60) == 0
        with pytest.raises(OSError):
            get_health(port)
    finally:
        stop(run)


def test_collectstatic_and_gunicorn_serve_hashed_compressed_static_files(env, tmp_path):
    """The production path of static files: `collectstatic` (docs/deployment.md, first start)
    writes hashed, compressed copies, pages name them, WhiteNoise serves them cached for ever."""
    static = {
        **env,
        "DEBUG": "0",  # hashed names are used in pages only when DEBUG is off
        "SECRET_KEY": "test-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain http on loopback, as behind nginx
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=static,
        check=True,
        timeout=600,
    )
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    hashed = manifest["vendor/bootstrap/bootstrap.min.css"]
    assert hashed != "vendor/bootstrap/bootstrap.min.css"
    assert (tmp_path / "static" / f"{hashed}.gz").exists()
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=static,
        start_new_session=True,
    )
    try:
        wait_health(port, until=lambda status, body: True)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/account/login/", timeout=10) as page:  # noqa: S310
            assert f"/static/{hashed}" in page.read().decode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/static/{hashed}", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert response.status == 200
            assert response.headers["Content-Encoding"] == "gzip"
            assert "immutable" in response.headers["Cache-Control"]
    finally:
        stop(server)
