"""The e-mail of a notification, sent by the django-tasks worker (`manage.py db_worker`).

An e-mail leaves our servers and the State reads mail: it carries the kind of event, the case's
reference, the neutral detail and a link — never a name, a title or a fact of the case. It is
written in the recipient's chosen interface language (accounts.Preference).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Preference as AccountPreference

from .models import EmailStatus, Notification

logger = logging.getLogger("remedy.notifications")


def absolute(url: str) -> str:
    return settings.REMEDY_BASE_URL.rstrip("/") + url if url.startswith("/") else url


def email_text(notification: Notification) -> tuple[str, str]:
    """(subject, body): kind, reference, detail and link only."""
    kind = notification.get_kind_display()
    subject = f"[Remedy] {kind}"
    if notification.reference:
        subject += f": {notification.reference}"
    lines = [kind]
    if notification.reference:
        lines.append(_("Case: %(reference)s") % {"reference": notification.reference})
    if notification.detail:
        lines.append(notification.detail)
    if notification.url:
        lines += ["", absolute(notification.url)]
    lines += ["", _("You can choose how you are told on your account page in Remedy.")]
    return subject, "\n".join(lines)


@task()
def send_notification_email(notification_id: int) -> str:
    """Send one notification's e-mail once (a re-run after a worker restart sends nothing)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.email_status != EmailStatus.QUEUED:
            return "nothing to send"
        recipient = notification.recipient
        if not recipient.is_active or not recipient.email:
            notification.email_status = EmailStatus.NO_ADDRESS
            notification.save(update_fields=["email_status"])
            return "no address"
        language = (
            AccountPreference.objects.filter(user=recipient)
            .values_list("language", flat=True)
            .first()
        ) or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = email_text(notification)
        # Inside the transaction: if the mail server refuses, the status stays "queued".
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        notification.email_status = EmailStatus.SENT
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["email_status", "emailed_at"])
    logger.info("NOTIFICATION_EMAIL id=%s kind=%s", notification.pk, notification.kind)
    return "sent"
