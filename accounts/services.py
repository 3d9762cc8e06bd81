"""Staff administration: the one writer of staff accounts outside the login machinery.

Every change is a row in the person's history (`casework.audit.save_audited`: who, when, why) and
a line in the security log. An administrator never changes their own role, branch or status here:
a role is a permission (supervisors and administrators see every normal case), so raising one's
own role would be granting oneself case access; another administrator must do it. Case access
itself is granted only in a case's Team tab (`casework.services.grant_case_access`).

Onboarding and reactivation hand out a one-time link built with Django's password-reset token
(`default_token_generator`): it stops working once the password is set (the token hashes the
password and the last login) and after PASSWORD_RESET_TIMEOUT.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from casework.audit import history_context, save_audited
from casework.models import Branch, Role, User
from security.sessions import end_session

from .models import Preference

logger = logging.getLogger("remedy.accounts")

MAX_REASON = 500


@dataclass(frozen=True)
class Invitation:
    """A person who must now set a password and enrol a second factor, and their link."""

    user: User
    path: str  # /account/welcome/<uid>/<token>/ — absolute with REMEDY_BASE_URL in the e-mail
    emailed: bool

    @property
    def url(self) -> str:
        return settings.REMEDY_BASE_URL.rstrip("/") + self.path


def clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why: the reason is recorded in the person's history."))
    if "\x00" in reason:  # PostgreSQL text cannot hold NUL; nobody types one
        raise ValidationError(_("The reason contains a NUL character."))
    return reason[:MAX_REASON]


def _not_self(user: User, by: User) -> None:
    if by.pk == user.pk:
        raise ValidationError(
            _("You cannot change your own account here; ask another administrator.")
        )


def username_from_email(email: str) -> str:
    """A free username from the e-mail's local part: "d.seitkali", "d.seitkali2", …"""
    base = re.sub(r"[^\w.@+-]", "", email.split("@", 1)[0].lower())[:140] or "staff"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def welcome_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("account:welcome", kwargs={"uidb64": uid, "token": token})


def _invite(user: User) -> Invitation:
    invitation = Invitation(user=user, path=welcome_path(user), emailed=False)
    if not user.email:
        return invitation
    # The link and the organisation's name only: mail leaves our servers (docs/security.md).
    send_mail(
        _("[Remedy] Set your password"),
        _(
            "An account was opened for you in Remedy. Open this link to set your password and "
            "enrol a second factor. It works once and expires in %(days)d days.\n\n%(url)s"
        )
        % {"days": settings.PASSWORD_RESET_TIMEOUT // 86400, "url": invitation.url},
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
    return Invitation(user=user, path=invitation.path, emailed=True)


def _set_role(user: User, role: str) -> None:
    role_groups = Group.objects.filter(name__in=Role.values)
    user.groups.remove(*role_groups.exclude(name=role))
    user.groups.add(Group.objects.get(name=role))
    # The Django admin (reference data only, accounts.reference_data) needs is_staff.
    user.is_staff = role == Role.ADMINISTRATOR
    user.forget_roles_and_permissions()


def onboard(
    *,
    first_name: str,
    last_name: str,
    email: str,
    branch: Branch,
    role: str,
    by: User,
    username: str = "",
) -> Invitation:
    """Open an account that cannot log in until its owner follows the one-time link."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    email = email.strip()
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("Somebody already has this e-mail address."))
    username = username.strip() or username_from_email(email)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("This username is taken."))
    with transaction.atomic():
        user = User(
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            branch=branch,
            is_active=True,
        )
        user.set_unusable_password()
        label = Role(role).label
        reason = _("Onboarded as %(role)s, %(branch)s") % {"role": label, "branch": branch}
        save_audited(user, by=by, reason=reason, validate=False)
        with history_context(by=by, reason=reason):
            _set_role(user, role)
            save_audited(user, by=by, reason=reason, validate=False)
    logger.warning("ONBOARD user=%s (id %s) role=%s by=%s", user.username, user.pk, role, by)
    return _invite(user)


def change_role_and_branch(
    *, user: User, role: str, branch: Branch | None, by: User, reason: str
) -> User:
    """A permission change: recorded in the user's history with the group membership."""
    _not_self(user, by)
    reason = clean_reason(reason)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = (", ".join(user.roles) or "—", str(user.branch or "—"))
        text = _(
            "Role/branch changed from %(old_role)s, %(old_branch)s to %(role)s, %(branch)s: "
            "%(reason)s"
        ) % {
            "old_role": before[0],
            "old_branch": before[1],
            "role": Role(role).value,
            "branch": branch or "—",
            "reason": reason,
        }
        user.branch = branch
        with history_context(by=by, reason=text):
            _set_role(user, role)
            save_audited(user, by=by, reason=text, validate=False)
    logger.warning("ROLE_CHANGE user=%s role=%s branch=%s by=%s", user.username, role, branch, by)
    return user


def deactivate(*, user: User, by: User, reason: str) -> int:
    """The person can no longer log in; their sessions end now. Returns the sessions ended."""
    _not_self(user, by)
    reason = clean_reason(reason)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise ValidationError(_("This account is already deactivated."))
        user.is_active = False
        save_audited(
            user, by=by, reason=_("Deactivated: %(reason)s") % {"reason": reason}, validate=False
        )
    ended = end_session(user=user, session="others", by=by, reason=reason)
    logger.warning("DEACTIVATE user=%s by=%s", user.username, by)
    return ended


def reactivate(*, user: User, by: User, reason: str) -> Invitation:
    """Back in, with a fresh start: no password and no second factor until the new link is used.

    This is also how a person is reinstated after an emergency lockdown (security.services).
    """
    _not_self(user, by)
    reason = clean_reason(reason)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.is_active = True
        user.set_unusable_password()
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        save_audited(
            user, by=by, reason=_("Reactivated: %(reason)s") % {"reason": reason}, validate=False
        )
    logger.warning("REACTIVATE user=%s by=%s", user.username, by)
    return _invite(user)


def reset_second_factor(*, user: User, by: User, reason: str) -> int:
    """A lost phone: every device (authenticator app, backup codes, passkeys) is deleted and the
    person's sessions end; at the next login they must enrol a new authenticator.
    Returns how many devices were deleted."""
    _not_self(user, by)
    reason = clean_reason(reason)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        save_audited(
            user,
            by=by,
            reason=_("Second factor reset (%(count)d devices removed): %(reason)s")
            % {"count": len(devices), "reason": reason},
            validate=False,
        )
    end_session(user=user, session="others", by=by, reason=reason)
    logger.warning("SECOND_FACTOR_RESET user=%s devices=%d by=%s", user.username, len(devices), by)
    return len(devices)


def unlock(*, user: User, by: User, reason: str) -> int:
    """Lift django-axes' login lockout of `user` (every address). Returns the records cleared."""
    _not_self(user, by)
    reason = clean_reason(reason)
    with transaction.atomic():
        attempts = AccessAttempt.objects.filter(username__iexact=user.username)
        count = attempts.count()
        if not count:
            raise ValidationError(_("This account is not locked out."))
        attempts.delete()
        save_audited(
            user,
            by=by,
            reason=_("Login lockout lifted: %(reason)s") % {"reason": reason},
            validate=False,
        )
    logger.warning("UNLOCK user=%s by=%s", user.username, by)
    return count


def set_language(*, user: User, language: str) -> Preference:
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    preference, _created = Preference.objects.get_or_create(user=user)
    preference.language = language
    return save_audited(preference, by=user, reason=_("Interface language chosen"))
