"""Changing cases: every write to the case file goes through a function here.

Services validate (`full_clean`), save inside a transaction, and tell django-simple-history who
made the change and why, so the audit trail is complete whether the caller is a view, a flow
node, a management command or a test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import BigIntegerField, Max
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, get_perms

from deadlines import services as deadline_services

from .audit import delete_audited, history_context, save_audited
from .identity import people_visible_to
from .models import (
    PROTECTED_PARTY_ROLES,
    AccessAction,
    AccessLog,
    Activity,
    AllegedViolation,
    Authorisation,
    AuthorisationKind,
    Branch,
    Case,
    CaseParty,
    CaseUserObjectPermission,
    ClosureReason,
    Confidentiality,
    PartyRole,
    Person,
    Proceeding,
    Region,
    Role,
    Stage,
    User,
)
from .selectors import (
    CASE_PERMISSIONS,
    CHANGE,
    MANAGE_TEAM,
    VIEW,
    VIEW_IDENTITY,
    can_manage_team,
    can_view_identity,
)
from .signals import (
    break_glass_used,
    case_access_granted,
    case_confidentiality_changed,
    consent_to_publish_changed,
)


class StaleObjectError(ValidationError):
    """Someone else saved the object since the form was opened; nothing was overwritten."""


def next_case_reference(year: int) -> str:
    """The next free reference of `year`: one MAX query over that year's numbered references.

    Numbers are compared as numbers (…-9999 < …-10000). Two cases opened at the same instant may
    read the same maximum; the unique reference then refuses the second insert and `case_open`
    retries with the next number, so no number is ever given twice.
    """
    prefix = f"{settings.REMEDY_CASE_REFERENCE_PREFIX}-{year}-"
    largest = (
        Case.objects.filter(
            reference__startswith=prefix, reference__regex=rf"^{re.escape(prefix)}[0-9]+$"
        )
        .aggregate(n=Max(Cast(Substr("reference", len(prefix) + 1), BigIntegerField())))
        .get("n")
    )
    return f"{prefix}{(largest or 0) + 1:04d}"


def case_open(*, by: User, reason: str = "", **fields: Any) -> Case:
    """Open a new case with the next free reference; its creator gets the full team grant."""
    opened_on = fields.get("opened_on") or timezone.localdate()
    if fields.get("violation_region") is None:
        fields["violation_region"] = default_violation_region(fields.get("branch"), opened_on)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case(
                    reference=fields.pop("reference", None) or next_case_reference(opened_on.year),
                    created_by=by,
                    **fields,
                )
                save_audited(case, by=by, reason=reason or _("Case opened"))
                # The creator's own grant is part of opening the case, not a break-glass act.
                _assign_case_perms(
                    case=case, user=by, perms=set(CASE_PERMISSIONS), by=by, reason=_("Case creator")
                )
                return case
        except IntegrityError:  # two cases opened at once took the same number: try the next
            continue
    raise ValidationError(_("Could not allocate a case reference; please try again."))


def default_violation_region(branch: Branch | None, opened_on: dt.date) -> Region | None:
    """Where a case's violation took place when nobody said: its branch's region at the time."""
    region = getattr(branch, "region", None)
    return region.on(opened_on) if region is not None else None


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
        confidentiality = current.confidentiality
        for name, value in data.items():
            setattr(current, name, value)
        if "violation_region" in data and current.violation_region is None:
            current.violation_region = default_violation_region(current.branch, current.opened_on)
        current.version = current.version + 1
        save_audited(current, by=by, reason=reason)
        if current.confidentiality != confidentiality:
            case_confidentiality_changed.send(sender=Case, case=current, by=by)
    return current


def violations_found(
    *, case: Case, violation_ids: Iterable[int], by: User | None, reason: str
) -> None:
    """Record which alleged violations the Committee found (OP art. 5(4) Views); others not."""
    found = set(violation_ids)
    with transaction.atomic():
        for violation in case.violations.select_for_update():
            violation.found_violated = violation.pk in found
            save_audited(violation, by=by, reason=reason)


def _perm_reason(action: str, perm: str, user: User, reason: str) -> str:
    text = f"{action} {perm} for {user.username}"
    return f"{text}: {reason}" if reason else text


# Beyond viewing: a grant of any of these to oneself is a break-glass act.
SENSITIVE_PERMISSIONS = frozenset({CHANGE, MANAGE_TEAM, VIEW_IDENTITY})


def grant_case_access(
    *, case: Case, user: User, perms: Iterable[str], by: User | None, reason: str = ""
) -> None:
    """Grant object permissions on `case`; each grant is a history row (who, when, why).

    Change and identity imply view: a grant that opens nothing would confuse everybody.
    A person (`by`) needs `manage_case_team` on the case to grant anything, and every grant is
    an access-log row. Granting *oneself* more than viewing is "break-glass": it needs a reason,
    is logged as such and notifies the case's responsible lawyer and the administrators, so
    that no supervisor reads a victim's name without a second person knowing (ASVS 4.1.5).
    `by=None` is the system (commands, data migrations).
    """
    perms = set(perms)
    unknown = perms - set(CASE_PERMISSIONS)
    if unknown:
        raise ValidationError(_("Unknown case permission: %s") % ", ".join(sorted(unknown)))
    if perms & {CHANGE, MANAGE_TEAM, VIEW_IDENTITY}:
        perms.add(VIEW)
    if not user.is_active:
        raise ValidationError(_("%(user)s is not an active account.") % {"user": user})
    if by is not None and not can_manage_team(by, case):
        raise PermissionDenied(_("Only someone who manages this case's team can grant access."))
    new = perms - set(get_perms(user, case))
    break_glass = by is not None and by.pk == user.pk and bool(new & SENSITIVE_PERMISSIONS)
    reason = (reason or "").strip()
    if break_glass and not reason:
        raise ValidationError(
            _(
                "Granting yourself more than viewing is a break-glass action: say why. The "
                "responsible lawyer and the administrators are told."
            )
        )
    with transaction.atomic():
        _assign_case_perms(case=case, user=user, perms=perms, by=by, reason=reason)
        if by is None or not new:
            return
        granted = ", ".join(sorted(new))
        if break_glass:
            log_access(
                user=by,
                case=case,
                action=AccessAction.BREAK_GLASS,
                obj=f"{granted}: {reason}",
            )
            break_glass_used.send(sender=Case, case=case, by=by, reason=reason)
        else:
            log_access(
                user=by,
                case=case,
                action=AccessAction.GRANT_ACCESS,
                obj=f"{granted} → {user.username}",
            )
            case_access_granted.send(sender=Case, case=case, user=user, perms=frozenset(new), by=by)


def _assign_case_perms(
    *, case: Case, user: User, perms: set[str], by: User | None, reason: str
) -> None:
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
    rows = CaseUserObjectPermission.objects.filter(
        user=user,
        permission__codename=perm,
        permission__content_type__app_label="casework",
        content_object=case,
    )
    for row in rows:
        row.delete()


# Logged whatever the case's confidentiality: they are about a person's identity.
LOGGED_ON_EVERY_CASE = frozenset(
    {AccessAction.VIEW_IDENTITY, AccessAction.GRANT_ACCESS, AccessAction.BREAK_GLASS}
)


def log_access(
    *,
    user: User,
    case: Case | None,
    action: str,
    obj: object | None = None,
    ip: str | None = None,
) -> None:
    """Append to the access log: every read of a restricted or secret case, on every case the
    reads of identities and the grants of access, and (`case` None) every read of a record that
    belongs to no case, such as an incident."""
    if (
        case is not None
        and case.confidentiality == Confidentiality.NORMAL
        and action not in LOGGED_ON_EVERY_CASE
    ):
        return
    AccessLog.objects.create(
        user=user,
        case=case,
        action=action,
        object_repr=str(obj)[:200] if obj is not None else "",
        ip_address=ip,
    )


def log_export(
    *,
    user: User,
    what: str,
    filters: dict[str, str],
    row_count: int,
    cases: Iterable[Case] = (),
    ip: str | None = None,
) -> None:
    """Append an export to the access log, whatever the cases' confidentiality.

    One row without a case says who exported which list, with which filters and how many rows;
    Every restricted or secret case among `cases` gets its own EXPORT row too, as its reads do,
    so that the case's log shows that its data left the system.
    """
    described = ", ".join(f"{key}={value}" for key, value in filters.items() if value)
    summary = f"{what}: {row_count} rows" + (f" ({described})" if described else "")
    AccessLog.objects.create(
        user=user, case=None, action=AccessAction.EXPORT, object_repr=summary, ip_address=ip
    )
    for case in cases:
        if case.confidentiality != Confidentiality.NORMAL:
            AccessLog.objects.create(
                user=user, case=case, action=AccessAction.EXPORT, object_repr=summary, ip_address=ip
            )


# --- The case file's related records (parties, violations, proceedings, consents, activities) ---
# Each function validates, saves inside a transaction and records who and why in the history.
# Documents are uploaded through `casework.documents.document_upload`.


def _require_identity(case: Case, by: User | None) -> None:
    """Masking is decided by party roles and the people they point to (casework.identity).

    Whoever may not read identities may not change what decides them either: otherwise turning
    "victim" into "witness" would unmask the name everywhere. `by=None` is
    the system (migrations, commands acting for nobody).
    """
    if by is not None and not can_view_identity(by, case):
        raise PermissionDenied(
            _(
                "Only a team member who may see identities can change who a client, victim, "
                "author or relative is, or their role: the role decides whose name is hidden."
            )
        )


def _related_save(obj: models.Model, *, by: User, reason: str, default_reason: str):
    with transaction.atomic():
        return save_audited(obj, by=by, reason=reason or default_reason)


def _related_update(
    obj: models.Model, *, by: User, data: dict[str, Any], reason: str, default_reason: str
):
    for name, value in data.items():
        setattr(obj, name, value)
    return _related_save(obj, by=by, reason=reason, default_reason=default_reason)


# From drafting on the communication is written for the client (its author or the author's
# representative, OP art. 1 and rule 99(b)): removing them is a supervisor's decision.
CLIENT_FIXED_FROM = frozenset(
    {Stage.DRAFTING, Stage.SUBMITTED, Stage.COMMITTEE, Stage.FOLLOW_UP, Stage.CLOSED}
)


def client_removal_refusal(party: CaseParty, by: User) -> str | None:
    """Why `by` may not remove `party` (or change its role), or None: from drafting on the
    client stays unless a supervisor decides. The pages ask before offering "Remove"."""
    if (
        party.role == PartyRole.CLIENT
        and party.case.stage in CLIENT_FIXED_FROM
        and not by.has_role(Role.SUPERVISOR)
    ):
        return _(
            "The client cannot be removed once the communication is being drafted: the "
            "filing is made in their name. Ask a supervisor."
        )
    return None


def _require_client_kept(party: CaseParty, by: User) -> None:
    refusal = client_removal_refusal(party, by)
    if refusal:
        raise ValidationError(refusal)


def related_remove(obj: models.Model, *, by: User, reason: str = "") -> None:
    """Delete a party, violation, proceeding, consent, activity or document row, audited.

    A row still referenced (a document with a newer version, a person's consent) is refused
    with a ValidationError rather than cascading away evidence.
    """
    if isinstance(obj, CaseParty) and obj.role in PROTECTED_PARTY_ROLES:
        _require_identity(obj.case, by)
    if isinstance(obj, CaseParty):
        _require_client_kept(obj, by)
    with transaction.atomic():
        try:
            delete_audited(obj, by=by, reason=reason or _("Removed"))
            _consent_changed(obj, by=by)
        except models.ProtectedError as exc:
            raise ValidationError(
                _(
                    "This record is still referenced by other records of the case; "
                    "remove those first."
                )
            ) from exc


def party_add(
    *,
    case: Case,
    by: User,
    role: str,
    person: Person | None = None,
    new_person: dict[str, Any] | None = None,
    authority_name: str = "",
    notes: str = "",
    reason: str = "",
) -> CaseParty:
    """Add a party: an existing person, a new person (created here) or a respondent authority.

    An existing person of other cases may only be chosen by a user who may read their identity
    on one of them: listing a protected person again under an unprotected role would otherwise
    unmask them. (A person on no case yet is nobody's secret.)
    """
    if (
        person is not None
        and by is not None
        and person.case_roles.exists()
        and not people_visible_to(by).filter(pk=person.pk).exists()
    ):
        raise PermissionDenied(
            _("You may only choose a person whose identity you may see; add a new person.")
        )
    with transaction.atomic():
        if person is None and new_person:
            person = save_audited(Person(**new_person), by=by, reason=reason or _("Person added"))
        party = CaseParty(
            case=case, role=role, person=person, authority_name=authority_name, notes=notes
        )
        try:
            with transaction.atomic():
                return save_audited(party, by=by, reason=reason or _("Party added"))
        except IntegrityError as exc:
            raise ValidationError(_("This person already has this role in the case.")) from exc


def party_update(
    *,
    party: CaseParty,
    by: User,
    data: dict[str, Any],
    person_data: dict[str, Any] | None = None,
    reason: str = "",
) -> CaseParty:
    """Change a party's role or notes and, for users who may see identities, the person.

    Changing the person, the person's details or the role of a protected party needs the
    identity grant (see `_require_identity`); making an unprotected party protected does not.
    """
    decides_masking = bool(person_data) or (
        "person" in data and getattr(data["person"], "pk", None) != party.person_id
    )
    if "role" in data and data["role"] != party.role:
        _require_client_kept(party, by)
        if party.role in PROTECTED_PARTY_ROLES:
            decides_masking = True
    if decides_masking:
        _require_identity(party.case, by)
    with transaction.atomic():
        if person_data and party.person_id:
            _related_update(
                party.person,
                by=by,
                data=person_data,
                reason=reason,
                default_reason=_("Person updated"),
            )
        return _related_update(
            party, by=by, data=data, reason=reason, default_reason=_("Party updated")
        )


def violation_add(*, case: Case, by: User, reason: str = "", **fields: Any) -> AllegedViolation:
    return _related_save(
        AllegedViolation(case=case, **fields),
        by=by,
        reason=reason,
        default_reason=_("Violation alleged"),
    )


def violation_update(
    *, violation: AllegedViolation, by: User, data: dict[str, Any], reason: str = ""
):
    return _related_update(
        violation, by=by, data=data, reason=reason, default_reason=_("Violation updated")
    )


def proceeding_record(*, case: Case, by: User, reason: str = "", **fields: Any) -> Proceeding:
    """Record a filing (and perhaps its decision); deadlines follow from it."""
    with transaction.atomic():
        proceeding = save_audited(
            Proceeding(case=case, **fields), by=by, reason=reason or _("Proceeding recorded")
        )
        deadline_services.sync_for_proceeding(proceeding, by=by)
    return proceeding


def proceeding_update(
    *, proceeding: Proceeding, by: User, data: dict[str, Any], reason: str = ""
) -> Proceeding:
    with transaction.atomic():
        _related_update(
            proceeding, by=by, data=data, reason=reason, default_reason=_("Proceeding updated")
        )
        deadline_services.sync_for_proceeding(proceeding, by=by)
    return proceeding


def authorisation_record(*, case: Case, by: User, reason: str = "", **fields: Any) -> Authorisation:
    return _related_save(
        Authorisation(case=case, **fields),
        by=by,
        reason=reason,
        default_reason=_("Authorisation recorded"),
    )


def authorisation_update(
    *, authorisation: Authorisation, by: User, data: dict[str, Any], reason: str = ""
) -> Authorisation:
    with transaction.atomic():
        saved = _related_update(
            authorisation,
            by=by,
            data=data,
            reason=reason,
            default_reason=_("Authorisation updated"),
        )
        _consent_changed(saved, by=by)
    return saved


def _consent_changed(obj: models.Model, *, by: User) -> None:
    """Tell the apps above (publication) that a case's consent to publish changed or ended."""
    if isinstance(obj, Authorisation) and obj.kind == AuthorisationKind.CONSENT_TO_PUBLISH:
        consent_to_publish_changed.send(sender=Authorisation, case=obj.case, by=by)


def _check_withdrawal_date(withdrawn_on: dt.date) -> None:
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("A withdrawal cannot be dated in the future.")})


