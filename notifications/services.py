"""`notify(...)`: the one way any app tells a person that something happened.

Called directly by the apps that sit above casework (deadlines, communications, workflows);
casework itself, at the bottom of the layers, sends the `casework.signals.case_access_granted`
signal, which `notifications.receivers` turns into a call here (docs/architecture.md).

Each recipient's preference per kind decides the channel: in Remedy (the bell in the top bar),
e-mail, or both. E-mail is sent by the django-tasks worker (`notifications.tasks`) after the
transaction commits. Nobody is told about a case they cannot open, or about their own action.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from casework.models import Case, User
from casework.selectors import can_view_case

from .models import (
    DEFAULT_CHANNEL,
    IN_APP_ONLY,
    Channel,
    EmailStatus,
    Kind,
    Notification,
    Preference,
)
from .tasks import send_notification_email

logger = logging.getLogger("remedy.notifications")


def channel_for(user: User, kind: str) -> str:
    chosen = Preference.objects.filter(user=user, kind=kind).values_list("channel", flat=True)
    return chosen.first() or DEFAULT_CHANNEL


def wants_email(user: User, kind: str) -> bool:
    return channel_for(user, kind) in (Channel.EMAIL, Channel.BOTH)


def notify(
    *,
    recipients: Iterable[User | None],
    kind: str,
    case: Case | None = None,
    url: str = "",
    days_left: int | None = None,
    actor: User | None = None,
    email: bool = True,
    outsiders: bool = False,
    note: str = "",
    params: dict | None = None,
    emailed_elsewhere: bool = False,
) -> list[Notification]:
    """One notification per distinct active recipient who may open `case`.

    `days_left`: a deadline reminder's countdown — the only detail a notification carries.
    `email=False`: in Remedy only, whatever the preference (the caller e-mails itself); always
    so for the kinds in `IN_APP_ONLY`.
    `outsiders=True`: recipients who cannot open `case` are told too, without the case (no
    reference, no link): that something happened and who did it (a break-glass grant).
    `note`: the actor's words, for the kinds in `IN_APP_ONLY` and recipients who may open `case`.
    `emailed_elsewhere=True`: the caller sends its own e-mail to those who want one (deadline
    reminders); the bell still follows the preference, so "by e-mail only" does not ring it
    unless the person has no address.
    `params`: the facts an in-app-only alert's sentence is built from at display (the model's
    `message`); never a case's facts or its people.
    """
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if kind in IN_APP_ONLY:
        email, emailed_elsewhere = False, False
    created: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        if actor is not None and user.pk == actor.pk:
            continue
        masked = case is not None and not can_view_case(user, case)
        if masked and not outsiders:
            continue
        channel = channel_for(user, kind) if email or emailed_elsewhere else Channel.IN_APP
        in_app = channel in (Channel.IN_APP, Channel.BOTH)
        if emailed_elsewhere:
            in_app, status = in_app or not user.email, EmailStatus.NOT_WANTED
        elif not email:
            in_app, status = True, EmailStatus.NOT_WANTED
        elif channel == Channel.IN_APP:
            status = EmailStatus.NOT_WANTED
        elif not user.email:
            status = EmailStatus.NO_ADDRESS
            in_app = True  # the e-mail cannot go: say it in Remedy rather than not at all
        else:
            status = EmailStatus.QUEUED
        created.append(
            Notification.objects.create(
                recipient=user,
                kind=kind,
                case=None if masked else case,
                reference=case.reference if case and not masked else "",
                actor=actor if outsiders or kind in IN_APP_ONLY else None,
                note="" if masked or kind not in IN_APP_ONLY else note[:500],
                days_left=days_left,
                url="" if masked else url[:300],
                params=params if kind in IN_APP_ONLY and params else {},
                in_app=in_app,
                email_status=status,
            )
        )
    for notification in created:
        if notification.email_status == EmailStatus.QUEUED:
            transaction.on_commit(lambda pk=notification.pk: _enqueue(pk))
    return created


def _enqueue(pk: int) -> None:
    send_notification_email.enqueue(pk)


def mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def mark_case_read(*, user: User, case: Case, kinds: Iterable[str]) -> int:
    """`user` has opened the page where these notifications about `case` are reviewed."""
    return Notification.objects.filter(
        recipient=user, case=case, kind__in=list(kinds), read_at__isnull=True
    ).update(read_at=timezone.now())


def set_preferences(*, user: User, channels: dict[str, str]) -> None:
    with transaction.atomic():
        for kind, channel in channels.items():
            if kind not in Kind.values or kind in IN_APP_ONLY or channel not in Channel.values:
                raise ValueError(f"unknown kind or channel {kind!r} {channel!r}")
            preference, _created = Preference.objects.get_or_create(
                user=user, kind=kind, defaults={"channel": channel}
            )
            if preference.channel != channel:
                preference.channel = channel
                preference._history_user = user
                preference.save()
