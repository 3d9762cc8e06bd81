"""The task lists of the litigation flow: inbox, queue, archive and the workload.

Every list is filtered through `casework.selectors.cases_visible_to`: a task never shows a case
to someone who may not see it, and a lawyer who loses access to a case loses its tasks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework import selectors as case_selectors
from casework.models import Role, User

from .flows import LitigationFlow
from .selectors import OPEN, task_case


def visible_tasks(queryset: QuerySet, user: User) -> QuerySet:
    """`queryset` of tasks restricted to the cases `user` may see."""
    return queryset.filter(
        process__caseprocess__case__in=case_selectors.cases_visible_to(user).values("pk")
    ).select_related("process__caseprocess__case", "owner")


def inbox(user: User) -> QuerySet[Task]:
    """Tasks assigned to `user`, on cases they may still see."""
    return visible_tasks(Task.objects.inbox([LitigationFlow], user), user).order_by("created")


def queue(user: User) -> list[Task]:
    """Unassigned tasks `user` may take: the node's role permission (viewflow's queue), a case
    they may see, and the case permission the node needs (change, or team management for a
    supervisor's step), decided by `casework.selectors.case_permissions` once per case."""
    tasks = visible_tasks(Task.objects.queue([LitigationFlow], user), user).order_by("created")
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
    return visible_tasks(
        Task.objects.archive([LitigationFlow], user).filter(
            status=STATUS.DONE, flow_task_type="HUMAN"
        ),
        user,
    ).order_by("-finished")


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
    return Task.objects.filter(
        process__flow_class=LitigationFlow, flow_task_type="HUMAN", status__in=OPEN
    )


def workload_by_lawyer(viewer: User) -> list[LawyerLoad]:
    """Open tasks held by each lawyer and supervisor, on the cases `viewer` may see.

    Numbers only, no case is named; tasks on cases the viewer cannot open are not counted at all
    (a count per step would tell a supervisor that a secret case is at "interim measures").
    An inactive viewer (a locked-down account's duress session) is shown no colleague.
    """
    if not viewer.is_active:
        return []
    staff = (
        User.objects.filter(is_active=True, groups__name__in=[Role.LAWYER, Role.SUPERVISOR])
        .select_related("branch")
        .distinct()
        .order_by("branch__name", "last_name", "username")
    )
    per_step: dict[int, Counter] = {}
    for owner_id, flow_task in (
        visible_tasks(open_tasks(), viewer)
        .filter(owner__isnull=False)
        .values_list("owner_id", "flow_task")
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


def workload_by_branch(viewer: User) -> list[BranchLoad]:
    """Open tasks per branch, assigned and waiting, on the cases `viewer` may see."""
    rows = (
        visible_tasks(open_tasks(), viewer)
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
