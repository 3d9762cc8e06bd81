"""Emergency lockdown: the one action for "a colleague was detained, a laptop was seized".

It disables the account, scrubs its password, ends every session, revokes calendar-feed tokens
and deletes every two-factor device, in one transaction, recorded in the user's history (who,
when, why) and in the security log. Reinstating the person later is deliberate work: an
administrator re-activates the account, sets a new password, and the person enrols a new device.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from casework.audit import save_audited
from casework.models import User
from deadlines.services import revoke_calendar_tokens

logger = logging.getLogger("remedy.security")


@dataclass(frozen=True)
class LockdownResult:
    user: User
    sessions_ended: int
    devices_deleted: int
    calendar_tokens_revoked: int


def end_sessions_of(user: User, *, keep: str | None = None) -> int:
    """Delete every stored session that belongs to `user` (database session backend), except
    the one keyed `keep` (the duress session, which must go on looking normal)."""
    user_pk = str(user.pk)
    ended = 0
    sessions = Session.objects.filter(expire_date__gt=timezone.now())
    if keep:
        sessions = sessions.exclude(session_key=keep)
    for session in sessions.iterator():
        data = session.get_decoded()  # a corrupt row decodes to {}: nobody's session
        if str(data.get("_auth_user_id")) == user_pk:
            session.delete()
            ended += 1
    return ended


def lockdown_user(
    *, user: User, by: User | None, reason: str, keep_session: str | None = None
) -> LockdownResult:
    """Disable `user` at once and cut every way in they or their seized devices still have
    (every session but `keep_session`, which only the duress login passes)."""
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
        sessions = end_sessions_of(user, keep=keep_session)
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
