"""Alerts on unusual reading: one account reading many restricted or secret cases, or
downloading many of their documents, in a short time (a compromised account or an insider
copying files).

Every new access-log row is looked at (post_save receiver, registered in apps.py). When the
account's reads of distinct restricted/secret cases in the last REMEDY_ALERT_WINDOW_MINUTES
exceed REMEDY_ALERT_READS_PER_WINDOW, or its downloads exceed
REMEDY_ALERT_DOWNLOADS_PER_WINDOW, Remedy writes an access-log row with the action "alert" and
alerts every administrator (in-app only, security/alarms.py) — once per window and kind. The
check runs while the access log's append lock is held, so two simultaneous requests cannot
both raise it.
Reads of normal cases are not logged, so they never count. Reads of incidents (the security
register, logged without a case) count like reads of restricted cases: each incident read once
is one more record read.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, Count, When
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.http import urlencode

from casework.models import AccessAction, AccessLog
from casework.services import log_access
from notifications.models import Kind

from .alarms import alert_administrators

READS = "reads"
DOWNLOADS = "downloads"
READ_ACTIONS = (AccessAction.VIEW_CASE, AccessAction.VIEW_IDENTITY, AccessAction.VIEW_INCIDENT)


def _kind(action: str) -> str | None:
    if action in READ_ACTIONS:
        return READS
    if action == AccessAction.DOWNLOAD:
        return DOWNLOADS
    return None


def check_unusual_reading(entry: AccessLog) -> AccessLog | None:
    """Raise the alert `entry` completes, if any; returns the alert's access-log row."""
    kind = _kind(entry.action)
    if kind is None:
        return None
    window = dt.timedelta(minutes=settings.REMEDY_ALERT_WINDOW_MINUTES)
    since = entry.at - window
    recent = AccessLog.objects.filter(user_id=entry.user_id, at__gte=since)
    if kind == READS:
        reads = recent.filter(action__in=READ_ACTIONS)
        # Distinct records read: cases by id, incidents (no case) by the incident they name.
        # One query: COUNT(DISTINCT) ignores the NULLs each side leaves.
        counts = reads.aggregate(
            cases=Count("case_id", distinct=True),
            incidents=Count(Case(When(case__isnull=True, then="object_repr")), distinct=True),
        )
        count = counts["cases"] + counts["incidents"]
        limit = settings.REMEDY_ALERT_READS_PER_WINDOW
    else:
        count = recent.filter(action=AccessAction.DOWNLOAD).count()
        limit = settings.REMEDY_ALERT_DOWNLOADS_PER_WINDOW
    if count <= limit:
        return None
    if recent.filter(action=AccessAction.ALERT, object_repr__startswith=f"{kind}:").exists():
        return None  # already raised in this window
    minutes = settings.REMEDY_ALERT_WINDOW_MINUTES
    log_access(
        user=entry.user,
        case=entry.case,
        action=AccessAction.ALERT,
        obj=f"{kind}: {count} in {minutes} min (limit {limit})",
    )
    alert = AccessLog.objects.filter(user_id=entry.user_id, action=AccessAction.ALERT).latest("id")
    alert_administrators(
        kind=Kind.READING_ALERT if kind == READS else Kind.DOWNLOAD_ALERT,
        about=entry.user,
        url=f"{reverse('security:access_log')}?{urlencode({'user': entry.user.username})}",
        params={"count": count, "minutes": minutes},
    )
    return alert


@receiver(post_save, sender=AccessLog, dispatch_uid="security.alerts.unusual_reading")
def _on_access_logged(sender, instance: AccessLog, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        check_unusual_reading(instance)
