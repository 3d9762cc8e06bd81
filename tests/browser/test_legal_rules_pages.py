"""Browser test: awaited deadlines and named admissibility checks as a lawyer sees them (#11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deadlines import services as deadline_services
from deadlines.models import Trigger
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.communications.conftest import make_ready_case
from tests.conftest import make_case

pytestmark = BROWSER_TEST


@pytest.fixture
def ready(org):
    case = make_ready_case(
        make_case(by=org.lawyer, branch=org.almaty, title="Solitary picket"), org.lawyer
    )
    deadline_services.sync_for_event(
        case=case,
        trigger=Trigger.HRC_TRANSMITTAL,
        event_date=timezone.localdate() - dt.timedelta(days=1388),
        source_key="communication:1:transmittal",
        by=org.lawyer,
    )
    return case


def test_awaited_deadlines_and_check_names(browser, live_server, org, ready):
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/deadlines/")
    text = page.locator("main").inner_text()
    assert "awaited from the State party" in text
    assert "days overdue" not in text
    shot(page, "legal_rules_01_my_deadlines_awaited")
    page.goto(f"{live_server.url}/communications/{ready.reference}/")
    text = page.locator("main").inner_text()
    assert "Competence in time" in text and "ratione_temporis" not in text
    shot(page, "legal_rules_02_communication_checks")
