"""The statistics page with each dimension's base filtered in SQL (now) against flagged on every
case (before), side by side in one process, alternating.

    DATABASE_URL=postgres://<runtime role>:…/remedy100k .venv/bin/python bench/statistics_bases.py

"Before" is the same code with the dimensions that have a base (follow-up grade, Committee
outcome, domestic outcome) listed as shared cubes, which flag their base on every case instead
of filtering by it. Prints Markdown rows for docs/benchmarks.md. Not a test.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from casework.models import User  # noqa: E402
from reporting import aggregation, views  # noqa: E402

NOW = aggregation.CUBES
BEFORE = NOW + (("followup",), ("committee_outcome",), ("outcome",))
USERS = ["supervisor", "analyst", "lawyer.almaty"]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "4"))


def main() -> None:
    factory = RequestFactory()
    print("| reader | before ms | after ms | before ÷ after |\n|---|---|---|---|")
    for username in USERS:
        user = User.objects.get(username=username)
        samples: dict[str, list[float]] = {"before": [], "now": []}
        for attempt in range(ROUNDS + 1):
            for label, cubes in (("before", BEFORE), ("now", NOW)):
                aggregation.CUBES = cubes
                request = factory.get("/statistics/")
                request.user, request.session = user, SessionStore()
                start = time.perf_counter()
                views.index(request)
                if attempt:  # the first round warms the caches
                    samples[label].append(time.perf_counter() - start)
        before, now = (statistics.median(samples[k]) * 1000 for k in ("before", "now"))
        print(f"| {username} | {before:.0f} | {now:.0f} | {before / now:.1f}× |")


if __name__ == "__main__":
    main()