def authorisation_withdraw(
    *, authorisation: Authorisation, by: User, withdrawn_on: dt.date, reason: str = ""
) -> Authorisation:
    """Record that a consent or authorisation was withdrawn on `withdrawn_on`.

    The one rule for every withdrawal (case page, client withdrawing from the case): not in the
    future, not before it was signed, and only once.
    """
    _check_withdrawal_date(withdrawn_on)
    if authorisation.withdrawn_on:
        raise ValidationError({"withdrawn_on": _("This was already withdrawn.")})
    with transaction.atomic():
        withdrawn = _related_update(
            authorisation,
            by=by,
            data={"withdrawn_on": withdrawn_on},
            reason=reason,
            default_reason=_("Consent withdrawn"),
        )
        _consent_changed(withdrawn, by=by)  # a published case leaves the public site at once
    return withdrawn


def activity_add(*, case: Case, by: User, reason: str = "", **fields: Any) -> Activity:
    fields.setdefault("author", by)
    return _related_save(
        Activity(case=case, **fields), by=by, reason=reason, default_reason=_("Activity added")
    )


def activity_update(
    *, activity: Activity, by: User, data: dict[str, Any], reason: str = ""
) -> Activity:
    return _related_update(
        activity, by=by, data=data, reason=reason, default_reason=_("Activity updated")
    )


# --- The life of a case on the legal route: stage, responsible lawyer, closure, consent ---

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

    Each one is withdrawn through `authorisation_withdraw`, the same rule as on the case page.
    Returns the authorisations that were withdrawn. Closing the case and stopping its workflow is
    the caller's job (`workflows.services.process_stop`), done in the same transaction.
    """
    withdrawn_on = withdrawn_on or timezone.localdate()
    _check_withdrawal_date(withdrawn_on)
    withdrawn = []
    with transaction.atomic():
        for authorisation in Authorisation.objects.select_for_update().filter(
            case=case, kind__in=WITHDRAWN_WITH_CONSENT, withdrawn_on__isnull=True
        ):
            if authorisation.signed_on > withdrawn_on:
                continue  # signed after the withdrawal date: not concerned
            authorisation_withdraw(
                authorisation=authorisation,
                by=by,
                withdrawn_on=withdrawn_on,
                reason=reason or _("Client withdrew consent"),
            )
            withdrawn.append(authorisation)
    return withdrawn
