"""Browser test: the contingency pages, and a duress login through the real login form.

Screenshots go to tests/artifacts/ (git-ignored) so a person can look at the pages.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password

from casework import services
from security import contacts, incidents
from security.duress import duress_password_set
from security.models import ContactCategory, IncidentKind
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.conftest import PASSWORD, make_case
from tests.logins import otp_device_for, totp_code

pytestmark = BROWSER_TEST

DURESS = "quiet-river-under-snow-42"


@pytest.fixture
def world(org):
    case = make_case(by=org.lawyer, branch=org.almaty, title="Detention after a picket")
    party = services.party_add(
        case=case, by=org.lawyer, role="client", new_person={"full_name": "Aliya Browserova"}
    )
    for name, category, office in (
        ("Demo: duty lawyer", ContactCategory.LAWYER_ON_CALL, org.almaty),
        ("Demo: police duty line", ContactCategory.STATE_BODY, org.almaty),
        ("Demo: OSCE programme officer", ContactCategory.INTERNATIONAL_PARTNER, None),
    ):
        contacts.contact_create(
            by=org.administrator,
            branch=office,
            category=category,
            name=name,
            organisation="Demo organisation",
            phones="+7 700 000 00 00",
            languages="ru, kk",
        )
    incident = incidents.incident_open(
        by=org.supervisor,
        kind=IncidentKind.CLIENT_DETAINED,
        branch=org.almaty,
        cases=[case],
        party=party,
        place="Demo district police station",
        description="Taken away after the hearing.",
    )
    return case, incident


def test_contingency_pages_render(browser, live_server, org, world):
    case, incident = world
    page = page_for(browser, org.branch_head)
    page.goto(f"{live_server.url}/security/contacts/office/{org.almaty.pk}/")
    assert "Demo: duty lawyer" in page.content()
    shot(page, "contingency_01_directory")
    page.goto(f"{live_server.url}/security/incidents/{incident.pk}/")
    assert "Aliya Browserova" not in page.content()  # the head has no identity grant
    shot(page, "contingency_02_incident")
    page.get_by_role("button", name="Done").first.click()
    assert "Done by" in page.content()
    page.goto(f"{live_server.url}/security/duress/")
    shot(page, "contingency_03_duress")


def test_a_duress_login_in_the_browser_lands_on_an_ordinary_empty_case_list(
    browser, live_server, org, world
):
    case, _incident = world
    lawyer = org.lawyer
    lawyer.password = make_password(PASSWORD)
    lawyer.save()
    otp_device_for(lawyer)
    duress_password_set(user=lawyer, password=DURESS, current_password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name='auth-username']", lawyer.username)
    page.fill("input[name='auth-password']", DURESS)
    page.locator("button[type='submit']").last.click()
    page.fill("input[name='token-otp_token']", totp_code(lawyer))
    page.locator("button[type='submit']").last.click()
    page.wait_for_url(f"{live_server.url}/cases/")
    body = page.content()
    assert case.reference not in body
    assert lawyer.get_full_name() in body
    shot(page, "contingency_04_duress_landing")
    lawyer.refresh_from_db()
    assert not lawyer.is_active
