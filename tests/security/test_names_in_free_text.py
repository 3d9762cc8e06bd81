# ruff: noqa: F401, F811  (the case_file fixture is imported, then requested by name)
"""Names typed into free text: warned on save, masked for readers without identity (item 5).

"Reason for the change" in the history showed a victim's name typed into it, unmasked. Free
text that may name people (reasons, notes, titles, summaries) is checked against the case's
protected names when saved (the user must confirm with a second submit), and readers without
the identity grant see those names masked wherever the text is shown.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from casework import services
from casework.models import Activity, ActivityKind
from casework.selectors import VIEW
from tests.casework.ui_fixtures import CLIENT_NAME, VICTIM_NAME, case_file

TYPED = "Позвонила Жумабековой: Aigerim confirmed the date"


def _activity_post(client, case, **extra):
    url = reverse("cases:activity_add", kwargs={"reference": case.reference})
    data = {"kind": "call", "occurred_on": "2026-01-20", "text": TYPED, "reason": ""}
    return client.post(url, {**data, **extra})


def test_saving_a_name_is_refused_once_with_the_words_found(client, org, case_file):
    client.force_login(org.lawyer)
    before = Activity.objects.count()
    response = _activity_post(client, case_file.case)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Жумабековой, Aigerim" in body
    assert "save it anyway" in body
    assert 'type="checkbox" name="confirm_names"' in body
    assert Activity.objects.count() == before


def test_confirming_saves_the_text_as_typed(client, org, case_file):
    client.force_login(org.lawyer)
    response = _activity_post(client, case_file.case, confirm_names="on")
    assert response.status_code == 302
    assert Activity.objects.filter(text=TYPED).exists()


def test_text_without_names_saves_at_once(client, org, case_file):
    client.force_login(org.lawyer)
    response = _activity_post(client, case_file.case, text="Called the court registry")
    assert response.status_code == 302


def test_a_reason_naming_the_victim_is_checked_too(client, org, case_file):
    client.force_login(org.lawyer)
    case = case_file.case
    url = reverse("cases:edit", kwargs={"reference": case.reference})
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "branch": case.branch_id,
            "theme": case.theme_id,
            "opened_on": "2026-01-15",
            "reason": "Zhumabekova asked for it",
        }
    )
    data.pop("responsible_lawyer", None)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Zhumabekova" in response.content.decode()


@pytest.fixture
def named_everywhere(org, case_file):
    """A reason, an activity note, a document-less title and a summary that name people."""
    case = case_file.case
    services.activity_add(
        case=case,
        by=org.lawyer,
        kind=ActivityKind.NOTE,
        occurred_on=dt.date(2026, 1, 10),
        text=f"Met {VICTIM_NAME} and her father {CLIENT_NAME}",
        reason="Notes after the visit to Жумабековой",
    )
    services.case_update(
        case=case,
        by=org.lawyer,
        data={"summary": "Айгерим Жумабекова was detained at the rally."},
        expected_version=None,
        reason="Facts told by Zhumabekova",
    )
    services.grant_case_access(case=case, user=org.other_lawyer, perms=[VIEW], by=org.lawyer)
    return case


@pytest.mark.parametrize("tab", ["history", "activities", "detail"])
def test_readers_without_identity_see_names_masked(client, org, named_everywhere, tab):
    client.force_login(org.other_lawyer)
    url = reverse(f"cases:{tab}", kwargs={"reference": named_everywhere.reference})
    body = client.get(url).content.decode()
    for leaked in ("Zhumabekova", "Жумабековой", "Жумабекова", VICTIM_NAME, CLIENT_NAME):
        assert leaked not in body, f"{tab} shows {leaked!r}"
    assert "Victim A" in body


def test_readers_with_identity_see_the_text_as_written(client, org, named_everywhere):
    client.force_login(org.lawyer)
    url = reverse("cases:history", kwargs={"reference": named_everywhere.reference})
    body = client.get(url).content.decode()
    assert "Facts told by Zhumabekova" in body


def test_case_list_masks_names_in_titles_for_readers_without_identity(client, org, case_file):
    case = case_file.case
    services.case_update(
        case=case,
        by=org.lawyer,
        data={"title": "Dispersal: Zhumabekova v. Akimat"},
        expected_version=None,
        reason="Short title",
    )
    client.force_login(org.supervisor)  # oversees the case, may not see identities
    body = client.get(reverse("cases:list")).content.decode()
    assert case.reference in body
    assert "Zhumabekova" not in body
    assert "Dispersal: Victim A v. Akimat" in body
    client.force_login(org.lawyer)
    assert "Zhumabekova v. Akimat" in client.get(reverse("cases:list")).content.decode()
