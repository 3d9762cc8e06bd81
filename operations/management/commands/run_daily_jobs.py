"""manage.py run_daily_jobs: queue today's deadline reminders, remind the emergency directories'
editors (systemd `remedy-daily.timer`, or cron). Idempotent: running it twice sends nothing twice.
"""

from django.core.management.base import BaseCommand

from operations.jobs import run_daily_jobs


class Command(BaseCommand):
    help = "Run the daily jobs (deadline reminders, emergency-contact check reminders)."

    def handle(self, *args, **options):
        self.stdout.write(str(run_daily_jobs()))
