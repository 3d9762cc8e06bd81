"""Changing the state of the litigation flow: completing, assigning and stopping tasks.

Views call these; so do tests and the demo seed, so a task done programmatically goes through the
same form validation, the same flow handler, the same lock and the same audit trail as one done
through the browser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casework import lifecycle, selectors
from casework import services as casework_services
from casework.models import AuthorisationKind, Case, ClosureReason, PartyRole, User
from casework.services import grant_case_access

from .context import acting_as
from .models import CaseProcess


def _flow():
    from .flows import LitigationFlow

    return LitigationFlow


def form_for(activation, user: User, data: dict[str, Any] | None = None, **kwargs):
    """The task form of `activation`'s node, bound to `data` when given."""
    node = activation.flow_task
    return node.form_class(
        data,
        case=activation.process.case,
        process=activation.process,
        user=user,
        task=activation.task,
        **kwargs,
    )


def run_step(activation, form, user: User) -> bool:
    """Record a valid task form through its flow handler and complete the task.

    Returns False when the handler keeps the task open (e.g. another activity recorded).
    Raises ValidationError, with nothing saved, when the data breaks a rule of the case file.
    """
    node = activation.flow_task
    with acting_as(user, reason=str(node.task_title)), transaction.atomic():
        outcome = node.handle(activation, form.cleaned_data, user)
        if outcome is None:
            return False
        activation.task.data = {**(activation.task.data or {}), "outcome": str(outcome)[:500]}
        activation.execute()
    return True


def complete_task(*, task: Task, by: User, data: dict[str, Any]) -> bool:
    """Complete `task` as `by` with form `data`: the programmatic twin of the task page."""
    node = task.flow_task
    with node.flow_class.lock(task.process_id), transaction.atomic():
        task.refresh_from_db()
        if task.status == STATUS.DONE:
            raise PermissionDenied(_("This task was already completed."))
        activation = node.activation_class(task)
        if not node.can_execute(by, activation.task):
            raise PermissionDenied(_("%(user)s may not execute this task.") % {"user": by})
        activation.start(None)
        form = form_for(activation, by, data)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        return run_step(activation, form, by)


def intake_case(data: dict, *, by: User, opened_on: dt.date | None = None) -> Case:
    """Open the case and record its people, articles and consents (one transaction)."""
    case = casework_services.case_open(
        by=by,
        title=data["title"],
        branch=data["branch"],
        theme=data["theme"],
        confidentiality=data["confidentiality"],
        summary=data["summary"],
        **({"opened_on": opened_on} if opened_on else {}),
    )
    client_fields = {"full_name": data["client_name"]}
    if data.get("client_birth_date"):
        client_fields["birth_date"] = data["client_birth_date"]
    if data.get("client_phone"):
        client_fields["phone"] = data["client_phone"]
    client = casework_services.party_add(
        case=case, by=by, role=PartyRole.CLIENT, new_person=client_fields
    ).person
    if data.get("victim_is_client"):
        casework_services.party_add(case=case, by=by, role=PartyRole.VICTIM, person=client)
    else:
        casework_services.party_add(
            case=case, by=by, role=PartyRole.VICTIM, new_person={"full_name": data["victim_name"]}
        )
    for article in data["articles"]:
        casework_services.violation_add(case=case, by=by, article=article)
    casework_services.authorisation_record(
        case=case,
        by=by,
        person=client,
        kind=AuthorisationKind.CONSENT_DATA,
        signed_on=data["consent_signed_on"],
    )
    if data.get("power_of_attorney_signed_on"):
        casework_services.authorisation_record(
            case=case,
            by=by,
            person=client,
            kind=AuthorisationKind.POWER_OF_ATTORNEY,
            signed_on=data["power_of_attorney_signed_on"],
        )
    return case


def intake(*, data: dict[str, Any], by: User, opened_on: dt.date | None = None) -> CaseProcess:
    """Open a case through the flow's intake step: the programmatic twin of the intake page."""
    from .forms import IntakeForm

    form = IntakeForm(data=data, user=by)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    node = _flow().intake
    if not node.can_execute(by):
        raise PermissionDenied(_("Your role does not take in new cases."))
    activation = node.activation_class.create(node, None, None)
    activation.start(SimpleNamespace(user=by))
    with acting_as(by, reason=_("Intake")), transaction.atomic():
        case = intake_case(form.cleaned_data, by=by, opened_on=opened_on)
        activation.process.case = case
        activation.task.data = intake_task_data(form.conflicts)
        activation.execute()
    return activation.process


def intake_task_data(conflicts) -> dict[str, Any]:
    """What the intake task records: an outcome without names, and the undisclosed matches."""
    return {
        "outcome": _("Case opened; conflict check: %(n)s matching case(s)")
        % {"n": (conflicts.matches + conflicts.hidden_cases) if conflicts else 0},
        "conflicts_hidden": conflicts.hidden_cases if conflicts else 0,
    }


def start_flow_for_case(*, case: Case, by: User) -> CaseProcess:
    """Put an existing case on the litigation route, at the step its stage has reached."""
    case = Case.objects.get(pk=case.pk)  # decide from what is recorded now, not a stale copy
    if not selectors.can_change_case(by, case):
        raise PermissionDenied(_("You may not change this case."))
    if not by.has_perm("workflows.intake_case"):
        raise PermissionDenied(_("Your role does not take in new cases."))
    if case.is_closed:
        raise ValidationError(_("The case is closed."))
    if CaseProcess.objects.filter(case=case).exclude(status=PROCESS.CANCELED).exists():
        raise ValidationError(_("This case is already on the litigation route."))
    flow = _flow()
    with acting_as(by, reason=_("Litigation flow started")):
        return flow.start_for_case.run(case=case, by=by)


