"""Browser test: a lawyer logs in, lists cases, opens one, edits it; a supervisor sees masks.

Drives Debian's Chromium through Playwright (never a downloaded browser). Screenshots go to
tests/artifacts/ (git-ignored) so a person can look at the pages.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casework import services
from casework.models import CovenantArticle, Instance, Outcome, PartyRole
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.conftest import make_case

pytestmark = BROWSER_TEST


@pytest.fixture
def demo_case(org):
    case = make_case(
        by=org.lawyer,
        branch=org.almaty,
        title="Dispersal of a peaceful rally in Almaty",
        summary="The client was detained while holding a poster at an unauthorised rally.",
        responsible_lawyer=org.lawyer,
    )
    services.party_add(
        case=case,
        by=org.lawyer,
        role=PartyRole.VICTIM,
        new_person={"full_name": "Aigerim Zhumabekova", "birth_date": dt.date(1990, 3, 4)},
    )
    services.party_add(
        case=case, by=org.lawyer, role=PartyRole.RESPONDENT, authority_name="Almaty City Akimat"
    )
    services.violation_add(case=case, by=org.lawyer, article=CovenantArticle.objects.get(number=21))
    services.proceeding_record(
        case=case,
        by=org.lawyer,
        level=Instance.FIRST_INSTANCE,
        body="Almaly District Court of Almaty",
        filed_on=dt.date(2025, 5, 1),
        decided_on=dt.date(2025, 6, 2),
        outcome=Outcome.DISMISSED,
    )
    for n in range(3):
        make_case(by=org.lawyer, branch=org.almaty, title=f"Refusal to register association {n}")
    return case


def test_lawyer_lists_opens_and_edits_a_case(browser, live_server, org, demo_case):
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/cases/")
    assert page.locator("h1").inner_text() == "Cases"
    assert page.locator("table tbody tr").count() == 4
    shot(page, "01_case_list")

    page.fill("input[name=q]", "Zhumabekova")
    page.click("button:has-text('Filter')")
    assert page.locator("table tbody tr").count() == 1
    page.click(f"text={demo_case.reference}")
    assert demo_case.title in page.locator("h1").inner_text()
    shot(page, "02_case_overview")

    page.click(".case-tabs >> text=Parties")
    assert page.locator("text=Aigerim Zhumabekova").count() == 1
    shot(page, "03_case_parties")

    page.click("text=Edit case")
    page.fill("input[name=title]", "Dispersal of a peaceful rally (appeal pending)")
    # The stage follows the route; the edit form offers no stage (issue 12).
    assert page.locator("select[name=stage]").count() == 0
    page.fill("input[name=reason]", "Appeal lodged")
    shot(page, "04_case_edit")
    page.click("button:has-text('Save')")
    page.wait_for_url(f"**/cases/{demo_case.reference}/")
    assert "appeal pending" in page.locator("h1").inner_text()
    assert page.locator(".alert-success").count() == 1

    page.click(".case-tabs >> text=History")
    assert page.locator("text=Appeal lodged").count() >= 1
    shot(page, "05_case_history")

    page.click(".language-switcher button[value=ru]")  # a plain POST form, no JavaScript
    page.wait_for_load_state()
    assert page.locator(".case-tabs .active").inner_text() == "История"
    shot(page, "08_case_history_ru")
    page.click(".case-tabs >> text=Обзор")
    shot(page, "09_case_overview_ru")
    page.context.close()


def test_validation_messages_show_in_the_browser(browser, live_server, org, demo_case):
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/cases/{demo_case.reference}/proceedings/add/")
    page.select_option("select[name=level]", "cassation")
    page.fill("input[name=body]", "Supreme Court")
    page.fill("input[name=filed_on]", "2025-07-01")
    page.click("button:has-text('Save')")
    assert page.locator(".invalid-feedback").filter(has_text="Cassation needs").count() == 1
    shot(page, "06_proceeding_error")
    page.context.close()


def test_supervisor_sees_masked_identities_on_a_phone(browser, live_server, org, demo_case):
    page = page_for(browser, org.supervisor, width=390)
    page.goto(f"{live_server.url}/cases/{demo_case.reference}/parties/")
    content = page.content()
    assert "Zhumabekova" not in content
    assert "Victim A" in content
    shot(page, "07_parties_masked_mobile")
    page.context.close()
