"""Remedy's benchmarks, side by side in one run: `bench/run.py SMALL_URL LARGE_URL`.

Both URLs are PostgreSQL runtime-role URLs of databases seeded with `seed_demo` and
`bench_seed --cases N` (see docs/benchmarks.md). For each database, `bench/measure.py` times every
page for a lawyer, a supervisor and a branch head, with its query count and its main query run
as raw SQL (and its plan); then 50 concurrent users hit the large database through gunicorn
(4 sync workers) on 127.0.0.1 only, bounded in requests and in time (≤ 2 minutes). The results go
to stdout as Markdown (docs/benchmarks.md is this output).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
USERS = 50
REQUESTS_PER_USER = 8
DEADLINE_S = 90  # no new request after 90 s; with in-flight ones the run ends within 2 minutes
LOAD_PATHS = ["/cases/", "/workflow/inbox/", "/workflow/queue/", "/cases/?q=Қасымов"]


def measure(url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "measure.py")],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _session_cookies(url: str) -> list[str]:
    code = (
        "import os,sys,json;sys.path.insert(0,'.');os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
        "'config.settings');import django;django.setup();"
        "from casework.models import User;from tests.logins import verified_session_cookie;"
        "print(json.dumps([verified_session_cookie(User.objects.get(username=u))['value'] "
        "for u in ['lawyer.almaty','supervisor','head.almaty']]))"
    )
    out = subprocess.run(
        [PYTHON, "-c", code],
        env={**os.environ, "DATABASE_URL": url},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _worker_rss_kb(master_pid: int) -> list[int]:
    children = subprocess.run(
        ["ps", "-o", "pid=,rss=", "--ppid", str(master_pid)], capture_output=True, text=True
    ).stdout.split()
    return [int(rss) for rss in children[1::2]]


def concurrency(url: str) -> dict:
    sessions = _session_cookies(url)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/accounts/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        rss_before = _worker_rss_kb(server.pid)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + DEADLINE_S

        def user_loop(n: int) -> None:
            cookie = f"sessionid={sessions[n % len(sessions)]}"
            for i in range(REQUESTS_PER_USER):
                if time.monotonic() > stop_at:
                    return
                path = LOAD_PATHS[(n + i) % len(LOAD_PATHS)]
                request = urllib.request.Request(
                    f"http://127.0.0.1:{PORT}{urllib.parse.quote(path, safe='/?=')}",
                    headers={"Cookie": cookie, "Host": "localhost"},
                )
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        response.read()
                        ok = response.status == 200
                except Exception as error:  # noqa: BLE001 — every failure counts as an error
                    ok, status = False, repr(error)
                else:
                    status = "" if ok else str(response.status)
                with lock:
                    latencies.append(time.perf_counter() - start)
                    if not ok:
                        errors.append(status)

        started = time.monotonic()
        threads = [threading.Thread(target=user_loop, args=(n,)) for n in range(USERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=DEADLINE_S + 10)
        elapsed = time.monotonic() - started
        rss_after = _worker_rss_kb(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker still busy with a request: stop it now
            server.kill()
            server.wait(timeout=10)
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "error_examples": errors[:3],
        "seconds": round(elapsed, 1),
        "req_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0,
        "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000) if latencies else None,
        "rss_before_mb": [round(kb / 1024) for kb in rss_before],
        "rss_after_mb": [round(kb / 1024) for kb in rss_after],
    }


def markdown(small: dict, large: dict, load: dict, command: str) -> str:
    lines = [
        f"Measured by `{command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        f"Databases: {small['cases']:,} cases and {large['cases']:,} cases (PostgreSQL).",
        f"Times are medians of {os.environ.get('BENCH_REPEAT', '5')} requests through Django's "
        "test client after one warm-up;",
        '"SQL" is the page\'s main query run as raw SQL on the same connection; "ratio" is',
        'page ÷ SQL; "seq scan" says whether the plan of that SQL scans casework_case.',
        "",
        "| user | page | queries small / large | page ms small / large | SQL ms (large) |"
        " ratio (large) | seq scan on cases |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, row in large["pages"].items():
        user, page = key.split(" | ")
        small_row = small["pages"].get(key, {})
        sql = row.get("sql_p50_ms", "—")
        ratio = row.get("ratio", "—")
        scan = {True: "yes", False: "no"}.get(row.get("seq_scan_cases"), "—")
        status = "" if row["status"] == 200 else f" (HTTP {row['status']})"
        lines.append(
            f"| {user} | {page}{status} | {small_row.get('queries', '—')} / {row['queries']} | "
            f"{small_row.get('p50_ms', '—')} / {row['p50_ms']} | {sql} | {ratio} | {scan} |"
        )
    lines += [
        "",
        f"50 concurrent users on the large database, gunicorn with 4 sync workers on loopback, "
        f"{REQUESTS_PER_USER} requests each over {', '.join(LOAD_PATHS)}:",
        "",
        f"- requests: {load['requests']}, errors: {load['errors']} {load['error_examples']}",
        f"- throughput: {load['req_per_s']} req/s over {load['seconds']} s",
        f"- latency: p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms",
        f"- worker memory (MB) before: {load['rss_before_mb']}, after: {load['rss_after_mb']}",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    small_url, large_url = sys.argv[1], sys.argv[2]
    (ROOT / "var").mkdir(exist_ok=True)
    small = measure(small_url)
    large = measure(large_url)
    (ROOT / "var" / "bench-pages.json").write_text(json.dumps([small, large], ensure_ascii=False))
    load = concurrency(large_url)
    command = "bench/run.py SMALL_URL LARGE_URL"
    print(markdown(small, large, load, command))
    plans = {k: v.get("plan", "") for k, v in large["pages"].items() if v.get("plan")}
    (ROOT / "var" / "bench-plans.json").write_text(json.dumps(plans, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
