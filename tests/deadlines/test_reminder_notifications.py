"""Deadline reminders ring the bell too, and e-mail only those who want reminders by e-mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from deadlines import services
from deadlines.reminders import send_deadline_reminder
from notifications import services as notification_services
from notifications.models import Channel, Kind, Notification

DUE = dt.date(2026, 5, 4)


@pytest.fixture
def deadline(case, org):
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    return services.deadline_add_manual(
        case=case, by=org.lawyer, title="Reply to Ivanova", due_date=DUE
    )


def test_a_reminder_is_in_the_notification_centre_with_its_countdown(deadline, org):
    send_deadline_reminder.enqueue(deadline.pk, 3, DUE.isoformat())
    notification = Notification.objects.get(recipient=org.lawyer, kind=Kind.DEADLINE_REMINDER)
    assert notification.days_left == 3
    assert notification.detail == "due in 3 days"
    assert len(mail.outbox) == 1  # the reminder's own e-mail; notify() sends none


def test_in_app_only_means_no_reminder_email(deadline, org):
    notification_services.set_preferences(
        user=org.lawyer, channels={Kind.DEADLINE_REMINDER: Channel.IN_APP}
    )
    assert send_deadline_reminder.enqueue(deadline.pk, 3, DUE.isoformat()).return_value == (
        "in Remedy only"
    )
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=org.lawyer).exists()


def test_email_only_means_no_bell_for_a_reminder(deadline, org):
    notification_services.set_preferences(
        user=org.lawyer, channels={Kind.DEADLINE_REMINDER: Channel.EMAIL}
    )
    assert send_deadline_reminder.enqueue(deadline.pk, 3, DUE.isoformat()).return_value == "sent"
    assert len(mail.outbox) == 1
    notification = Notification.objects.get(recipient=org.lawyer)
    assert not notification.in_app  # kept as a record, not shown in the centre or the bell


def test_email_only_without_an_address_still_rings_the_bell(deadline, org):
    notification_services.set_preferences(
        user=org.lawyer, channels={Kind.DEADLINE_REMINDER: Channel.EMAIL}
    )
    org.lawyer.email = ""
    org.lawyer.save()
    send_deadline_reminder.enqueue(deadline.pk, 3, DUE.isoformat())
    assert mail.outbox == []
    assert Notification.objects.get(recipient=org.lawyer).in_app
