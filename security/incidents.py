"""The incident register: who may see it, opening incidents, their checklists, reads logged.

Incidents name staff members and clients at the moment the State moves against them. Any member
of staff may report one (a lawyer whose client was detained, a staff member detained
themselves) and then sees only what they reported: its record, not the checklist, the
follow-up or who read it. Reading the register is restricted to administrators, supervisors and
the head of the incident's office; everyone else gets 404 (we do not confirm an incident
exists). Every read is in the hash-chained access log (`record_read`), without a case.
Linked cases are shown only where the reader may open them (`cases_visible_to`), and a case
party is shown under the same mask as on the case's own pages (`casework.identity`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.identity import HIDDEN, IdentityMask
from casework.models import AccessAction, AccessLog, Branch, Case, CaseParty, Role, User
from casework.selectors import can_view_identity, cases_visible_to
from casework.services import log_access, save_audited

from .models import (
    ChecklistItem,
    Incident,
    IncidentKind,
    IncidentStatus,
    IncidentStep,
)

INCIDENT_ROLES = (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.BRANCH_HEAD)
EDITABLE_FIELDS = (
    "kind",
    "branch",
    "occurred_at",
    "place",
    "staff_member",
    "party",
    "description",
    "follow_up",
    "status",
)


# --- who sees what --------------------------------------------------------------------------


def _active(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def may_report(user: User) -> bool:
    """Any member of staff may report an incident (a client detained, their own detention).

    A question about the role only, like `may_use_register`: what the person then sees is
    decided by `incidents_visible_to`, which shows an inactive account nothing.
    """
    return bool(getattr(user, "is_authenticated", False) and user.roles)


def may_use_register(user: User) -> bool:
    """May read the register: administrators, supervisors and branch heads (their office)."""
    return bool(getattr(user, "is_authenticated", False) and user.has_role(*INCIDENT_ROLES))


def incidents_readable_by(user: User) -> QuerySet[Incident]:
    """The register as its readers see it, with checklists and follow-up: administrators and
    supervisors every incident, a branch head their office's."""
    if not _active(user):
        return Incident.objects.none()
    if user.has_role(Role.ADMINISTRATOR, Role.SUPERVISOR):
        return Incident.objects.all()
    if user.has_role(Role.BRANCH_HEAD) and user.branch_id:
        return Incident.objects.filter(branch_id=user.branch_id)
    return Incident.objects.none()


def incidents_visible_to(user: User) -> QuerySet[Incident]:
    """Every incident `user` may open: the register they read, and the ones they reported."""
    if not _active(user):
        return Incident.objects.none()
    return Incident.objects.filter(
        Q(pk__in=incidents_readable_by(user).values("pk")) | Q(reported_by=user)
    )


def may_follow_up(user: User, incident: Incident) -> bool:
    """Checklist, follow-up, history and reads: for the register's readers only."""
    return incidents_readable_by(user).filter(pk=incident.pk).exists()


def get_incident_for(user: User, pk: int, *, to_follow_up: bool = False) -> Incident:
    """The incident `user` may open (`to_follow_up`: may change and tick), else 404."""
    scope = incidents_readable_by(user) if to_follow_up else incidents_visible_to(user)
    incident = (
        scope.select_related(
            "branch", "staff_member", "party__person", "party__case", "reported_by"
        )
        .filter(pk=pk)
        .first()
    )
    if incident is None:
        raise Http404("No such incident.")
    return incident


def offices_for_reporting(user: User) -> QuerySet[Branch]:
    """Administrators and supervisors report for any office; everyone else for their own."""
    if not _active(user):
        return Branch.objects.none()
    if user.has_role(Role.ADMINISTRATOR, Role.SUPERVISOR):
        return Branch.objects.all()
    if user.branch_id:
        return Branch.objects.filter(pk=user.branch_id)
    return Branch.objects.filter(is_head_office=True)


def _require_office(user: User, branch: Branch | None) -> None:
    if user.has_role(Role.ADMINISTRATOR, Role.SUPERVISOR):
        return
    if branch is None or not offices_for_reporting(user).filter(pk=branch.pk).exists():
        raise PermissionDenied(_("You may record incidents of your own office only."))