# --- Assignment -------------------------------------------------------------------------------


def _may_manage(user: User, task: Task) -> bool:
    case = task.process.coerced.case
    return _flow().instance.has_manage_permission(user) and selectors.can_manage_team(user, case)


def task_assign(
    *, task: Task, to: User, by: User, grant_access: bool = False, reason: str = ""
) -> Task:
    """A supervisor gives `task` to `to` (assign if free, reassign if someone holds it)."""
    node = task.flow_task
    with node.flow_class.lock(task.process_id), transaction.atomic():
        task.refresh_from_db()
        case = task.process.coerced.case
        if not _may_manage(by, task):
            raise PermissionDenied(_("Only a supervisor of this case can assign its tasks."))
        if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
            raise ValidationError(_("This task is no longer open."))
        if not node.has_role(to):
            raise ValidationError(
                _("%(user)s's role cannot do “%(task)s”.") % {"user": to, "task": node.task_title}
            )
        if not node.may_work_on(to, task):
            if not grant_access:
                raise ValidationError(
                    _(
                        "%(user)s has no access to this case. Tick “give them access” or grant "
                        "access on the case page first."
                    )
                    % {"user": to}
                )
            grant_case_access(
                case=case,
                user=to,
                perms=(selectors.VIEW, selectors.CHANGE),
                by=by,
                reason=reason or _("Task assigned"),
            )
        activation = node.activation_class(task)
        with acting_as(by, reason=reason or _("Task assigned to %(user)s") % {"user": to}):
            if task.status == STATUS.NEW:
                activation.assign(to)
            else:
                activation.reassign(user=to)
            task.assigned = timezone.now()
            task.save(update_fields=["assigned"])
    return task


def task_unassign(*, task: Task, by: User, reason: str = "") -> Task:
    """Return a task to the queue (its holder, or a supervisor)."""
    node = task.flow_task
    with node.flow_class.lock(task.process_id), transaction.atomic():
        task.refresh_from_db()
        if task.status != STATUS.ASSIGNED:
            raise ValidationError(_("This task is not assigned to anyone."))
        if not node.can_unassign(by, task):
            raise PermissionDenied(_("You may not unassign this task."))
        activation = node.activation_class(task)
        with acting_as(by, reason=reason or _("Task returned to the queue")):
            activation.unassign()
    return task


@dataclass
class BulkResult:
    changed: int
    skipped: int


def tasks_of(lawyer: User) -> Any:
    return Task.objects.filter(
        owner=lawyer,
        status=STATUS.ASSIGNED,
        process__flow_class=_flow(),
        flow_task_type="HUMAN",
    )


def unassign_all(*, lawyer: User, by: User, reason: str = "") -> BulkResult:
    """Return every open task of `lawyer` to the queue (e.g. the lawyer is away).

    Tasks on cases the supervisor may not manage are left alone and counted as skipped.
    """
    changed = skipped = 0
    for task in tasks_of(lawyer).select_related("process"):
        try:
            if not _may_manage(by, task):
                raise PermissionDenied
            task_unassign(task=task, by=by, reason=reason)
            changed += 1
        except (PermissionDenied, ValidationError):
            skipped += 1
    return BulkResult(changed, skipped)


def reassign_all(
    *, lawyer: User, to: User, by: User, grant_access: bool = False, reason: str = ""
) -> BulkResult:
    changed = skipped = 0
    for task in tasks_of(lawyer).select_related("process"):
        try:
            task_assign(task=task, to=to, by=by, grant_access=grant_access, reason=reason)
            changed += 1
        except (PermissionDenied, ValidationError):
            skipped += 1
    return BulkResult(changed, skipped)


# --- Exits from outside the graph --------------------------------------------------------------

STOP_REASONS = {
    "withdrawn": ClosureReason.WITHDRAWN,
    "transferred": ClosureReason.TRANSFERRED,
    "settled": ClosureReason.SETTLED,
}


def can_stop(user: User, case: Case) -> bool:
    perms = selectors.case_permissions(user, case)
    return user.has_perm("workflows.litigate_case") and bool(
        perms & {selectors.CHANGE, selectors.MANAGE_TEAM}
    )


def process_stop(
    *, process: CaseProcess, exit: str, by: User, effective_on: dt.date, notes: str
) -> CaseProcess:
    """Stop the litigation at once: cancel ALL open tasks, close the case, say why.

    A withdrawn consent also ends every mandate the client gave (`lifecycle.consent_withdraw`).
    One transaction under the process lock: either everything stops or nothing does.
    """
    if exit not in STOP_REASONS:
        raise ValidationError({"exit": _("Choose why the case stops.")})
    case = process.case
    if not can_stop(by, case):
        raise PermissionDenied(_("You may not stop this case."))
    if process.status != PROCESS.NEW:
        raise ValidationError(_("The litigation of this case has already ended."))
    if effective_on > timezone.localdate():
        raise ValidationError({"effective_on": _("This date cannot be in the future.")})
    reason = _("%(exit)s: %(notes)s") % {
        "exit": ClosureReason(STOP_REASONS[exit]).label,
        "notes": notes,
    }
    flow = _flow()
    with acting_as(by, reason=reason), transaction.atomic():
        if exit == "withdrawn":
            lifecycle.consent_withdraw(case=case, by=by, withdrawn_on=effective_on, reason=reason)
        flow.instance.cancel(process)  # locks the process, cancels every open task
        process.refresh_from_db()
        process.exit_reason = STOP_REASONS[exit]
        process.save(update_fields=["exit_reason"])
        lifecycle.case_close(
            case=case, reason_code=STOP_REASONS[exit], by=by, closed_on=effective_on, reason=reason
        )
    return process
