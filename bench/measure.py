"""Measure one database (the one DATABASE_URL names): every page for three users, each page's
main query as raw SQL, and its plan. Prints one JSON object; `bench/run.py` drives it.

Not a test: timings depend on the machine. Run through `bench/run.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from casework.models import AccessLog, Case, User  # noqa: E402
from casework.search import CaseFilters, search_cases  # noqa: E402
from tests.logins import force_login_verified  # noqa: E402
from workflows import worklists  # noqa: E402

USERS = ["lawyer.almaty", "supervisor", "head.almaty", "admin"]
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
SEARCH = "Қасымов"


def _p50(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def _page(client: Client, path: str) -> dict:
    client.get(path, HTTP_HOST="localhost")  # warm the caches of this process
    times, queries, status = [], 0, 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path, HTTP_HOST="localhost")
            times.append(time.perf_counter() - start)
        queries, status = len(ctx.captured_queries), response.status_code
    return {"status": status, "queries": queries, "p50_ms": _p50(times)}


def _raw(queryset) -> dict:
    """The page's main query, as SQL run directly: its time and whether it scans all cases."""
    sql, params = queryset.query.sql_with_params()
    times = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.fetchall()
        for _ in range(REPEAT):
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append(time.perf_counter() - start)
        plan = ""
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    return {
        "sql_p50_ms": _p50(times),
        "seq_scan_cases": "Seq Scan on casework_case " in plan + " ",
        "plan": plan,
    }


def main() -> None:
    result = {"cases": Case.objects.count(), "pages": {}}
    client = Client()
    for username in USERS:
        user = User.objects.get(username=username)
        force_login_verified(client, user)
        case = (
            Case.objects.filter(pk__in=worklists.inbox(user).values("process__caseprocess__case"))
            .order_by("pk")
            .first()
        ) or search_cases(user, CaseFilters()).order_by("-opened_on", "-id").first()
        pages = {
            "case list": (
                "/cases/",
                search_cases(user, CaseFilters()).order_by("-opened_on", "-id")[:50],
            ),
            "search": (
                f"/cases/?q={SEARCH}",
                search_cases(user, CaseFilters(q=SEARCH)).order_by("-opened_on", "-id")[:50],
            ),
            "case page": (f"/cases/{case.reference}/", None),
            "inbox": ("/workflow/inbox/", worklists.inbox(user)[:50]),
            "queue": ("/workflow/queue/", worklists.queue(user)[:50]),
            "archive": ("/workflow/archive/", worklists.archive(user)[:50]),
            "workload": ("/workflow/workload/", None),
            "deadlines (branch)": ("/deadlines/branch/", None),
            "deadlines (overdue)": ("/deadlines/overdue/", None),
            "access log by user": (
                f"/security/access-log/?user={username}",
                AccessLog.objects.filter(user__username__icontains=username)[:50],
            ),
        }
        for name, (path, main_query) in pages.items():
            row = _page(client, path)
            if main_query is not None and row["status"] == 200:
                row.update(_raw(main_query))
                row["ratio"] = round(row["p50_ms"] / max(row["sql_p50_ms"], 0.01), 1)
            result["pages"][f"{username} | {name}"] = row
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
