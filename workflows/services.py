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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casework import selectors
from casework import services as casework_services
from casework.models import Case, ClosureReason, Stage, User
from casework.services import grant_case_access
from notifications.models import Kind
from notifications.services import notify

from . import selectors as flow_selectors
from . import steps
from .context import acting_as
from .flows import CASE_FLOWS, InterimMeasuresFlow, LitigationFlow
from .forms import IntakeForm
from .interim_forms import OpenInterimRequestForm
from .models import CaseProcess


def complete_task(*, task: Task, by: User, data: dict[str, Any], files=None) -> bool:
    """Complete `task` as `by` with form `data` (and uploaded `files`): the programmatic twin
    of the task page."""
    return task.flow_task.complete(task, by=by, data=data, files=files)


def intake(*, data: dict[str, Any], by: User, opened_on: dt.date | None = None) -> CaseProcess:
    """Open a case through the flow's intake step: the programmatic twin of the intake page."""
    form = IntakeForm(data=data, user=by)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    node = LitigationFlow.intake
    if not node.can_execute(by):
        raise PermissionDenied(_("Your role does not take in new cases."))
    activation = node.activation_class.create(node, None, None)
    activation.start(SimpleNamespace(user=by))
    with acting_as(by, reason=_("Intake")), transaction.atomic():
        case = steps.intake_case(form.cleaned_data, by=by, opened_on=opened_on)
        activation.process.case = case
        activation.task.data = steps.intake_task_data(form.conflicts)
        activation.execute()
    return activation.process


def start_flow_for_case(*, case: Case, by: User) -> CaseProcess:
    """Put an existing case on the litigation route, at the step its stage has reached."""
    case = Case.objects.get(pk=case.pk)  # decide from what is recorded now, not a stale copy
    if not selectors.can_change_case(by, case):
        raise PermissionDenied(_("You may not change this case."))
    if not by.has_perm("workflows.intake_case"):
        raise PermissionDenied(_("Your role does not take in new cases."))
    if case.is_closed:
        raise ValidationError(_("The case is closed."))
    if (
        CaseProcess.objects.filter(case=case, interim_request__isnull=True)
        .exclude(status=PROCESS.CANCELED)
        .exists()
    ):
        raise ValidationError(_("This case is already on the litigation route."))
    with acting_as(by, reason=_("Litigation flow started")):
        return LitigationFlow.start_for_case.run(case=case, by=by)


def may_open_interim_measures(user: User, case: Case) -> bool:
    """A supervisor of the case, once the case is on the route past intake and not closed."""
    return (
        user.has_perm(SUPERVISE_PERMISSION)
        and selectors.can_manage_team(user, case)
        and interim_measures_refusal(case) is None
    )


SUPERVISE_PERMISSION = "workflows.supervise_case"


def interim_measures_refusal(case: Case) -> str | None:
    """Why no interim-measures request can be opened on `case` now (None: it can)."""
    if case.is_closed:
        return _("The case is closed.")
    route = flow_selectors.process_for(case)
    if route is None or route.status != PROCESS.NEW or case.stage == Stage.INTAKE:
        return _(
            "Interim measures are requested from screening onward: put the case on the "
            "litigation route first."
        )
    return None


def interim_measures_open(*, case: Case, by: User, data: dict[str, Any]) -> CaseProcess:
    """A supervisor opens an urgent interim-measures request (rule 94): a run of its own flow.

    `data` is the opening form's input; it is validated here too, so that tests, the demo and the
    page go through the same rules. Refused (PermissionDenied) for anyone but a supervisor who
    manages the case's team; refused (ValidationError) before screening and on a closed case.
    """
    case = Case.objects.get(pk=case.pk)  # decide from what is recorded now
    if not (by.has_perm(SUPERVISE_PERMISSION) and selectors.can_manage_team(by, case)):
        raise PermissionDenied(_("Only a supervisor of this case can request interim measures."))
    refusal = interim_measures_refusal(case)
    if refusal:
        raise ValidationError(refusal)
    form = OpenInterimRequestForm(data=data, case=case)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    with acting_as(by, reason=_("Interim-measures request opened")), transaction.atomic():
        return InterimMeasuresFlow.open_request.run(case=case, by=by, data=form.cleaned_data)


# --- Assignment -------------------------------------------------------------------------------


def _may_manage(user: User, task: Task) -> bool:
    case = task.process.coerced.case
    return LitigationFlow.instance.has_manage_permission(user) and selectors.can_manage_team(
        user, case
    )


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
        previous = task.owner if task.status == STATUS.ASSIGNED else None
        with acting_as(by, reason=reason or _("Task assigned to %(user)s") % {"user": to}):
            if task.status == STATUS.NEW:
                activation.assign(to)
            else:
                activation.reassign(user=to)
            task.assigned = timezone.now()
            task.save(update_fields=["assigned"])
        notify(
            recipients=[to],
            kind=Kind.TASK_ASSIGNED,
            case=case,
            url=flow_selectors.task_url(task),
            actor=by,
        )
        if previous is not None and previous.pk != to.pk:
            notify(
                recipients=[previous],
                kind=Kind.TASK_REASSIGNED_AWAY,
                case=case,
                url=reverse("workflows:inbox"),
                actor=by,
            )
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
        process__flow_class__in=CASE_FLOWS,
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


def process_stop(
    *, process: CaseProcess, exit: str, by: User, effective_on: dt.date, notes: str
) -> CaseProcess:
    """Stop the litigation at once: cancel ALL open tasks, close the case, say why.

    A withdrawn consent also ends every mandate the client gave
    (`casework.services.consent_withdraw`).
    One transaction under the process lock: either everything stops or nothing does.
    """
    if exit not in STOP_REASONS:
        raise ValidationError({"exit": _("Choose why the case stops.")})
    case = process.case
    if not flow_selectors.can_stop(by, case):
        raise PermissionDenied(_("You may not stop this case."))
    if process.status != PROCESS.NEW:
        raise ValidationError(_("The litigation of this case has already ended."))
    if effective_on > timezone.localdate():
        raise ValidationError({"effective_on": _("This date cannot be in the future.")})
    reason = _("%(exit)s: %(notes)s") % {
        "exit": ClosureReason(STOP_REASONS[exit]).label,
        "notes": notes,
    }
    with acting_as(by, reason=reason), transaction.atomic():
        if exit == "withdrawn":
            casework_services.consent_withdraw(
                case=case, by=by, withdrawn_on=effective_on, reason=reason
            )
        LitigationFlow.instance.cancel(process)  # locks the process, cancels every open task
        steps.cancel_interim_runs(case)
        process.refresh_from_db()
        process.exit_reason = STOP_REASONS[exit]
        process.save(update_fields=["exit_reason"])
        casework_services.case_close(
            case=case, reason_code=STOP_REASONS[exit], by=by, closed_on=effective_on, reason=reason
        )
    return process
