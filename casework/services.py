"""Changing cases: every write to the case file goes through a function here.

Services validate (`full_clean`), save inside a transaction, and tell django-simple-history who
made the change and why, so the audit trail is complete whether the caller is a view, a flow
node, a management command or a test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from .audit import history_context
from .models import AccessAction, AccessLog, Case, Confidentiality, User
from .selectors import CASE_PERMISSIONS, CHANGE, MANAGE_TEAM, VIEW, VIEW_IDENTITY


class StaleObjectError(ValidationError):
    """Someone else saved the object since the form was opened; nothing was overwritten."""


def save_audited(
    obj: models.Model, *, by: User | None, reason: str = "", validate: bool = True
) -> models.Model:
    """full_clean + save, recording `by` and `reason` in the object's history row."""
    if validate:
        obj.full_clean()
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


def delete_audited(obj: models.Model, *, by: User | None, reason: str = "") -> None:
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.delete()


_REFERENCE_SEQ = re.compile(r"-(\d+)$")


def next_case_reference(year: int) -> str:
    prefix = f"{settings.REMEDY_CASE_REFERENCE_PREFIX}-{year}-"
    numbers = [
        int(m.group(1))
        for ref in Case.objects.filter(reference__startswith=prefix).values_list(
            "reference", flat=True
        )
        if (m := _REFERENCE_SEQ.search(ref))
    ]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def case_open(*, by: User, reason: str = "", **fields: Any) -> Case:
    """Open a new case with the next free reference; its creator gets the full team grant."""
    opened_on = fields.get("opened_on") or timezone.localdate()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case(
                    reference=fields.pop("reference", None) or next_case_reference(opened_on.year),
                    created_by=by,
                    **fields,
                )
                save_audited(case, by=by, reason=reason or _("Case opened"))
                grant_case_access(
                    case=case, user=by, perms=CASE_PERMISSIONS, by=by, reason=_("Case creator")
                )
                return case
        except IntegrityError:  # two cases opened at once took the same number: try the next
            continue
    raise ValidationError(_("Could not allocate a case reference; please try again."))


def case_update(
    *, case: Case, by: User, data: dict[str, Any], expected_version: int | None, reason: str = ""
) -> Case:
    """Apply `data` to `case` unless someone saved it since `expected_version` was read."""
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleObjectError(
                _(
                    "This case was changed by someone else while you were editing it. "
                    "Your changes were not saved; reload the case and apply them again."
                )
            )
        for name, value in data.items():
            setattr(current, name, value)
        current.version = current.version + 1
        save_audited(current, by=by, reason=reason)
    return current


def _perm_reason(action: str, perm: str, user: User, reason: str) -> str:
    text = f"{action} {perm} for {user.username}"
    return f"{text}: {reason}" if reason else text


def grant_case_access(
    *, case: Case, user: User, perms: Iterable[str], by: User | None, reason: str = ""
) -> None:
    """Grant object permissions on `case`; each grant is a history row (who, when, why).

    Change and identity imply view: a grant that opens nothing would confuse everybody.
    """
    perms = set(perms)
    unknown = perms - set(CASE_PERMISSIONS)
    if unknown:
        raise ValidationError(_("Unknown case permission: %s") % ", ".join(sorted(unknown)))
    if perms & {CHANGE, MANAGE_TEAM, VIEW_IDENTITY}:
        perms.add(VIEW)
    if not user.is_active:
        raise ValidationError(_("%(user)s is not an active account.") % {"user": user})
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()  # serialise team changes
        for perm in sorted(perms):
            with history_context(by=by, reason=_perm_reason("grant", perm, user, reason)):
                try:
                    with transaction.atomic():
                        assign_perm(perm, user, case)
                except IntegrityError:  # granted concurrently: it is there, as asked
                    pass


def revoke_case_access(
    *, case: Case, user: User, perms: Iterable[str] | None = None, by: User | None, reason: str = ""
) -> None:
    """Revoke permissions (all of them by default); revoking view revokes everything."""
    perms = set(perms or CASE_PERMISSIONS)
    if VIEW in perms:
        perms = set(CASE_PERMISSIONS)
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        for perm in sorted(perms):
            with history_context(by=by, reason=_perm_reason("revoke", perm, user, reason)):
                _remove_perm_audited(perm, user, case)


def _remove_perm_audited(perm: str, user: User, case: Case) -> None:
    """guardian's remove_perm deletes with a queryset (no signals, no history); delete per row."""
    from guardian.models import UserObjectPermission

    rows = UserObjectPermission.objects.filter(
        user=user,
        permission__codename=perm,
        permission__content_type__app_label="casework",
        permission__content_type__model="case",
        object_pk=str(case.pk),
    )
    for row in rows:
        row.delete()


def log_access(
    *, user: User, case: Case, action: str, obj: object | None = None, ip: str | None = None
) -> None:
    """Append to the access log for restricted and secret cases (the reads that matter)."""
    if case.confidentiality == Confidentiality.NORMAL:
        return
    AccessLog.objects.create(
        user=user,
        case=case,
        action=action,
        object_repr=str(obj)[:200] if obj is not None else "",
        ip_address=ip,
    )


__all__ = [
    "AccessAction",
    "StaleObjectError",
    "case_open",
    "case_update",
    "delete_audited",
    "grant_case_access",
    "log_access",
    "revoke_case_access",
    "save_audited",
]