def linked_cases_visible_to(incident: Incident, user: User) -> QuerySet[Case]:
    return incident.cases.filter(pk__in=cases_visible_to(user).values("pk")).order_by("reference")


def parties_for_linking(incident: Incident | None, user: User) -> QuerySet[CaseParty]:
    """Parties a reader may name as the person concerned: those of visible linked cases."""
    if incident is None or incident.pk is None:
        return CaseParty.objects.none()
    return (
        CaseParty.objects.filter(
            case__in=linked_cases_visible_to(incident, user).values("pk"), person__isnull=False
        )
        .select_related("person", "case")
        .order_by("case__reference", "id")
    )


def party_label(party: CaseParty | None, user: User) -> str:
    """The person concerned, masked as on the case's pages; hidden if the case is not visible."""
    if party is None:
        return ""
    case = party.case
    if not cases_visible_to(user).filter(pk=case.pk).exists():
        return str(HIDDEN)
    mask = IdentityMask.for_case(case, reveal=can_view_identity(user, case))
    return _("%(name)s (%(role)s, %(reference)s)") % {
        "name": mask.name(party.person),
        "role": party.get_role_display(),
        "reference": case.reference,
    }


def access_log_label(incident_id: int) -> str:
    """How an incident is named in the access log (its rows have no case)."""
    return f"incident #{incident_id}"


def record_read(*, incident: Incident, user: User, ip: str | None = None) -> None:
    """Every read of an incident goes to the access log, and so does each restricted case it
    shows."""
    log_access(
        user=user,
        case=None,
        action=AccessAction.VIEW_INCIDENT,
        obj=access_log_label(incident.pk),
        ip=ip,
    )
    for case in linked_cases_visible_to(incident, user):
        log_access(user=user, case=case, action=AccessAction.VIEW_CASE, obj=incident, ip=ip)


def record_list_read(
    *, user: User, incident_ids: list[int], page: int, ip: str | None = None
) -> None:
    """A page of the register is a read too (dates, kinds, offices, places): one access-log
    row naming the incidents it listed (as many ids as the row holds, then how many more)."""
    label = f"incident register p{page}: "
    ids = [f"#{pk}" for pk in incident_ids]
    text = label + ", ".join(ids)
    while len(text) > 200 and ids:
        ids.pop()
        text = label + ", ".join(ids) + f" +{len(incident_ids) - len(ids)}"
    log_access(user=user, case=None, action=AccessAction.VIEW_INCIDENT, obj=text, ip=ip)


def incident_reads(incident: Incident) -> QuerySet[AccessLog]:
    """The access log's rows for reads of `incident`, newest first."""
    return AccessLog.objects.filter(
        case__isnull=True,
        action=AccessAction.VIEW_INCIDENT,
        object_repr=access_log_label(incident.pk),
    ).select_related("user")


# --- writes ---------------------------------------------------------------------------------


def resolve_case_references(user: User, references: Iterable[str]) -> list[Case]:
    """Cases `user` may open with these references; a hidden or unknown one is an error."""
    wanted = [r.strip() for r in references if r and r.strip()]
    found = {c.reference: c for c in cases_visible_to(user).filter(reference__in=wanted)}
    missing = [r for r in wanted if r not in found]
    if missing:
        raise ValidationError(
            _("No case you can open has the reference %(references)s.")
            % {"references": ", ".join(missing)}
        )
    return [found[r] for r in dict.fromkeys(wanted)]


def _copy_checklist(incident: Incident, *, by: User | None, reason: str) -> None:
    for item in ChecklistItem.objects.filter(kind=incident.kind, is_active=True):
        save_audited(
            IncidentStep(
                incident=incident,
                position=item.position,
                text_en=item.text_en,
                text_ru=item.text_ru,
                text_kk=item.text_kk,
            ),
            by=by,
            reason=reason,
        )


