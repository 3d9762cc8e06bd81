"""Reading the litigation flow: task lists, the case's place on the route, workload.

Every task list is filtered through `casework.selectors.cases_visible_to`: a task never shows a
case to someone who may not see it, and a lawyer who loses access to a case loses its tasks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casework import selectors as case_selectors
from casework.models import Case, Person, Role, User

from .models import CaseProcess

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def _flow():
    from .flows import LitigationFlow

    return LitigationFlow


def _visible(queryset: QuerySet, user: User) -> QuerySet:
    return queryset.filter(
        process__caseprocess__case__in=case_selectors.cases_visible_to(user).values("pk")
    ).select_related("process__caseprocess__case", "owner")


def inbox(user: User) -> QuerySet[Task]:
    """Tasks assigned to `user`, on cases they may still see."""
    return _visible(Task.objects.inbox([_flow()], user), user).order_by("created")


def queue(user: User) -> list[Task]:
    """Unassigned tasks `user` may take: the node's role permission (viewflow's queue), a case
    they may see, and the case permission the node needs (change, or team management for a
    supervisor's step), decided by `casework.selectors.case_permissions` once per case."""
    tasks = _visible(Task.objects.queue([_flow()], user), user).order_by("created")
    perms_by_case: dict[int, set[str]] = {}
    takeable = []
    for task in tasks:
        case = task_case(task)
        if case.pk not in perms_by_case:
            perms_by_case[case.pk] = case_selectors.case_permissions(user, case)
        if getattr(task.flow_task, "case_permission", None) in perms_by_case[case.pk]:
            takeable.append(task)
    return takeable


def archive(user: User) -> QuerySet[Task]:
    """Tasks `user` completed, on cases they may still see."""
    return _visible(
        Task.objects.archive([_flow()], user).filter(status=STATUS.DONE, flow_task_type="HUMAN"),
        user,
    ).order_by("-finished")


def task_case(task: Task) -> Case:
    return task.process.caseprocess.case


# --- Intake conflict check --------------------------------------------------------------------


@dataclass
class ConflictReport:
    """Matches of the names given at intake, split by what the person at intake may see.

    Names of other cases' people are never shown. Matches in cases the user cannot open are not
    disclosed to them either (a name probe must not reveal that someone is a client in a secret
    case); they are counted on the intake task and shown to the supervisor who screens the case.
    """

    visible_cases: list[Case] = field(default_factory=list)
    hidden_cases: int = 0

    @property
    def matches(self) -> int:
        return len(self.visible_cases)


def conflict_check(user: User | None, names: list[str]) -> ConflictReport:
    names = [" ".join(n.split()) for n in names if n and n.strip()]
    if not names:
        return ConflictReport()
    query = Q()
    for name in names:
        query |= Q(full_name__iexact=name) | Q(full_name_latin__iexact=name)
    cases = Case.objects.filter(parties__person__in=Person.objects.filter(query)).distinct()
    visible = case_selectors.cases_visible_to(user) if user is not None else Case.objects.none()
    visible_ids = set(visible.filter(pk__in=cases.values("pk")).values_list("pk", flat=True))
    return ConflictReport(
        visible_cases=list(cases.filter(pk__in=visible_ids).order_by("reference")),
        hidden_cases=cases.exclude(pk__in=visible_ids).count(),
    )


def hidden_conflicts(process: CaseProcess) -> int:
    """Intake matches in cases the intake lawyer could not open (shown at screening)."""
    start = process.task_set.filter(flow_task_type__in=["HUMAN_START", "START"]).first()
    return int((start.data or {}).get("conflicts_hidden", 0)) if start else 0


# --- The case page's flow panel ---------------------------------------------------------------


def process_for(case: Case) -> CaseProcess | None:
    """The case's current litigation process (the latest one)."""
    return CaseProcess.objects.filter(case=case).order_by("-created", "-pk").first()


def submission_approved(case: Case) -> bool:
    """True once a supervisor approved the submission in the flow (#4 builds the final package)."""
    return CaseProcess.objects.filter(case=case, submission_approved=True).exists()


def _next_titles(node) -> list[str]:
    """Human steps reachable from `node` through gateways (what comes next)."""
    from .nodes import CaseTask

    seen, titles, frontier = set(), [], [node]
    while frontier:
        current = frontier.pop(0)
        for edge in current._outgoing():
            dst = edge.dst
            if dst in seen:
                continue
            seen.add(dst)
            if isinstance(dst, CaseTask):
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
    from casework.models import Stage

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
    from django.urls import get_resolver

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
    from . import services
    from .nodes import CaseTask

    process = process_for(case)
    if process is None:
        can_start = (
            not case.is_closed
            and user.has_perm("workflows.intake_case")
            and case_selectors.can_change_case(user, case)
        )
        return FlowSummary(None, [], [], [], can_start=can_start, stages=stage_track(case))
    tasks = list(
        process.task_set.filter(flow_task_type__in=["HUMAN", "HUMAN_START", "START"])
        .select_related("owner")
        .order_by("created", "pk")
    )
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
        if isinstance(row.task.flow_task, CaseTask):
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
        can_stop=process.status == PROCESS.NEW and services.can_stop(user, case),
        status_label=label,
        stages=stage_track(case),
    )


# --- Workload ---------------------------------------------------------------------------------


@dataclass
class LawyerLoad:
    user: User
    assigned: int
    by_step: list[tuple[str, int]]


@dataclass
class BranchLoad:
    branch: str
    assigned: int
    unassigned: int


def open_tasks() -> QuerySet[Task]:
    return Task.objects.filter(process__flow_class=_flow(), flow_task_type="HUMAN", status__in=OPEN)


def workload_by_lawyer() -> list[LawyerLoad]:
    """Open tasks held by each lawyer and supervisor (numbers only: no case is named)."""
    staff = (
        User.objects.filter(is_active=True, groups__name__in=[Role.LAWYER, Role.SUPERVISOR])
        .select_related("branch")
        .distinct()
        .order_by("branch__name", "last_name", "username")
    )
    per_step: dict[int, Counter] = {}
    for owner_id, flow_task in (
        open_tasks().filter(owner__isnull=False).values_list("owner_id", "flow_task")
    ):
        per_step.setdefault(owner_id, Counter())[str(flow_task.task_title)] += 1
    return [
        LawyerLoad(
            user=user,
            assigned=sum(per_step.get(user.pk, Counter()).values()),
            by_step=sorted(per_step.get(user.pk, Counter()).items()),
        )
        for user in staff
    ]


def workload_by_branch() -> list[BranchLoad]:
    rows = (
        open_tasks()
        .values("process__caseprocess__case__branch__name")
        .annotate(
            assigned=Count("pk", filter=Q(owner__isnull=False)),
            unassigned=Count("pk", filter=Q(owner__isnull=True)),
        )
        .order_by("process__caseprocess__case__branch__name")
    )
    return [
        BranchLoad(
            branch=row["process__caseprocess__case__branch__name"],
            assigned=row["assigned"],
            unassigned=row["unassigned"],
        )
        for row in rows
    ]
