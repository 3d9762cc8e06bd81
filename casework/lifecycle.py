"""The life of a case on the legal route: stage changes, the responsible lawyer, closing, consent.

Called by the litigation flow (`workflows`) and usable from anywhere else; every change is saved
through `save_audited`, so the case history says who moved the case, when and why.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Authorisation, AuthorisationKind, Case, ClosureReason, Role, Stage, User
from .selectors import CHANGE, VIEW, VIEW_IDENTITY
from .services import grant_case_access, save_audited

# A client who withdraws ends every mandate and consent: representation, the authorisation to act
# before the Committee, data processing and publication (nothing may be published afterwards).
WITHDRAWN_WITH_CONSENT = (
    AuthorisationKind.POWER_OF_ATTORNEY,
    AuthorisationKind.COMMITTEE_AUTHORISATION,
    AuthorisationKind.CONSENT_DATA,
    AuthorisationKind.CONSENT_TO_PUBLISH,
)


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def case_set_stage(*, case: Case, stage: str, by: User | None, reason: str = "") -> Case:
    """Move `case` to `stage` (a `Stage` value); a no-op when it is already there."""
    if stage not in Stage.values:
        raise ValidationError(_("Unknown stage: %s") % stage)
    with transaction.atomic():
        current = _locked(case)
        if current.stage == stage:
            return current
        current.stage = stage
        current.version += 1
        save_audited(
            current,
            by=by,
            reason=reason or _("Stage: %(stage)s") % {"stage": Stage(stage).label},
        )
    case.stage, case.version = current.stage, current.version
    return current


def case_assign_lawyer(
    *, case: Case, lawyer: User, by: User | None, reason: str = "", team: tuple[User, ...] = ()
) -> Case:
    """Make `lawyer` responsible for `case` and give them (and the team) the access they need.

    The responsible lawyer gets view, change and view-identity; team members get view and change.
    """
    if not lawyer.is_active or not lawyer.has_role(Role.LAWYER, Role.SUPERVISOR):
        raise ValidationError(
            _("%(user)s cannot be responsible for a case: not an active lawyer.") % {"user": lawyer}
        )
    with transaction.atomic():
        current = _locked(case)
        current.responsible_lawyer = lawyer
        current.version += 1
        save_audited(current, by=by, reason=reason or _("Responsible lawyer assigned"))
        grant_case_access(
            case=current,
            user=lawyer,
            perms=(VIEW, CHANGE, VIEW_IDENTITY),
            by=by,
            reason=_("Responsible lawyer"),
        )
        for member in team:
            if member.pk != lawyer.pk:
                grant_case_access(
                    case=current, user=member, perms=(VIEW, CHANGE), by=by, reason=_("Case team")
                )
    case.responsible_lawyer, case.version = lawyer, current.version
    return current


def case_close(
    *,
    case: Case,
    reason_code: str,
    by: User | None,
    closed_on: dt.date | None = None,
    reason: str = "",
) -> Case:
    """Close `case` for `reason_code` (a `ClosureReason`); closing twice keeps the first closure."""
    if reason_code not in ClosureReason.values:
        raise ValidationError(_("Unknown closure reason: %s") % reason_code)
    with transaction.atomic():
        current = _locked(case)
        if current.stage == Stage.CLOSED:
            return current
        current.stage = Stage.CLOSED
        current.closed_on = max(closed_on or timezone.localdate(), current.opened_on)
        current.closure_reason = reason_code
        current.version += 1
        why = reason or _("Closed: %(why)s") % {"why": ClosureReason(reason_code).label}
        save_audited(current, by=by, reason=why)
        # A closed case has nothing left to meet: its open deadlines stop reminding anyone.
        from deadlines import services as deadline_services

        deadline_services.cancel_open_for_case(case=current, by=by, reason=why)
    case.stage, case.closed_on, case.closure_reason = (
        current.stage,
        current.closed_on,
        current.closure_reason,
    )
    case.version = current.version
    return current


def consent_withdraw(
    *, case: Case, by: User, withdrawn_on: dt.date | None = None, reason: str = ""
) -> list[Authorisation]:
    """Record that the client withdrew consent: every mandate and consent ends on `withdrawn_on`.

    Returns the authorisations that were withdrawn. Closing the case and stopping its workflow is
    the caller's job (`workflows.services.process_stop`), done in the same transaction.
    """
    withdrawn_on = withdrawn_on or timezone.localdate()
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("A withdrawal cannot be dated in the future.")})
    withdrawn = []
    with transaction.atomic():
        for authorisation in Authorisation.objects.select_for_update().filter(
            case=case, kind__in=WITHDRAWN_WITH_CONSENT, withdrawn_on__isnull=True
        ):
            if authorisation.signed_on > withdrawn_on:
                continue  # signed after the withdrawal date: not concerned
            authorisation.withdrawn_on = withdrawn_on
            save_audited(authorisation, by=by, reason=reason or _("Client withdrew consent"))
            withdrawn.append(authorisation)
    return withdrawn


def sync_event_deadlines(
    *, case: Case, trigger: str, event_date: dt.date, source_key: str, by: User | None
) -> None:
    """Hook point for #5: an event of the legal route (transmittal, exhaustion) starts deadlines."""
    from deadlines import services as deadline_services

    deadline_services.sync_for_event(
        case=case, trigger=trigger, event_date=event_date, source_key=source_key, by=by
    )


def deadlines_met(*, case: Case, rule_codes: list[str], by: User | None, reason: str) -> int:
    """The event a deadline waited for happened (e.g. the State's observations arrived)."""
    from deadlines import services as deadline_services

    return deadline_services.deadlines_complete_for_rules(
        case=case, rule_codes=rule_codes, by=by, reason=reason
    )
