"""Time the statistics page and its API on the current database (docs/benchmarks.md).

    manage.py bench_seed --cases 100000      # perf's seed
    manage.py bench_statistics --runs 15

Each request goes through the view with a real user of each reader kind (analyst, supervisor,
branch head, lawyer); prints p50/p90 in milliseconds and the number of queries.
"""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from casework.models import Case, Role, User
from reporting import views

TARGETS = [
    ("page", views.index, {}),
    ("page, one region", views.index, {"region": "KZ-75"}),
    ("api by region_today", views.api, {"by": "region_today"}),
    ("api by theme, filtered", views.api, {"by": "theme", "from": "2024-01-01"}),
    ("api by article", views.api, {"by": "article"}),
]


class Command(BaseCommand):
    help = "Time the statistics page and API for each kind of reader."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=15)

    def handle(self, *args, runs: int, **options) -> None:
        factory = RequestFactory()
        readers = {
            role: User.objects.filter(groups__name=role, is_active=True).order_by("pk").first()
            for role in (Role.ANALYST, Role.SUPERVISOR, Role.BRANCH_HEAD, Role.LAWYER)
        }
        self.stdout.write(f"{Case.objects.count()} cases on {connection.vendor}")
        self.stdout.write("| reader | request | p50 ms | p90 ms | queries |")
        self.stdout.write("|---|---|---|---|---|")
        for role, user in readers.items():
            if user is None:
                continue
            for name, view, query in TARGETS:
                timings, queries = [], 0
                for _run in range(runs):
                    request = factory.get("/statistics/", query)
                    request.user = user
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        response = view(request)
                        if hasattr(response, "render"):
                            response.render()
                        timings.append((time.perf_counter() - started) * 1000)
                    queries = len(captured.captured_queries)
                timings.sort()
                p90 = timings[min(len(timings) - 1, int(len(timings) * 0.9))]
                self.stdout.write(
                    f"| {role} | {name} | {statistics.median(timings):.0f} | {p90:.0f} "
                    f"| {queries} |"
                )
