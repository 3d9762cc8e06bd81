"""Reading the litigation flow without the flow class: the intake conflict check, the case's
place on the route and its task history. Forms and task pages use these, so this module never
imports the flow; the task lists that need it live in `workflows.worklists`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import get_resolver
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casework import selectors as case_selectors
from casework.identity import cases_with_identity_for
from casework.models import Case, Person, Role, Stage, User
from communications.selectors import interim_requests_for
from deadlines.selectors import case_deadlines

from .models import CaseProcess

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def task_case(task: Task) -> Case:
    """The case a task belongs to (tasks of this app always run in a CaseProcess)."""
    process = task.process
    if isinstance(process, CaseProcess):  # already the process row (the case page's flow panel)
        return process.case
    return process.caseprocess.case


def can_stop(user: User, case: Case) -> bool:
    """May `user` stop the litigation of `case` (client withdrew, transferred, settled)?"""
    perms = case_selectors.case_permissions(user, case)
    return user.has_perm("workflows.litigate_case") and bool(
        perms & {case_selectors.CHANGE, case_selectors.MANAGE_TEAM}
    )


# --- Intake conflict check --------------------------------------------------------------------


@dataclass
class ConflictReport:
    """Matches of the names given at intake, split by what the person at intake may see.

    Names of other cases' people are never shown. A match is linked to its case only where the
    user may read that case's identities (`view_case_identity`): elsewhere the case shows the
    person as "Victim A", and linking the typed name to it would unmask them. Such matches are
    only announced ("ask the supervisor"), without naming the case. Matches in cases the user
    cannot open are not disclosed at all (a name probe must not reveal that someone is a client
    in a secret case). Both kinds are counted on the intake task and shown at screening.
    """

    visible_cases: list[Case] = field(default_factory=list)
    masked_cases: int = 0
    hidden_cases: int = 0

    @property
    def matches(self) -> int:
        return len(self.visible_cases)

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.visible_cases or self.masked_cases)

    @property
    def undisclosed(self) -> int:
        """Matches the intake user could not see in full: shown to the screening supervisor."""
        return self.masked_cases + self.hidden_cases


def conflict_check(user: User | None, names: list[str]) -> ConflictReport:
    names = [" ".join(n.split()) for n in names if n and n.strip()]
    if not names:
        return ConflictReport()
    query = Q()
    for name in names:
        query |= Q(full_name__iexact=name) | Q(full_name_latin__iexact=name)
    cases = Case.objects.filter(parties__person__in=Person.objects.filter(query)).distinct()
    if user is None:
        return ConflictReport(hidden_cases=cases.count())
    visible = set(
        case_selectors.cases_visible_to(user)
        .filter(pk__in=cases.values("pk"))
        .values_list("pk", flat=True)
    )
    readable = set(
        cases_with_identity_for(user).filter(pk__in=visible).values_list("pk", flat=True)
    )
    return ConflictReport(
        visible_cases=list(cases.filter(pk__in=readable).order_by("reference")),
        masked_cases=len(visible - readable),
        hidden_cases=cases.exclude(pk__in=visible).count(),
    )


def hidden_conflicts(process: CaseProcess) -> int:
    """Intake matches in cases the intake lawyer could not open (shown at screening)."""
    start = process.task_set.filter(flow_task_type__in=["HUMAN_START", "START"]).first()
    return int((start.data or {}).get("conflicts_hidden", 0)) if start else 0


# --- The case page's flow panel ---------------------------------------------------------------


def intake_outcome(case: Case) -> str:
    """What the intake step recorded (its conflict check's count; never a name), or ""."""
    process = process_for(case)
    if process is None:
        return ""
    task = process.task_set.order_by("pk").first()  # the intake (or the start handle)
    data = (task.data or {}) if task else {}
    return str(data.get("outcome", "")) if "conflicts_hidden" in data else ""


def process_for(case: Case) -> CaseProcess | None:
    """The case's current litigation process (the latest one; interim-measures runs aside)."""
    return (
        CaseProcess.objects.filter(case=case, interim_request__isnull=True)
        .order_by("-created", "-pk")
        .first()
    )


def interim_runs_for(case: Case) -> dict[int, CaseProcess]:
    """The case's interim-measures runs by request id (to show each request's open steps)."""
    return {
        run.interim_request_id: run
        for run in CaseProcess.objects.filter(case=case, interim_request__isnull=False)
    }


def _next_titles(node) -> list[str]:
    """Human steps reachable from `node` through gateways (what comes next)."""
    seen, titles, frontier = set(), [], [node]
    while frontier:
        current = frontier.pop(0)
        for edge in current._outgoing():
            dst = edge.dst
            if dst in seen:
                continue
            seen.add(dst)
            if dst.task_type == "HUMAN":
                titles.append(str(dst.task_title))
            elif dst.task_type == "END":
                titles.append(_("Closure"))
            else:
                frontier.append(dst)
    return list(dict.fromkeys(titles))


@dataclass
class TaskRow:
    task: Task
    title: str
    owner: User | None
    status: str
    created: object
    finished: object
    outcome: str
    url: str | None = None
    action: str = ""


@dataclass
class FlowSummary:
    process: CaseProcess | None
    open_tasks: list[TaskRow]
    history: list[TaskRow]
    next_steps: list[str]
    can_start: bool = False
    can_stop: bool = False
    status_label: str = ""
    stages: list[tuple[str, str]] = field(default_factory=list)


def stage_track(case: Case) -> list[tuple[str, str]]:
    """The legal route's stages as (label, "done" | "current" | "todo") for `case`."""
    order = list(Stage)
    current = order.index(Stage(case.stage)) if case.stage in Stage.values else 0
    if case.stage == Stage.CLOSED:
        return [(str(stage.label), "done") for stage in order]
    return [
        (str(stage.label), "done" if i < current else "current" if i == current else "todo")
        for i, stage in enumerate(order)
    ]


def task_url(task: Task, action: str = "index") -> str:
    """URL of a task page (`execute`, `assign`, `unassign`, `detail`)."""
    get_resolver().url_patterns  # noqa: B018 - building the URLconf links nodes to their namespace
    return task.flow_task.reverse(action, args=[task.process_id, task.pk])


def _task_link(task: Task, user: User) -> tuple[str | None, str]:
    node = task.flow_task
    if task.status == STATUS.ASSIGNED and node.can_execute(user, task):
        return task_url(task, "execute"), _("Open")
    if task.status == STATUS.NEW and node.can_assign(user, task):
        return task_url(task, "assign"), _("Take")
    return None, ""


def case_flow_summary(case: Case, user: User) -> FlowSummary:
    """Where `case` is on the route, its task history and what comes next, as `user` may see it.

    Callers have already checked that `user` may see the case.
    """
    process = process_for(case)
    if process is None:
        can_start = (
            not case.is_closed
            and user.has_perm("workflows.intake_case")
            and case_selectors.can_change_case(user, case)
        )
        return FlowSummary(None, [], [], [], can_start=can_start, stages=stage_track(case))
    process.case = case  # the page's case row: the tasks' permission checks read it, not anew
    tasks = list(
        process.task_set.filter(flow_task_type__in=["HUMAN", "HUMAN_START", "START"])
        .select_related("owner")
        .order_by("created", "pk")
    )
    for task in tasks:
        task.process = process
    open_rows, history = [], []
    for task in tasks:
        row = TaskRow(
            task=task,
            title=str(task.flow_task.task_title),
            owner=task.owner,
            status=task.get_status_display(),
            created=task.created,
            finished=task.finished,
            outcome=(task.data or {}).get("outcome", ""),
        )
        if task.status in OPEN:
            row.url, row.action = _task_link(task, user)
            open_rows.append(row)
        else:
            if task.status == STATUS.CANCELED and not row.outcome:
                row.outcome = _("Cancelled")
            history.append(row)
    next_steps: list[str] = []
    for row in open_rows:
        if row.task.flow_task.task_type == "HUMAN":
            next_steps.extend(_next_titles(row.task.flow_task))
    if process.status == PROCESS.NEW:
        label = _("In progress")
    elif process.status == PROCESS.CANCELED:
        label = _("Stopped")
    else:
        label = _("Finished")
    return FlowSummary(
        process=process,
        open_tasks=open_rows,
        history=history,
        next_steps=list(dict.fromkeys(next_steps)),
        can_stop=process.status == PROCESS.NEW and can_stop(user, case),
        status_label=label,
        stages=stage_track(case),
    )


# --- Interim measures on the case pages ----------------------------------------------------------


@dataclass
class InterimRow:
    request: object  # communications.models.InterimMeasuresRequest
    open_tasks: list[TaskRow]
    deadlines: list


def interim_rows(case: Case, user: User) -> list[InterimRow]:
    """Each interim-measures request of `case` with its open steps (as `user` may act on them)
    and its open deadlines. Callers have already checked that `user` may see the case."""
    requests = list(interim_requests_for(case))
    if not requests:
        return []
    runs = {
        run.interim_request_id: run
        for run in CaseProcess.objects.filter(case=case, interim_request__isnull=False)
    }
    open_deadlines: dict[str, list] = {}
    for deadline in (
        case_deadlines(case)
        .filter(status="open", source_key__startswith="interim:")
        .select_related("rule")
    ):
        open_deadlines.setdefault(deadline.source_key, []).append(deadline)
    rows = []
    for request in requests:
        run = runs.get(request.pk)
        tasks = []
        if run is not None:
            for task in run.task_set.filter(flow_task_type="HUMAN", status__in=OPEN).select_related(
                "owner"
            ):
                row = TaskRow(
                    task=task,
                    title=str(task.flow_task.task_title),
                    owner=task.owner,
                    status=task.get_status_display(),
                    created=task.created,
                    finished=task.finished,
                    outcome="",
                )
                row.url, row.action = _task_link(task, user)
                tasks.append(row)
        rows.append(InterimRow(request, tasks, open_deadlines.get(request.source_key, [])))
    return rows


def approvers_of(case: Case) -> list[User]:
    """Supervisors who may approve the case's submission (the role and the case's team right)."""
    supervisors = User.objects.filter(is_active=True, groups__name=Role.SUPERVISOR).distinct()
    return [user for user in supervisors if case_selectors.can_manage_team(user, case)]
