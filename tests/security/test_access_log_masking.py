"""The access-log page does not name cases its reader cannot open (issue 10, item 13, half).

An administrator oversees normal cases but cannot open restricted or secret ones. The log still
shows that a row exists (who, when, what kind of access: the evidence an administrator needs
after a device is seized), but neither the case's reference, nor a link, nor the object (a
document title, a reason) of a case the administrator cannot open; and filtering by the
reference of such a case finds nothing, so the filter cannot confirm that the case exists.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework import services
from casework.models import AccessAction
from casework.selectors import VIEW
from casework.services import log_access


@pytest.fixture
def logged(org, secret_case, case):
    log_access(
        user=org.lawyer, case=secret_case, action=AccessAction.DOWNLOAD, obj="Medical report"
    )
    log_access(user=org.lawyer, case=case, action=AccessAction.VIEW_IDENTITY, obj="parties")


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("security:access_log"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_rows_of_cases_the_admin_cannot_open_are_shown_masked(client, org, logged, secret_case):
    body = _page(client, org.administrator)
    assert secret_case.reference not in body
    assert secret_case.title not in body
    assert "Medical report" not in body
    assert reverse("cases:detail", kwargs={"reference": secret_case.reference}) not in body
    assert "a case you cannot open" in body
    assert body.count("lawyer") >= 2  # the row exists: who and what kind of access


def test_rows_of_cases_the_admin_may_open_keep_reference_and_link(client, org, logged, case):
    body = _page(client, org.administrator)
    assert case.reference in body
    assert reverse("cases:detail", kwargs={"reference": case.reference}) in body


def test_filtering_by_a_hidden_reference_finds_nothing(client, org, logged, secret_case):
    body = _page(client, org.administrator, case_reference=secret_case.reference)
    assert "No access recorded for these filters." in body


def test_an_admin_on_the_team_sees_the_reference(client, org, logged, secret_case):
    services.grant_case_access(
        case=secret_case, user=org.administrator, perms=[VIEW], by=org.lawyer
    )
    body = _page(client, org.administrator, case_reference=secret_case.reference)
    assert secret_case.reference in body
    assert "Medical report" in body
