"""manage.py scheduler [--daily]: queue the worker's heartbeat every minute (and, with --daily,
the daily jobs once a day at REMEDY_DAILY_JOBS_AT, local time; at once on first start).

Production runs it as `remedy-scheduler.service`; the daily jobs there come from
`remedy-daily.timer` instead (deploy/). Stops cleanly on SIGTERM or Ctrl-C.
"""

import datetime as dt
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from operations.jobs import daily_due, record_heartbeat, run_daily_jobs

HEARTBEAT_EVERY = 60


class Command(BaseCommand):
    help = "Queue the worker heartbeat every minute; with --daily also the daily jobs."

    def add_arguments(self, parser):
        parser.add_argument("--daily", action="store_true", help="Also run the daily jobs.")
        parser.add_argument("--once", action="store_true", help="One round, then exit.")

    def handle(self, *args, daily: bool, once: bool, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_a: stopping.append(True))
        at = dt.time.fromisoformat(settings.REMEDY_DAILY_JOBS_AT)
        last_daily = None
        self.stdout.write(
            f"scheduler: heartbeat every {HEARTBEAT_EVERY}s; daily jobs: "
            f"{'at ' + at.isoformat('minutes') if daily else 'off'}"
        )
        try:
            while not stopping:
                record_heartbeat.enqueue()
                now = timezone.localtime()
                if daily and daily_due(last_run=last_daily, now=now, at=at):
                    result = run_daily_jobs(now.date())
                    last_daily = now.date()
                    self.stdout.write(f"scheduler: daily jobs {result}")
                if once:
                    return
                for _second in range(HEARTBEAT_EVERY):
                    if stopping:
                        break
                    time.sleep(1)
        except KeyboardInterrupt:
            pass
        self.stdout.write("scheduler: stopped")
