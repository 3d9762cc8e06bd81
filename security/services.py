"""Emergency lockdown: the one action for "a colleague was detained, a laptop was seized".

It disables the account, scrubs its password, ends every session, revokes calendar-feed tokens
and deletes every two-factor device, in one transaction, recorded in the user's history (who,
when, why) and in the security log. Reinstating the person later is deliberate work: an
administrator re-activates the account, sets a new password, and the person enrols a new device.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from casework.audit import save_audited
from casework.models import Case, Role, User
from deadlines.services import revoke_calendar_tokens

from .models import Notice

logger = logging.getLogger("remedy.security")


@dataclass(frozen=True)
class LockdownResult:
    user: User
    sessions_ended: int
    devices_deleted: int
    calendar_tokens_revoked: int


def end_sessions_of(user: User) -> int:
    """Delete every stored session that belongs to `user` (database session backend)."""
    user_pk = str(user.pk)
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()  # a corrupt row decodes to {}: nobody's session
        if str(data.get("_auth_user_id")) == user_pk:
            session.delete()
            ended += 1
    return ended


def lockdown_user(*, user: User, by: User | None, reason: str) -> LockdownResult:
    """Disable `user` at once and cut every way in they or their seized devices still have."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the account is being locked down."))
    if "\x00" in reason:  # PostgreSQL text cannot hold NUL; nobody types one
        raise ValidationError(_("The reason contains a NUL character."))
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("You cannot lock down your own account."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.is_active = False
        user.set_unusable_password()
        save_audited(
            user,
            by=by,
            reason=_("Emergency lockdown: %(reason)s") % {"reason": reason},
            validate=False,
        )
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        sessions = end_sessions_of(user)
        tokens = revoke_calendar_tokens(
            user, by=by, reason=_("Emergency lockdown: %(reason)s") % {"reason": reason}
        )
    logger.warning(
        "LOCKDOWN user=%s (id %s) by=%s reason=%r sessions_ended=%d devices_deleted=%d "
        "calendar_tokens_revoked=%d",
        user.username,
        user.pk,
        getattr(by, "username", "<command line>"),
        reason,
        sessions,
        len(devices),
        tokens,
    )
    return LockdownResult(
        user=user,
        sessions_ended=sessions,
        devices_deleted=len(devices),
        calendar_tokens_revoked=tokens,
    )


# --- Notices to staff (alerts, break-glass grants) -----------------------------------------


def notify_users(
    *, users: Iterable[User], subject: str, body: str, case: Case | None = None
) -> list[Notice]:
    """Leave an in-app notice for each active user in `users` (duplicates once)."""
    subject = (subject or "").strip()[:200]
    if not subject:
        raise ValidationError(_("A notice needs a subject."))
    notices = []
    seen: set[int] = set()
    with transaction.atomic():
        for user in users:
            if user.pk in seen or not user.is_active:
                continue
            seen.add(user.pk)
            notice = Notice(recipient=user, subject=subject, body=body or "", case=case)
            notice.full_clean()
            notice.save()
            notices.append(notice)
    return notices


def administrators() -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name=Role.ADMINISTRATOR).distinct()


def notify_administrators(*, subject: str, body: str, case: Case | None = None) -> list[Notice]:
    """A notice to every active administrator; the one entry point for security notices."""
    notices = notify_users(users=administrators(), subject=subject, body=body, case=case)
    logger.warning("NOTICE to administrators: %s", subject)
    return notices


def mark_notices_read(*, user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
