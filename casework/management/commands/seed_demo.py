"""Load the demo organisation: staff of every role, ~30 cases, live workflow tasks, deadlines.

Idempotent: a second run finds everything in place and changes nothing.
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that contributes demo data exposes `seed(stdout)`; order matters (cases first).
DEMO_MODULES = [
    "casework.demo",
    "workflows.demo",
    "casework.deadlines.demo",
    "communications.demo",
]


class Command(BaseCommand):
    help = "Create the demo organisation, users and cases (safe to run more than once)."

    def handle(self, *args, **options) -> None:
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                module.seed(self.stdout)
        self._setup_demo_logins()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _setup_demo_logins(self) -> None:
        """Give demo users their documented second factor, where two-factor login exists."""
        try:
            security_demo = importlib.import_module("casework.security.demo")
        except ModuleNotFoundError:
            return
        from casework.demo import USERS
        from casework.models import User

        for user in User.objects.filter(username__in=[u[0] for u in USERS]):
            security_demo.setup_demo_2fa(user)
