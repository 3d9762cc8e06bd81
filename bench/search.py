"""The case search on PostgreSQL: the union of indexed selects against the OR it replaced, with
and without the trigram indexes (migration casework 0023), side by side in one run.

    DATABASE_URL=postgres://<owner>:…/remedy100k .venv/bin/python bench/search.py

Connect as the database owner: the "without indexes" rows drop the indexes inside a transaction
that is rolled back (PostgreSQL's DDL is transactional), so the database is left as it was.
Prints a Markdown table for docs/benchmarks.md. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402

from casework.models import Case, CaseParty, PartyRole, Proceeding, User  # noqa: E402
from casework.search import CaseFilters, search_cases  # noqa: E402
from casework.selectors import VIEW_IDENTITY, cases_visible_to, granted_case_ids  # noqa: E402

USERS = ["lawyer.almaty", "supervisor"]
QUERIES = ["BENCH-2024-0045", "Қасымов", "journalist", "no such words"]
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))


def or_shaped(user: User, q: str):
    """The search as it was before the union (the baseline): one OR over columns and IN (…)."""
    text = Q(reference__icontains=q) | Q(title__icontains=q) | Q(summary__icontains=q)
    text |= Q(
        pk__in=CaseParty.objects.filter(
            role=PartyRole.RESPONDENT, authority_name__icontains=q
        ).values("case_id")
    )
    text |= Q(pk__in=Proceeding.objects.filter(court_case_number__icontains=q).values("case_id"))
    text |= Q(
        pk__in=CaseParty.objects.filter(
            Q(person__full_name__icontains=q)
            | Q(person__full_name_latin__icontains=q)
            | Q(person__full_name_cyrillic__icontains=q),
            case_id__in=granted_case_ids(user, VIEW_IDENTITY),
        ).values("case_id")
    )
    return cases_visible_to(user).filter(text)


def union_shaped(user: User, q: str):
    return search_cases(user, CaseFilters(q=q))


def _time(queryset) -> tuple[float, int]:
    """p50 in ms of what the list page runs: the count and the first page of 50."""
    page = queryset.order_by("-opened_on", "-id")[:50]
    samples, count = [], 0
    for attempt in range(REPEAT + 1):
        start = time.perf_counter()
        count = queryset.count()
        list(page)
        if attempt:  # the first run warms the caches
            samples.append(time.perf_counter() - start)
    return round(statistics.median(samples) * 1000, 1), count


def _indexes() -> list[str]:
    # A migration's module name starts with a digit: imported by name.
    module = import_module("casework.migrations.0023_search_trigram_indexes")
    return [name for name, _table, _column in module.INDEXES]


def measure() -> list[tuple]:
    rows = []
    for username in USERS:
        user = User.objects.get(username=username)
        for q in QUERIES:
            timings = {}
            for shape, build in (("or", or_shaped), ("union", union_shaped)):
                timings[(shape, "indexed")] = _time(build(user, q))
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        for name in _indexes():
                            cursor.execute(f"DROP INDEX IF EXISTS {name}")
                    timings[(shape, "no index")] = _time(build(user, q))
                    transaction.set_rollback(True)
            counts = {count for _ms, count in timings.values()}
            assert len(counts) == 1, f"the two shapes disagree for {username} {q!r}: {timings}"
            rows.append((username, q, counts.pop(), timings))
    return rows


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/search.py measures PostgreSQL; set DATABASE_URL")
    cases = Case.objects.count()
    print(f"Cases: {cases:,}. p50 of {REPEAT} runs (count + first page of 50), ms.\n")
    print(
        "| user | query | matches | OR, no index (before) | union, no index | OR, indexed "
        "| union, indexed (now) | before ÷ now |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for username, q, count, t in measure():
        before, now = t[("or", "no index")][0], t[("union", "indexed")][0]
        print(
            f"| {username} | {q} | {count:,} | {before} | {t[('union', 'no index')][0]} "
            f"| {t[('or', 'indexed')][0]} | {now} | {before / now:.1f}× |"
        )


if __name__ == "__main__":
    main()
