"""notify(): the bell, the e-mail through the worker, each person's channel per kind, and the
rule that an e-mail never carries a name or a fact of the case."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from casework.services import grant_case_access
from notifications import services
from notifications.models import IN_APP_ONLY, Channel, EmailStatus, Kind, Notification, Preference
from tests.conftest import make_case


@pytest.fixture
def victim_case(org):
    case = make_case(by=org.lawyer, branch=org.almaty, title="Beating of Askar Zhumabekov")
    return case


def notify_lawyer(org, case, kind=Kind.TASK_ASSIGNED, **extra):
    with_commit = services.notify(
        recipients=[org.lawyer], kind=kind, case=case, url="/cases/", **extra
    )
    return with_commit


def test_a_notification_rings_the_bell_and_sends_an_email(
    org, victim_case, django_capture_on_commit_callbacks
):
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_lawyer(org, victim_case)
    client = Client()
    client.force_login(org.lawyer)
    page = client.get(reverse("cases:list")).content.decode()
    assert 'id="notification-count">1' in page
    [message] = mail.outbox
    assert victim_case.reference in message.subject
    assert "https://remedy.example/cases/" in message.body
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT


@pytest.mark.parametrize("kind", sorted(set(Kind.values) - IN_APP_ONLY))
def test_emails_never_contain_names_or_facts(
    org, victim_case, kind, django_capture_on_commit_callbacks
):
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify_lawyer(org, victim_case, kind=kind, actor=org.supervisor, days_left=3)
    [message] = mail.outbox
    text = message.subject + message.body
    for secret in [
        "Askar",
        "Zhumabekov",
        "Beating",
        org.supervisor.get_full_name(),
        "Lawyer Tester",
    ]:
        assert secret not in text
    assert victim_case.reference in text


@pytest.mark.parametrize("kind", sorted(IN_APP_ONLY))
def test_alerts_are_never_emailed_whatever_the_preference(
    org, victim_case, kind, django_capture_on_commit_callbacks
):
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    Preference.objects.create(user=org.lawyer, kind=kind, channel=Channel.EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_lawyer(org, victim_case, kind=kind, actor=org.supervisor)
    assert mail.outbox == []
    assert notification.in_app
    assert notification.email_status == EmailStatus.NOT_WANTED


def test_in_app_only_sends_no_email(org, victim_case, django_capture_on_commit_callbacks):
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    services.set_preferences(user=org.lawyer, channels={Kind.TASK_ASSIGNED: Channel.IN_APP})
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_lawyer(org, victim_case)
    assert mail.outbox == []
    assert notification.in_app


def test_email_only_does_not_ring_the_bell(org, victim_case, django_capture_on_commit_callbacks):
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    services.set_preferences(user=org.lawyer, channels={Kind.TASK_ASSIGNED: Channel.EMAIL})
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_lawyer(org, victim_case)
    assert len(mail.outbox) == 1
    assert not notification.in_app
    client = Client()
    client.force_login(org.lawyer)
    assert "notification-count" not in client.get(reverse("cases:list")).content.decode()


def test_nobody_is_told_about_a_case_they_cannot_open(org, secret_case):
    assert (
        services.notify(recipients=[org.supervisor], kind=Kind.TASK_ASSIGNED, case=secret_case)
        == []
    )


def test_nobody_is_told_about_their_own_action(org, victim_case):
    assert notify_lawyer(org, victim_case, actor=org.lawyer) == []


def test_granting_access_tells_the_person(org, victim_case):
    grant_case_access(case=victim_case, user=org.other_lawyer, perms=["view_case"], by=org.lawyer)
    notification = Notification.objects.get(recipient=org.other_lawyer)
    assert notification.kind == Kind.ACCESS_GRANTED
    assert notification.reference == victim_case.reference


def test_opening_a_notification_marks_it_read_and_follows_its_link(org, victim_case):
    [notification] = notify_lawyer(org, victim_case)
    client = Client()
    client.force_login(org.lawyer)
    response = client.post(reverse("notifications:read"), {"notification": notification.pk})
    assert response["Location"] == "/cases/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_marks_someone_elses_notification(org, victim_case):
    [notification] = notify_lawyer(org, victim_case)
    client = Client()
    client.force_login(org.supervisor)
    client.post(reverse("notifications:read"), {"notification": notification.pk})
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_centre_lists_only_ones_own(org, victim_case, django_assert_max_num_queries):
    for _n in range(20):
        notify_lawyer(org, victim_case)
    client = Client()
    client.force_login(org.lawyer)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("notifications:centre")).content.decode()
    assert body.count(victim_case.reference) >= 20
    client.force_login(org.supervisor)
    assert victim_case.reference not in client.get(reverse("notifications:centre")).content.decode()


def test_preferences_page_saves_a_channel_per_kind(org):
    client = Client()
    client.force_login(org.lawyer)
    data = dict.fromkeys(Kind.values, Channel.BOTH) | {Kind.DEADLINE_REMINDER: Channel.IN_APP}
    assert client.post(reverse("notifications:preferences"), data).status_code == 302
    assert services.channel_for(org.lawyer, Kind.DEADLINE_REMINDER) == Channel.IN_APP
    bad = client.post(reverse("notifications:preferences"), {Kind.TASK_ASSIGNED: "carrier-pigeon"})
    assert bad.status_code == 200


def test_the_settings_page_says_which_kinds_are_always_in_remedy_only(client, org):
    client.force_login(org.administrator)
    body = client.get(reverse("notifications:preferences")).content.decode()
    said = body.split('id="always-in-app">')[1].split("</p>")[0]
    for kind in IN_APP_ONLY:
        assert str(Kind(kind).label) in said
        assert f'name="{kind}"' not in body
