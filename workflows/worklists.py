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
from casework.models import Confidentiality, Role, User

from .flows import CASE_FLOWS
from .selectors import OPEN


def visible_tasks(queryset: QuerySet, user: User) -> QuerySet:
    """`queryset` of tasks restricted to the cases `user` may see (the filter of
    `cases_visible_to`, applied to the case row each task joins)."""
    visible = case_selectors.visibility_filter(user, "process__caseprocess__case__")
    if visible is None:
        return queryset.none()
    return queryset.filter(visible).select_related("process__caseprocess__case", "owner")


def _flow_tasks(user: User) -> QuerySet[Task]:
    """Human tasks of the flows that run on a case (the route and interim-measures requests),
    of the flows `user` may see at all (viewflow's rule)."""
    flows = [flow for flow in CASE_FLOWS if flow.instance.has_view_permission(user)]
    if not flows:
        return Task.objects.none()
    return Task.objects.filter(process__flow_class__in=flows, flow_task_type="HUMAN")


def inbox(user: User) -> QuerySet[Task]:
    """Tasks assigned to `user`, on cases they may still see."""
    return visible_tasks(
        _flow_tasks(user).filter(owner=user, status=STATUS.ASSIGNED), user
    ).order_by("created", "pk")


def _nodes_needing(case_permission: str) -> list:
    """Nodes of the case flows that a holder of `case_permission` may do (a node may accept
    either of two permissions: `nodes.CaseTask.case_permission`)."""
    nodes = []
    for flow in CASE_FLOWS:
        for node in flow.instance.nodes():
            wanted = getattr(node, "case_permission", None)
            wanted = (wanted,) if isinstance(wanted, str) else tuple(wanted or ())
            if case_permission in wanted:
                nodes.append(node)
    return nodes


def queue(user: User) -> QuerySet[Task]:
    """Unassigned tasks `user` may take: the node's role permission, a case they may see, and
    the case permission the node needs (change, or team management for a supervisor's step).

    One query, whatever the number of grants: the rules of viewflow's queue (no permission, or a
    model permission the user holds; Remedy sets no per-object task permission) and of
    `casework.selectors.case_permissions` written as SQL over the grant tables. The task page
    checks the same rules again, one task at a time (`workflows.nodes.CaseTask`).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Task.objects.none()
    role_permission = Q(owner_permission__isnull=True) | Q(
        owner_permission__in=user.get_all_permissions()
    )
    case_field = "process__caseprocess__case"
    may_change = Q(
        **{f"{case_field}__in": case_selectors.granted_case_ids(user, case_selectors.CHANGE)}
    )
    may_manage = Q(
        **{f"{case_field}__in": case_selectors.granted_case_ids(user, case_selectors.MANAGE_TEAM)}
    )
    if user.has_role(Role.SUPERVISOR):
        # case_permissions: a supervisor manages the team of every normal case they see.
        may_manage |= Q(**{f"{case_field}__confidentiality": Confidentiality.NORMAL})
    takeable = (Q(flow_task__in=_nodes_needing(case_selectors.CHANGE)) & may_change) | (
        Q(flow_task__in=_nodes_needing(case_selectors.MANAGE_TEAM)) & may_manage
    )
    return visible_tasks(
        _flow_tasks(user).filter(role_permission, takeable, status=STATUS.NEW), user
    ).order_by("created", "pk")


def archive(user: User) -> QuerySet[Task]:
    """Tasks `user` completed, on cases they may still see."""
    return visible_tasks(
        _flow_tasks(user).filter(owner=user, status=STATUS.DONE, finished__isnull=False), user
    ).order_by("-finished", "-pk")


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
        process__flow_class__in=CASE_FLOWS, flow_task_type="HUMAN", status__in=OPEN
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
    if viewer.has_role(Role.BRANCH_HEAD) and not viewer.has_role(
        Role.SUPERVISOR, Role.ADMINISTRATOR
    ):
        # A branch head oversees their branch: its staff, on the cases they may see.
        staff = staff.filter(branch_id=viewer.branch_id)
    per_step: dict[int, Counter] = {}
    for row in (
        visible_tasks(open_tasks(), viewer)
        .filter(owner__isnull=False)
        .values("owner_id", "flow_task")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        per_step.setdefault(row["owner_id"], Counter())[str(row["flow_task"].task_title)] += row[
            "n"
        ]
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
