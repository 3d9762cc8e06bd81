"""Normal vs duress login, timed as a watcher would: over HTTP, through gunicorn, to the last byte.

`bench/duress_timing.py [ROUNDS]` (default 15). The database is DATABASE_URL (the runtime role
on PostgreSQL, with the owner role in DATABASE_MIGRATE_URL for `migrate`) or, unset, a fresh
SQLite file in a temporary directory; it is migrated and, if it has no demo, seeded with
`seed_demo`. gunicorn serves it with the
production worker count (3, deploy/systemd/remedy-web.service) on 127.0.0.1 only.

Each round logs in two lawyers of the demo, in alternating order: one with the real password,
one with the duress password, each with a fresh backup code (a TOTP code cannot be reused within
its 30 s step). A login is the four requests a browser sends: the password step, the switch to
the backup-code step, the code, and the redirect to the case list — sent back to back, with no
human pause, the harshest case (a watcher's next request could otherwise hide the work behind
the typing). Each request is timed to the last byte of its answer. After each duress login the
bench reinstates the locked-down account (active, password, TOTP device) through the ORM.

Prints Markdown: per-step medians of both paths and the ratio duress / normal of the medians of
whole logins (1.00 means indistinguishable; the unit test bounds it at 0.67–1.5, this measures it).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8766"))
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "bench-Password-4821"
DURESS = "quiet-river-under-snow-42"
NORMAL_USER, DURESS_USER = "lawyer.almaty", "lawyer.shymkent"
STEPS = ("password", "to backup step", "backup code", "case list")

_tmp = None
if "DATABASE_URL" not in os.environ:
    _tmp = tempfile.TemporaryDirectory(prefix="remedy-duress-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{_tmp.name}/bench.sqlite3"
os.environ.setdefault("DEBUG", "1")  # plain HTTP on loopback: no Secure cookies
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken  # noqa: E402

from casework.models import User  # noqa: E402
from security.duress import duress_password_set  # noqa: E402
from tests.logins import otp_device_for  # noqa: E402


def prepare() -> None:
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username=NORMAL_USER).exists():
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("seed_demo", verbosity=0)
    for username in (NORMAL_USER, DURESS_USER):
        reinstate(username)
    duress_password_set(
        user=User.objects.get(username=DURESS_USER), password=DURESS, current_password=PASSWORD
    )


def reinstate(username: str) -> None:
    User.objects.filter(username=username).update(is_active=True, password=make_password(PASSWORD))
    otp_device_for(User.objects.get(username=username))


def backup_code(username: str, n: int) -> str:
    device, _ = StaticDevice.objects.get_or_create(
        user=User.objects.get(username=username), name="backup"
    )
    code = f"bench{n:04d}"
    StaticToken.objects.create(device=device, token=code)
    return code


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def login(username: str, password: str, code: str) -> list[float]:
    """The four requests of a login, each timed to its last byte; asserts it ended on the list."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(f"{BASE}/accounts/login/").read().decode()
    steps = [
        {
            "login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": password,
        },
        {"login_view-current_step": "token", "wizard_goto_step": "backup"},
        {"login_view-current_step": "backup", "backup-otp_token": code},
    ]
    times = []
    for n, fields in enumerate(steps):
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": _csrf(page)}).encode()
        request = urllib.request.Request(
            f"{BASE}/accounts/login/", data=data, headers={"Referer": f"{BASE}/accounts/login/"}
        )
        if n < 2:
            start = time.perf_counter()
            with opener.open(request) as response:
                page = response.read().decode()
            times.append(time.perf_counter() - start)
        else:
            # The code's answer is a redirect; time it and the case list separately.
            no_redirect = urllib.request.build_opener(
                *[
                    h
                    for h in opener.handlers
                    if not isinstance(h, urllib.request.HTTPRedirectHandler)
                ],
                _NoRedirect(),
            )
            start = time.perf_counter()
            with no_redirect.open(request) as response:
                response.read()
                location = response.headers["Location"]
            times.append(time.perf_counter() - start)
            start = time.perf_counter()
            with opener.open(urllib.parse.urljoin(BASE, location)) as response:
                body = response.read().decode()
                final = response.url
            times.append(time.perf_counter() - start)
            if not final.rstrip("/").endswith("/cases"):
                raise SystemExit(f"{username}: login ended at {final}, not the case list")
            if 'name="csrfmiddlewaretoken"' in body and "auth-password" in body:
                raise SystemExit(f"{username}: still on the login form")
    return times


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp


def serve() -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/accounts/login/", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    prepare()
    server = serve()
    normal: list[list[float]] = []
    duress: list[list[float]] = []
    try:
        login(NORMAL_USER, PASSWORD, backup_code(NORMAL_USER, 9999))  # warm every worker up
        for n in range(rounds):
            pair = [
                (normal, NORMAL_USER, PASSWORD),
                (duress, DURESS_USER, DURESS),
            ]
            for into, username, password in pair if n % 2 == 0 else reversed(pair):
                into.append(login(username, password, backup_code(username, n)))
                if into is duress:
                    time.sleep(0.5)  # let the work after the answer finish before reinstating
                    reinstate(DURESS_USER)
    finally:
        server.terminate()
        server.wait(timeout=30)

    def median_ms(samples: list[float]) -> str:
        return f"{statistics.median(samples) * 1000:.0f}"

    print(f"Rounds: {rounds}, database: {django.db.connection.vendor}, gunicorn 3 sync workers.\n")
    print("| request | normal login, median ms | duress login, median ms | ratio |")
    print("|---|---:|---:|---:|")
    for i, step in enumerate(STEPS):
        a = statistics.median(s[i] for s in normal)
        b = statistics.median(s[i] for s in duress)
        print(f"| {step} | {a * 1000:.0f} | {b * 1000:.0f} | {b / a:.2f} |")
    whole_n = [sum(s) for s in normal]
    whole_d = [sum(s) for s in duress]
    ratio = statistics.median(whole_d) / statistics.median(whole_n)
    print(f"| **whole login** | {median_ms(whole_n)} | {median_ms(whole_d)} | **{ratio:.2f}** |")
    q = statistics.quantiles
    print(
        f"\nWhole login, quartiles (ms): normal "
        f"{', '.join(f'{x * 1000:.0f}' for x in q(whole_n, n=4))}; duress "
        f"{', '.join(f'{x * 1000:.0f}' for x in q(whole_d, n=4))}."
    )


if __name__ == "__main__":
    main()
