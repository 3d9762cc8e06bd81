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


def test_urgent_interim_measures_card_and_open_page(browser, live_server, org, ready):
    from communications.models import StateParty
    from workflows import services as flow_services

    flow_services.start_flow_for_case(case=ready, by=org.lawyer)
    flow_services.interim_measures_open(
        case=ready,
        by=org.supervisor,
        data={
            "state": StateParty.objects.get(code="KZ").pk,
            "grounds": "extradition",
            "explanation": "Экстрадиция назначена на пятницу.",
            "explanation_en": "The extradition is set for Friday.",
            "measures_sought": "Не выдавать автора.",
            "measures_sought_en": "Not to extradite the author.",
        },
    )
    for width, suffix in ((1280, "desktop"), (390, "mobile")):
        page = page_for(browser, org.supervisor, width=width)
        page.goto(f"{live_server.url}/cases/{ready.reference}/communication/")
        card = page.locator("#interim-measures").inner_text()
        assert "Urgent interim measures (rule 94)" in card
        assert "not sent yet" in card and "Send the interim-measures request" in card
        shot(page, f"legal_rules_03_interim_card_{suffix}")
        page.goto(f"{live_server.url}/cases/{ready.reference}/workflow/interim/")
        assert "Open the urgent request" in page.locator("main").inner_text()
        shot(page, f"legal_rules_04_interim_open_{suffix}")
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/cases/{ready.reference}/")
    assert "Urgent interim measures" in page.locator("#interim-measures").inner_text()
    shot(page, "legal_rules_05_interim_overview_lawyer")
