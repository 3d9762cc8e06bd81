"""The home page of branch heads and supervisors: what needs them this week.

Counts over the cases they may open (`cases_visible_to`), the deadlines they oversee
(`deadlines.selectors`) and the open tasks of the route (`workflows.worklists`). No case is
named here; each figure links to the list that names them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from casework.models import Role, Stage, User
from casework.selectors import cases_visible_to
from deadlines.selectors import overdue_deadlines, upcoming_deadlines
from workflows.worklists import LawyerLoad, workload_by_lawyer


@dataclass(frozen=True)
class Board:
    open_by_stage: list[tuple[str, int]]
    open_total: int
    due_this_week: int
    overdue: int
    week: tuple[dt.date, dt.date]
    tasks_by_lawyer: list[LawyerLoad]
    scope_is_branch: bool


def this_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week of `today`."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def board_for(user: User, *, today: dt.date | None = None) -> Board:
    today = today or timezone.localdate()
    counts = dict(
        cases_visible_to(user)
        .exclude(stage=Stage.CLOSED)
        .values("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    by_stage = [(label, counts.get(value, 0)) for value, label in Stage.choices]
    by_stage = [(label, n) for label, n in by_stage if label != Stage.CLOSED.label]
    monday, sunday = this_week(today)
    branch_only = not user.has_role(Role.SUPERVISOR)
    loads = workload_by_lawyer(user)
    if branch_only:
        loads = [load for load in loads if load.user.branch_id == user.branch_id]
    return Board(
        open_by_stage=by_stage,
        open_total=sum(counts.values()),
        due_this_week=upcoming_deadlines(user, today=today).filter(due_date__lte=sunday).count(),
        overdue=overdue_deadlines(user, today=today).count(),
        week=(monday, sunday),
        tasks_by_lawyer=loads,
        scope_is_branch=branch_only,
    )