def _check_party(party: CaseParty | None, cases: Iterable[Case]) -> None:
    if party is not None and party.case_id not in {c.pk for c in cases}:
        raise ValidationError(
            {"party": _("The person concerned must be a party of a linked case.")}
        )


def incident_open(
    *,
    by: User | None,
    kind: str,
    branch: Branch | None,
    cases: Iterable[Case] = (),
    reason: str = "",
    ip_address: str | None = None,
    **fields: Any,
) -> Incident:
    """Record an incident and give it the checklist of its kind.

    `by` None: opened by Remedy itself (the duress login). A person may only link cases they
    can open and record incidents of offices they oversee.
    """
    cases = list(cases)
    if by is not None:
        if not may_report(by):
            raise PermissionDenied(_("You may not record incidents."))
        _require_office(by, branch)
        visible = set(
            cases_visible_to(by).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
        )
        if any(c.pk not in visible for c in cases):
            raise ValidationError(_("You can only link cases you can open."))
    incident = Incident(
        kind=kind,
        branch=branch,
        reported_by=by,
        ip_address=ip_address,
        **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS},
    )
    _check_party(incident.party, cases)
    reason = reason or _("Incident recorded")
    with transaction.atomic():
        save_audited(incident, by=by, reason=reason)
        if cases:
            incident._history_user = by
            incident._change_reason = reason
            incident.cases.set(cases)
        _copy_checklist(incident, by=by, reason=reason)
    return incident


def incident_update(
    *,
    incident: Incident,
    by: User,
    cases: Iterable[Case] | None = None,
    reason: str = "",
    **fields: Any,
) -> Incident:
    """Change an incident. `cases`: the links the editor can see; links to cases they cannot
    open are kept as they are (a reader never removes what they cannot see)."""
    if not incidents_readable_by(by).filter(pk=incident.pk).exists():
        raise Http404("No such incident.")
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(incident, name, fields[name])
    _require_office(by, incident.branch)
    reason = reason or _("Incident changed")
    with transaction.atomic():
        if cases is not None:
            cases = list(cases)
            visible = set(
                cases_visible_to(by)
                .values_list("pk", flat=True)
                .filter(
                    pk__in=list(incident.cases.values_list("pk", flat=True)) + [c.pk for c in cases]
                )
            )
            if any(c.pk not in visible for c in cases):
                raise ValidationError(_("You can only link cases you can open."))
            hidden = [c for c in incident.cases.all() if c.pk not in visible]
            new_cases = hidden + cases
            _check_party(incident.party, new_cases)
            save_audited(incident, by=by, reason=reason)
            incident._history_user = by
            incident._change_reason = reason
            incident.cases.set(new_cases)
        else:
            _check_party(incident.party, incident.cases.all())
            save_audited(incident, by=by, reason=reason)
    return incident


def step_set_done(
    *,
    step: IncidentStep,
    by: User | None,
    done: bool,
    note: str = "",
    at: dt.datetime | None = None,
) -> IncidentStep:
    """Tick (or untick) a checklist step; who and when are recorded, and the history keeps
    every tick and untick."""
    if by is not None and not incidents_readable_by(by).filter(pk=step.incident_id).exists():
        raise Http404("No such incident.")
    if done:
        step.done_at = at or timezone.now()
        step.done_by = by
        reason = _("Step done")
    else:
        step.done_at = None
        step.done_by = None
        reason = _("Step reopened")
    step.note = note.strip()[:300]
    with transaction.atomic():
        return save_audited(step, by=by, reason=reason)


def incident_history(incident: Incident) -> list:
    """The incident's own history rows and those of its checklist steps, newest first."""
    rows = list(incident.history.select_related("history_user"))
    rows += list(
        IncidentStep.history.filter(incident_id=incident.pk).select_related("history_user")
    )
    return sorted(rows, key=lambda r: (r.history_date, r.history_id), reverse=True)


__all__ = [
    "IncidentKind",
    "IncidentStatus",
    "get_incident_for",
    "incidents_readable_by",
    "incident_open",
    "incident_update",
    "incidents_visible_to",
    "record_read",
    "step_set_done",
]
