"""In-app notices: the minimal way to tell a person something happened.

The one writer and reader of `security.Notice`: reading alerts, duress alarms, contact
reminders. Notices never carry case facts or names: a subject, a short body and at most a case
link, shown only to a recipient who may open the case. They stay inside Remedy (no e-mail): an
alert about who read which cases must not travel through a mail provider the State can compel.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from casework.models import Case, User
from casework.selectors import administrators

from .models import Notice

logger = logging.getLogger("remedy.security")


def notify(*, recipients: Iterable[User], subject: str, body: str, case: Case | None = None):
    """One notice per recipient (each active person once)."""
    seen: set[int] = set()
    notices = []
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notices.append(Notice(recipient=user, subject=subject[:200], body=body, case=case))
    with transaction.atomic():
        return Notice.objects.bulk_create(notices)


def notify_administrators(
    *, subject: str, body: str, case: Case | None = None, exclude: Iterable[User] = ()
) -> list[Notice]:
    """A notice to every active administrator.

    `exclude`: people who must not receive it — a duress alarm never reaches the coerced
    person's own account (whoever forced the login may be reading it).
    """
    excluded = {user.pk for user in exclude}
    logger.warning("NOTICE to administrators: %s", subject)
    return notify(
        recipients=[u for u in administrators() if u.pk not in excluded],
        subject=subject,
        body=body,
        case=case,
    )


def notices_for(user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user: User, notice_ids: Iterable[int] | None = None) -> int:
    """Mark the given (or all) unread notices of `user` read; returns how many."""
    notices = Notice.objects.filter(recipient=user, read_at__isnull=True)
    if notice_ids is not None:
        notices = notices.filter(pk__in=list(notice_ids))
    return notices.update(read_at=timezone.now())
