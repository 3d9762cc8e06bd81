"""Reads of a case cannot dodge the access log (security review, item 1).

Case pages logged a read only for GET, while the read views answered any method: OPTIONS (no CSRF
token needed), PUT, PATCH, DELETE or an invented method returned the whole page of a restricted
case and wrote nothing. Read-only pages now answer GET and HEAD alone (405 otherwise), and the
one place that renders a case (`casework.case_page.case_context`) writes the row whatever the
method — an invalid POST to a form page that shows the case is a logged read too.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework import services
from casework.models import AccessAction, AccessLog, PartyRole
from tests.conftest import make_case

VICTIM = "Aigerim Read-Test"
READ_PAGES = [
    "cases:detail",
    "cases:parties",
    "cases:history",
    "cases:violations",
    "cases:proceedings",
    "cases:documents",
    "cases:authorisations",
    "cases:activities",
    "cases:communication",
    "cases:deadlines",
]


@pytest.fixture
def restricted(org):
    case = make_case(
        by=org.lawyer, branch=org.almaty, title="Restricted read", confidentiality="restricted"
    )
    services.party_add(
        case=case, by=org.lawyer, role=PartyRole.VICTIM, new_person={"full_name": VICTIM}
    )
    return case


@pytest.mark.parametrize("page", READ_PAGES)
@pytest.mark.parametrize("method", ["OPTIONS", "PUT", "PATCH", "DELETE", "PROPFIND"])
def test_a_read_page_answers_405_to_other_methods_and_shows_nothing(
    client, org, restricted, page, method
):
    client.force_login(org.lawyer)
    url = reverse(page, kwargs={"reference": restricted.reference})
    response = client.generic(method, url)
    assert response.status_code == 405
    body = response.content.decode()
    assert VICTIM not in body and restricted.title not in body


@pytest.mark.parametrize("page", READ_PAGES)
def test_get_and_head_of_a_read_page_are_logged(client, org, restricted, page):
    client.force_login(org.lawyer)
    url = reverse(page, kwargs={"reference": restricted.reference})
    for method in ("get", "head"):
        before = AccessLog.objects.filter(case=restricted).count()
        assert getattr(client, method)(url).status_code == 200
        assert AccessLog.objects.filter(case=restricted).count() > before, method


def test_an_invalid_post_that_renders_the_case_is_logged(client, org, restricted):
    client.force_login(org.lawyer)
    url = reverse("cases:party_add", kwargs={"reference": restricted.reference})
    response = client.post(url, {"role": "nonsense"})
    assert response.status_code == 400
    assert restricted.title in response.content.decode()
    assert AccessLog.objects.filter(case=restricted, action=AccessAction.VIEW_CASE).exists()
