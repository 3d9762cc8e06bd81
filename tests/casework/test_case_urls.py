"""One URL tree per case: every page of a case lives under /cases/<reference>/, and the addresses
it had before redirect there permanently so that bookmarks keep working."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework.case_page import TABS


def test_every_tab_of_a_case_lives_under_its_reference(case):
    prefix = f"/cases/{case.reference}/"
    for tab in TABS:
        assert reverse(tab.url_name, kwargs={"reference": case.reference}).startswith(prefix)
    for name in ("communication_edit", "package_build", "workflow_start", "workflow_stop"):
        assert reverse(f"cases:{name}", kwargs={"reference": case.reference}).startswith(prefix)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/deadlines/case/{ref}/", "/cases/{ref}/deadlines/"),
        ("/communications/{ref}/", "/cases/{ref}/communication/"),
        ("/communications/{ref}/edit/", "/cases/{ref}/communication/edit/"),
        ("/communications/{ref}/events/add/", "/cases/{ref}/communication/events/add/"),
        ("/workflow/cases/{ref}/start/", "/cases/{ref}/workflow/start/"),
        ("/workflow/cases/{ref}/stop/?x=1", "/cases/{ref}/workflow/stop/?x=1"),
    ],
)
def test_old_addresses_redirect_permanently(client, org, case, old, new):
    client.force_login(org.lawyer)
    response = client.get(old.format(ref=case.reference))
    assert response.status_code == 301
    assert response["Location"] == new.format(ref=case.reference)


def test_old_filing_address_redirects_only_those_who_may_download_it(client, org, case):
    from communications.models import Filing, FilingKind

    filing = Filing.objects.create(
        case=case,
        kind=FilingKind.HRC_PACKAGE,
        version=1,
        language="ru",
        sha256="0" * 64,
        bytes=0,
        generated_by=org.lawyer,
    )
    old = f"/communications/filings/{filing.pk}/download/"
    client.force_login(org.lawyer)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == reverse(
        "cases:filing_download", kwargs={"reference": case.reference, "pk": filing.pk}
    )
    client.force_login(org.other_lawyer)  # may not see the case: its reference must not leak
    response = client.get(old)
    assert response.status_code == 404
    assert case.reference not in response.content.decode()
    assert "Location" not in response
