"""`manage.py send_deadline_reminders`: enqueue the reminders due now (run it from cron hourly).

The worker (`manage.py db_worker`) sends them. Running this twice, or while the worker restarts,
sends each reminder once: the reminder log has a unique row per deadline, date and offset.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deadlines.reminders import enqueue_due_reminders


class Command(BaseCommand):
    help = "Enqueue deadline reminders (14, 7, 3, 1 days before and on the day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", help="Pretend today is YYYY-MM-DD (to catch up after an outage)."
        )

    def handle(self, *args, today: str | None, **options) -> None:
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError:
                raise CommandError(
                    f"Invalid date {today!r}: use YYYY-MM-DD.", returncode=2
                ) from None
        count = enqueue_due_reminders(day)
        self.stdout.write(f"{count} reminder(s) enqueued.")
