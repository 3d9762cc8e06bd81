"""The communication tab and overview card: who sees what, building and downloading filings."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from casework import services as case_services
from casework.models import AccessLog
from casework.selectors import VIEW
from communications import services
from communications.models import Communication, Filing, StateParty

from .conftest import VICTIM_NAME


def tab(case) -> str:
    return reverse("cases:communication", kwargs={"reference": case.reference})


def build_url(case) -> str:
    return reverse("cases:package_build", kwargs={"reference": case.reference})


def test_overview_card_shows_the_admissibility_check(client, org, ready_case):
    client.force_login(org.lawyer)
    response = client.get(ready_case.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="communication-panel"' in body
    assert "state_party" in body and "rule 99(c)" in body
    assert "Build submission package" in body


def test_communication_tab_lists_the_checks_and_the_build_forms(client, org, ready_case):
    client.force_login(org.lawyer)
    response = client.get(tab(ready_case))
    assert response.status_code == 200
    body = response.content.decode()
    for check in ("ratione_temporis", "exhaustion", "delay"):
        assert check in body
    assert "Draft domestic appeal (Russian)" in body


def test_lawyer_of_another_branch_gets_404(client, org, ready_case):
    client.force_login(org.other_lawyer)
    assert client.get(tab(ready_case)).status_code == 404
    assert client.post(build_url(ready_case), {"lang": "ru"}).status_code == 404


def test_user_without_identity_permission_cannot_build_and_is_told_why(client, org, ready_case):
    client.force_login(org.supervisor)  # sees the normal case, not the identities
    page = client.get(tab(ready_case)).content.decode()
    assert "Build submission package" not in page
    assert "needs the permission to see their identity" in page
    assert VICTIM_NAME not in page
    assert client.post(build_url(ready_case), {"lang": "ru"}).status_code == 404
    assert not Filing.objects.exists()


def test_building_from_the_page_keeps_a_filing_and_offers_its_download(client, org, ready_case):
    client.force_login(org.lawyer)
    response = client.post(build_url(ready_case), {"lang": "en"}, follow=True)
    assert response.status_code == 200
    assert "Package version 1 built" in response.content.decode()
    filing = Filing.objects.get()
    download = client.get(
        reverse(
            "cases:filing_download", kwargs={"reference": filing.case.reference, "pk": filing.pk}
        )
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    body = b"".join(download.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert "communication.pdf" in archive.namelist()


def test_download_needs_the_identity_permission(client, org, ready_case):
    filing, _ = services.build_hrc_package(case=ready_case, by=org.lawyer)
    client.force_login(org.supervisor)
    url = reverse(
        "cases:filing_download", kwargs={"reference": filing.case.reference, "pk": filing.pk}
    )
    assert client.get(url).status_code == 404


def test_missing_data_is_listed_on_the_page(client, org, case):
    Communication.objects.create(case=case, state=StateParty.objects.get(code="KZ"))
    client.force_login(org.lawyer)
    response = client.post(build_url(case), {"lang": "ru"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="package-problems"' in body
    assert "Victim: add the victim as a party of the case." in body
    assert "Annexes: choose the case documents to annex" in body
    assert not Filing.objects.exists()


def test_final_without_a_recorded_approval_is_refused_clearly(client, org, ready_case):
    client.force_login(org.lawyer)
    response = client.post(build_url(ready_case), {"lang": "ru", "final": "on"})
    assert response.status_code == 400
    assert "approval of the submission first" in response.content.decode()


def test_editing_the_communication_is_audited(client, org, case):
    client.force_login(org.lawyer)
    url = reverse("cases:communication_edit", kwargs={"reference": case.reference})
    kz = StateParty.objects.get(code="KZ")
    response = client.post(url, {"state": kz.pk, "facts": "Facts.", "remedies_requested": "X"})
    assert response.status_code == 302
    communication = Communication.objects.get(case=case)
    assert communication.facts == "Facts."
    assert communication.history.first().history_user == org.lawyer


def test_viewer_without_change_permission_cannot_edit(client, org, ready_case):
    case_services.grant_case_access(case=ready_case, user=org.other_lawyer, perms=[VIEW], by=None)
    client.force_login(org.other_lawyer)
    url = reverse("cases:communication_edit", kwargs={"reference": ready_case.reference})
    assert client.post(url, {"facts": "x"}).status_code == 404


def test_events_and_procedures_can_be_added_and_removed(client, org, ready_case):
    client.force_login(org.lawyer)
    ref = {"reference": ready_case.reference}
    response = client.post(
        reverse("cases:procedure_add", kwargs=ref),
        {"body": "Working Group on Arbitrary Detention", "status": "pending"},
    )
    assert response.status_code == 302
    page = client.get(tab(ready_case)).content.decode()
    assert "Working Group on Arbitrary Detention" in page
    assert "other_procedure" in page
    communication = Communication.objects.get(case=ready_case)
    procedure = communication.other_procedures.get()
    client.post(reverse("cases:procedure_delete", kwargs={**ref, "pk": procedure.pk}))
    assert not communication.other_procedures.exists()
    bad = client.post(reverse("cases:event_add", kwargs=ref), {"occurred_on": "2021-02-30"})
    assert bad.status_code == 400


@pytest.mark.django_db
def test_building_a_restricted_case_package_is_logged(client, org, secret_case):
    from .conftest import make_ready_case

    make_ready_case(secret_case, org.lawyer)
    client.force_login(org.lawyer)
    client.post(build_url(secret_case), {"lang": "ru"})
    assert AccessLog.objects.filter(case=secret_case, action="build_package").count() == 1


def test_communication_tab_queries_do_not_grow_with_filings(
    client, org, ready_case, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(org.lawyer)
    services.build_hrc_package(case=ready_case, by=org.lawyer)
    client.get(tab(ready_case))  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as one_filing:
        client.get(tab(ready_case))
    for _ in range(3):
        services.build_hrc_package(case=ready_case, by=org.lawyer)
    with django_assert_max_num_queries(len(one_filing)):
        response = client.get(tab(ready_case))
    assert response.status_code == 200
    assert len(one_filing) <= 40
