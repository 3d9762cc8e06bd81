"""manage.py runall [HOST:PORT]: the web server, the task worker and the scheduler together.

`make run` uses it, so a newcomer sees notifications and reminders arrive. Ctrl-C stops all.
"""

import sys

from django.core.management.base import BaseCommand

from operations.supervisor import supervise


class Command(BaseCommand):
    help = "Run the development web server, the django-tasks worker and the scheduler."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        manage = [sys.executable, sys.argv[0]]
        status = supervise(
            [
                ("web", [*manage, "runserver", addrport]),
                ("worker", [*manage, "db_worker", "--interval", "2"]),
                ("scheduler", [*manage, "scheduler", "--daily"]),
            ],
            out=self.stdout,
        )
        if status:
            sys.exit(status)
