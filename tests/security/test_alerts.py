"""Unusual reading raises an alert: a notice to administrators and an "alert" access-log row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from casework.models import AccessAction, AccessLog, Confidentiality
from casework.services import log_access
from security.models import Notice
from security.notices import notify_administrators
from tests.conftest import make_case


@pytest.fixture
def limits(settings):
    settings.REMEDY_ALERT_WINDOW_MINUTES = 60
    settings.REMEDY_ALERT_READS_PER_WINDOW = 3
    settings.REMEDY_ALERT_DOWNLOADS_PER_WINDOW = 4


@pytest.fixture
def restricted_cases(org):
    return [
        make_case(
            by=org.lawyer,
            branch=org.almaty,
            title=f"Restricted case {n}",
            confidentiality=Confidentiality.RESTRICTED,
        )
        for n in range(6)
    ]


def alerts():
    return AccessLog.objects.filter(action=AccessAction.ALERT)


def read(org, cases, action=AccessAction.VIEW_CASE):
    for case in cases:
        log_access(user=org.lawyer, case=case, action=action)


def test_reading_many_restricted_cases_alerts_the_administrators(org, limits, restricted_cases):
    read(org, restricted_cases[:3])
    assert not alerts().exists()
    read(org, restricted_cases[3:4])
    alert = alerts().get()
    assert alert.user == org.lawyer
    assert alert.object_repr.startswith("reads: 4 in 60 min")
    notice = Notice.objects.get()
    assert notice.recipient == org.administrator
    assert "lawyer" in notice.subject
    assert "4 different restricted or secret cases" in notice.body
    # The notice names no case: the administrator may not be allowed to open them.
    assert all(case.reference not in notice.body for case in restricted_cases)


def test_rereading_the_same_cases_is_not_unusual(org, limits, restricted_cases):
    for _ in range(10):
        read(org, restricted_cases[:2])
    assert not alerts().exists()


def test_the_alert_is_sent_once_per_window(org, limits, restricted_cases):
    read(org, restricted_cases)
    read(org, restricted_cases)
    assert alerts().count() == 1
    assert Notice.objects.count() == 1


def test_a_new_window_alerts_again(org, limits, restricted_cases, monkeypatch):
    read(org, restricted_cases[:4])
    later = timezone.now() + dt.timedelta(minutes=61)
    monkeypatch.setattr(AccessLog._meta.get_field("at"), "_get_default", lambda: later)
    read(org, restricted_cases[:4])
    assert alerts().count() == 2


def test_many_downloads_alert_separately(org, limits, restricted_cases):
    for _ in range(5):
        log_access(user=org.lawyer, case=restricted_cases[0], action=AccessAction.DOWNLOAD)
    alert = alerts().get()
    assert alert.object_repr.startswith("downloads: 5")
    assert "downloaded 5 documents" in Notice.objects.get().subject


def test_the_thresholds_are_settings(org, settings, restricted_cases):
    settings.REMEDY_ALERT_READS_PER_WINDOW = 10
    read(org, restricted_cases)
    assert not alerts().exists()


def test_each_account_is_counted_on_its_own(org, limits, restricted_cases):
    read(org, restricted_cases[:3])
    for case in restricted_cases[3:5]:
        log_access(user=org.supervisor, case=case, action=AccessAction.VIEW_CASE)
    assert not alerts().exists()


def test_every_active_administrator_is_told_and_nobody_else(org, limits, restricted_cases):
    from tests.conftest import make_user

    second = make_user("admin2", role="administrator", branch=org.almaty)
    gone = make_user("admin3", role="administrator", branch=org.almaty, is_active=False)
    read(org, restricted_cases[:4])
    assert set(Notice.objects.values_list("recipient", flat=True)) == {
        org.administrator.pk,
        second.pk,
    }
    assert not Notice.objects.filter(recipient=gone).exists()


def test_notify_administrators_is_the_one_entry_point(org, secret_case):
    notices = notify_administrators(subject="Break-glass grant", body="why", case=secret_case)
    assert [n.recipient for n in notices] == [org.administrator]
    assert notices[0].case == secret_case


def test_the_alert_keeps_the_access_log_chain_intact(org, limits, restricted_cases):
    from casework.access_chain import verify_access_log

    read(org, restricted_cases)
    assert verify_access_log().broken is None


def test_notices_page_shows_my_notices_and_names_only_cases_i_may_open(client, org, secret_case):
    from django.urls import reverse

    from security.notices import notify

    notify(
        recipients=[org.administrator], subject="About a secret case", body="b", case=secret_case
    )
    notify(recipients=[org.lawyer], subject="For the lawyer", body="b", case=secret_case)
    client.force_login(org.administrator)
    body = client.get(reverse("security:notices")).content.decode()
    assert "About a secret case" in body and "For the lawyer" not in body
    assert secret_case.reference not in body  # the administrator has no grant on it
    client.force_login(org.lawyer)
    assert secret_case.reference in client.get(reverse("security:notices")).content.decode()


def test_marking_notices_read(client, org):
    from django.urls import reverse

    notify_administrators(subject="s", body="b")
    client.force_login(org.administrator)
    assert client.post(reverse("security:notices_read")).status_code == 302
    assert Notice.objects.get().read_at is not None
