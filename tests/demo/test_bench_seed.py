"""bench_seed builds a benchmark caseload with bulk inserts that the app reads like any other."""

from __future__ import annotations

import io

from django.core.management import call_command
from viewflow.workflow.models import Task

from casework import selectors
from casework.models import Case, CaseParty
from workflows.models import CaseProcess


def test_bench_seed_adds_cases_with_parties_grants_history_and_processes(org):
    call_command("bench_seed", cases=40, stdout=io.StringIO())
    bench = Case.objects.filter(reference__startswith="BENCH-")
    assert bench.count() == 40
    assert CaseParty.objects.filter(case__in=bench).count() == 80
    assert Case.history.filter(reference__startswith="BENCH-").count() == 40
    # Half the cases are on the route, each with one open human step.
    processes = CaseProcess.objects.filter(case__in=bench)
    assert processes.count() == 20
    assert Task.objects.filter(process__in=processes, status__in=["NEW", "ASSIGNED"]).count() == 20
    # Every responsible lawyer holds the full team grant on their case, through the filter.
    case = bench.select_related("responsible_lawyer").first()
    assert set(selectors.CASE_PERMISSIONS) <= selectors.case_permissions(
        case.responsible_lawyer, case
    )
