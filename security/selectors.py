"""Reading the access log for the administrators' security page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from casework.models import AccessLog, User
from casework.selectors import cases_visible_to


@dataclass(frozen=True)
class AccessLogFilter:
    user: str = ""
    case_reference: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def access_log_entries(filters: AccessLogFilter, *, viewer: User) -> QuerySet[AccessLog]:
    """Access-log rows matching `filters`, newest first, with user and case joined.

    Each row carries `case_visible`: whether `viewer` may open its case. The page shows the
    reference, a link and the object only then; other rows stay listed, masked. The reference
    filter matches only cases `viewer` may open, so it cannot confirm that a hidden case exists.
    """
    if not viewer.is_active:  # a locked-down account's duress session reads no entry
        return AccessLog.objects.none()
    visible = cases_visible_to(viewer)
    entries = AccessLog.objects.select_related("user", "case").annotate(
        case_visible=Exists(visible.filter(pk=OuterRef("case_id")))
    )
    if filters.user:
        entries = entries.filter(user__username__icontains=filters.user)
    if filters.case_reference:
        entries = entries.filter(
            case__reference__icontains=filters.case_reference, case__in=visible
        )
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.date_from:
        entries = entries.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(at__date__lte=filters.date_to)
    return entries.order_by("-at", "-id")
