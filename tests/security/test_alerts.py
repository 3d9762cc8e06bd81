"""Unusual reading raises an alert: an in-app-only notification to administrators (the bell and
the banner) and an "alert" access-log row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from casework.models import AccessAction, AccessLog, Confidentiality
from casework.services import log_access
from notifications.models import EmailStatus, Kind, Notification
from notifications.selectors import top_bar
from security.alarms import alert_administrators
from tests.conftest import make_case, make_user

Notice = Notification.objects


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
    notice = Notice.get()
    assert (notice.recipient, notice.kind, notice.actor) == (
        org.administrator,
        Kind.READING_ALERT,
        org.lawyer,
    )
    assert notice.params == {"count": 4, "minutes": 60}
    assert org.lawyer.username in notice.message
    assert "4 different restricted or secret cases" in notice.message
    # The alert names no case: the administrator may not be allowed to open them.
    assert notice.case is None and notice.reference == ""
    assert all(case.reference not in notice.message for case in restricted_cases)
    # Never e-mailed, whatever the administrator chose.
    assert notice.email_status == EmailStatus.NOT_WANTED and mail.outbox == []
    assert notice.url == f"{reverse('security:access_log')}?user={org.lawyer.username}"


def test_rereading_the_same_cases_is_not_unusual(org, limits, restricted_cases):
    for _ in range(10):
        read(org, restricted_cases[:2])
    assert not alerts().exists()


def test_the_alert_is_sent_once_per_window(org, limits, restricted_cases):
    read(org, restricted_cases)
    read(org, restricted_cases)
    assert alerts().count() == 1
    assert Notice.count() == 1


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
    notice = Notice.get()
    assert notice.kind == Kind.DOWNLOAD_ALERT
    assert "downloaded 5 documents" in notice.message


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
    second = make_user("admin2", role="administrator", branch=org.almaty)
    gone = make_user("admin3", role="administrator", branch=org.almaty, is_active=False)
    read(org, restricted_cases[:4])
    assert set(Notice.values_list("recipient", flat=True)) == {
        org.administrator.pk,
        second.pk,
    }
    assert not Notice.filter(recipient=gone).exists()


def test_an_administrators_own_account_is_not_warned_that_it_reads_too_much(org):
    # Whoever may be copying files with that account must not learn that it was noticed.
    second = make_user("admin2", role="administrator", branch=org.almaty)
    alert_administrators(kind=Kind.READING_ALERT, about=org.administrator, params={"count": 9})
    assert list(Notice.values_list("recipient", flat=True)) == [second.pk]


def test_the_alert_keeps_the_access_log_chain_intact(org, limits, restricted_cases):
    from casework.access_chain import verify_access_log

    read(org, restricted_cases)
    assert verify_access_log().broken is None


def test_the_alert_is_on_every_page_of_the_administrator_until_reviewed(
    client, org, limits, restricted_cases
):
    read(org, restricted_cases[:4])
    client.force_login(org.administrator)
    body = client.get(reverse("cases:list")).content.decode()
    assert 'id="notices"' in body
    assert "opened 4 different restricted or secret cases" in body
    assert 'id="notification-count">1<' in body
    assert "Review the access log" in body
    centre = client.get(reverse("notifications:centre")).content.decode()
    assert "opened 4 different restricted or secret cases" in centre
    notice = Notice.get()
    followed = client.post(reverse("notifications:read"), {"notification": notice.pk})
    assert followed["Location"] == notice.url
    assert org.lawyer.username in client.get(followed["Location"]).content.decode()
    assert 'id="notices"' not in client.get(reverse("cases:list")).content.decode()


def test_an_alert_with_a_link_stays_in_the_banner_until_followed(org, limits, restricted_cases):
    read(org, restricted_cases[:4])
    Notice.update(created_at=timezone.now() - dt.timedelta(days=30))
    assert [n.kind for n in top_bar(org.administrator).alerts] == [Kind.READING_ALERT]


def test_the_alert_is_written_in_the_readers_language(org, limits, restricted_cases):
    read(org, restricted_cases[:4])
    notice = Notice.get()
    with translation.override("ru"):
        russian = notice.message
    with translation.override("kk"):
        kazakh = notice.message
    assert "opened" not in russian and org.lawyer.username in russian
    assert "opened" not in kazakh and kazakh != russian
