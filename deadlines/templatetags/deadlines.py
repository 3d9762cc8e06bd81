"""`{% load deadlines %}{% deadline_badge case %}`: the next deadline of a case, at a glance.

Use it only on pages that already opened `case` through `casework.selectors.get_case_for`.
"""

from __future__ import annotations

from django import template
from django.utils import timezone

from casework.models import Case
from deadlines.selectors import next_open_deadline

register = template.Library()


@register.inclusion_tag("deadlines/_badge.html")
def deadline_badge(case: Case) -> dict:
    if case is None or not getattr(case, "pk", None):
        return {"deadline": None}
    deadline, overdue = next_open_deadline(case)
    days_left = deadline.days_left(timezone.localdate()) if deadline else None
    return {"case": case, "deadline": deadline, "overdue": overdue, "days_left": days_left}
