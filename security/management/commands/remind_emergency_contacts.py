"""manage.py remind_emergency_contacts [--today YYYY-MM-DD]: run daily (cron, systemd timer).

Sends a notice to the editors of every emergency directory holding contacts not checked for 6
months (or never checked); a directory is reminded again only after two weeks.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from security.contacts import send_check_reminders


class Command(BaseCommand):
    help = "Remind directory editors of emergency contacts not checked for 6 months."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today: str | None = None, **options):
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(
                    f"--today must be a date like 2026-03-01, not {today!r}."
                ) from exc
        result = send_check_reminders(today=day)
        self.stdout.write(
            f"{result.contacts} contacts to check in {result.directories} directories; "
            f"{result.notices} notices sent."
        )
