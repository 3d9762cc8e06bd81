"""The jobs that run on a schedule: the worker's heartbeat and the daily reminders.

`manage.py scheduler` (systemd `remedy-scheduler.service`, and `make run`) queues the heartbeat
every minute; the daily jobs run from `manage.py run_daily_jobs` (systemd `remedy-daily.timer`)
or, in development, from `manage.py scheduler --daily`. Every daily job is idempotent (a
reminder is logged once per deadline, date and offset; a directory is reminded once a fortnight),
so running it twice in a day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from deadlines.reminders import enqueue_due_reminders
from publication.services import withdraw_unpublishable
from security.contacts import send_check_reminders

from .models import Heartbeat

logger = logging.getLogger("remedy.operations")

WORKER = "worker"


@task()
def record_heartbeat() -> str:
    with transaction.atomic():
        Heartbeat.objects.update_or_create(name=WORKER, defaults={"beat_at": timezone.now()})
    return "beat"


def run_daily_jobs(today: dt.date | None = None) -> dict[str, int]:
    """Queue today's deadline reminders, remind the emergency directories' editors, and take off
    the public site what may no longer be there (a consent to publish that expired overnight
    changes no row, so no signal says so)."""
    reminders = enqueue_due_reminders(today)
    contacts = send_check_reminders(today=today)
    withdrawn = withdraw_unpublishable()
    result = {
        "deadline_reminders_queued": reminders,
        "contact_notices": contacts.notices,
        "publications_withdrawn": withdrawn,
    }
    logger.info("DAILY_JOBS %s", result)
    return result


def daily_due(*, last_run: dt.date | None, now: dt.datetime, at: dt.time) -> bool:
    """Whether the daily jobs are due at `now` (local time): once a day, at or after `at`."""
    if last_run is not None and last_run >= now.date():
        return False
    return now.time() >= at or last_run is None
