from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case as SqlCase
from django.db.models import Count, IntegerField, Q, QuerySet, Value, When, Window
from django.utils import timezone

from casework.models import User

from .models import BANNER, Notification

# The banner shows the newest few alerts.
BANNER_SIZE = 5
# An alert that links nowhere (about a case the recipient cannot open, or a notice of the old
# table) leaves the banner after this long even if nobody marks it read in the centre (it stays
# listed there). An alert with a link stays until it is followed or marked read.
MASKED_BANNER_DAYS = 14


def centre_of(user: User) -> QuerySet[Notification]:
    """What the notification centre lists: the in-app notifications, newest first."""
    return (
        Notification.objects.filter(recipient=user, in_app=True)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class TopBar:
    """What every page shows of a person's notifications: the bell's count and the alerts."""

    unread: int = 0
    alerts: list[Notification] = field(default_factory=list)


def top_bar(user: User) -> TopBar:
    """The unread count and the banner's alerts in one query, whatever the number of rows.

    The unread rows are ordered alerts first; a window count over all of them rides along on
    each row, so the first few rows answer both questions.
    """
    if not getattr(user, "is_authenticated", False):
        return TopBar()
    stale = timezone.now() - dt.timedelta(days=MASKED_BANNER_DAYS)
    is_alert = Q(kind__in=BANNER) & ~Q(url="", created_at__lt=stale)
    rows = list(
        Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True)
        .select_related("actor")
        .annotate(
            unread=Window(Count("id")),
            alert=SqlCase(
                When(is_alert, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
        )
        .order_by("alert", "-created_at", "-id")[:BANNER_SIZE]
    )
    if not rows:
        return TopBar()
    return TopBar(unread=rows[0].unread, alerts=[row for row in rows if row.alert == 0])
