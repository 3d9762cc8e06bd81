"""The workflow demo runs real cases through the flow: a live task at every step, idempotent."""

from __future__ import annotations

import io

import pytest
from viewflow.workflow.status import PROCESS, STATUS

from casework.models import ClosureReason, Role
from communications.models import InterimMeasuresRequest
from demo import workflows as demo
from tests.conftest import make_user
from workflows.flows import InterimMeasuresFlow, LitigationFlow
from workflows.models import CaseProcess
from workflows.nodes import CaseTask


@pytest.fixture
def demo_staff(org):
    from casework.models import Branch

    for code in ("astana", "karaganda", "shymkent", "taraz"):
        Branch.objects.get_or_create(code=code, defaults={"name": code.title(), "city": code})
    cities_ru = {
        "astana": "Астана",
        "karaganda": "Караганда",
        "shymkent": "Шымкент",
        "taraz": "Тараз",
        "uralsk": "Уральск",
        "almaty": "Алматы",
    }
    for code, city_ru in cities_ru.items():
        # What a draft package needs of counsel and the branch (the base demo records it).
        Branch.objects.filter(code=code).update(city_ru=city_ru)
        make_user(
            f"lawyer.{code}",
            role=Role.LAWYER,
            branch=Branch.objects.get(code=code),
            full_name_cyrillic=f"Юрист {city_ru}",
        )
    return org


def test_demo_puts_a_live_task_at_every_step_and_finishes_cases(demo_staff, case):
    demo.seed(io.StringIO())
    assert CaseProcess.objects.filter(case=case).exists()  # the existing caseload joins too
    # `interim_measures` is reached only by routes submitted before interim measures had their
    # own flow (issue #11); the demo's urgent request runs in that flow and waits on compliance.
    human_nodes = {
        n.name
        for n in LitigationFlow.instance.nodes()
        if isinstance(n, CaseTask) and n.name != "interim_measures"
    }
    live = set(
        CaseProcess.objects.filter(status=PROCESS.NEW)
        .values_list("task__flow_task", flat=True)
        .filter(task__status__in=[STATUS.NEW, STATUS.ASSIGNED])
    )
    assert human_nodes <= {node.name for node in live}
    assert InterimMeasuresFlow.watch_compliance in live
    request = InterimMeasuresRequest.objects.get()
    assert request.response == "granted" and request.filings.count() == 0
    reasons = set(CaseProcess.objects.values_list("case__closure_reason", flat=True))
    assert {
        ClosureReason.VIEWS_IMPLEMENTED,
        ClosureReason.DECLINED,
        ClosureReason.WITHDRAWN,
    } <= reasons

    count = CaseProcess.objects.count()
    out = io.StringIO()
    demo.seed(out)
    assert CaseProcess.objects.count() == count
    assert "0 case(s) run through the litigation flow, 0 existing" in out.getvalue()
