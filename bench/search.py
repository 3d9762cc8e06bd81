"""The case search on PostgreSQL, side by side in one run: the OR of substring matches it
replaced, without and with the trigram indexes (migration casework 0023), and the search of now
(a union of indexed selects, words in any form through full-text search) with and without the
full-text indexes (migration casework 0024).

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
# "journalists" and "tortured" are in no bench text as such: only word forms find them.
QUERIES = ["BENCH-2024-0045", "Қасымов", "journalist", "journalists", "tortured", "no such words"]
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


def _trigram_indexes() -> list[str]:
    # A migration's module name starts with a digit: imported by name.
    module = import_module("casework.migrations.0023_search_trigram_indexes")
    return [name for name, _table, _column in module.INDEXES]


def _fulltext_indexes() -> list[str]:
    module = import_module("casework.migrations.0024_case_fulltext_indexes")
    return [f"case_text_{config}_fts" for config in module.CONFIGS]


def _without(indexes: list[str], queryset) -> tuple[float, int]:
    """Timed with `indexes` dropped, in a transaction rolled back afterwards."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for name in indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        timing = _time(queryset)
        transaction.set_rollback(True)
    return timing


def measure() -> list[tuple]:
    rows = []
    for username in USERS:
        user = User.objects.get(username=username)
        for q in QUERIES:
            timings = {
                "or, no index": _without(_trigram_indexes(), or_shaped(user, q)),
                "or, indexed": _time(or_shaped(user, q)),
                "now, no full-text index": _without(_fulltext_indexes(), union_shaped(user, q)),
                "now": _time(union_shaped(user, q)),
            }
            rows.append((username, q, timings))
    return rows


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/search.py measures PostgreSQL; set DATABASE_URL")
    cases = Case.objects.count()
    print(f"Cases: {cases:,}. p50 of {REPEAT} runs (count + first page of 50), ms.\n")
    print(
        "| user | query | matches: substrings / now | OR, no index (before) | OR, indexed "
        "| now, without full-text indexes | now | before ÷ now |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for username, q, t in measure():
        (before, substrings), (now, matches) = t["or, no index"], t["now"]
        print(
            f"| {username} | {q} | {substrings:,} / {matches:,} | {before} "
            f"| {t['or, indexed'][0]} | {t['now, no full-text index'][0]} | {now} "
            f"| {before / now:.1f}× |"
        )


if __name__ == "__main__":
    main()
