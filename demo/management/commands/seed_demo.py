"""Load the demo organisation: staff of every role, ~30 cases, live workflow tasks, deadlines.

Idempotent: a second run finds everything in place and changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from casework.models import User
from demo import (
    casework,
    communications,
    contingency,
    deadlines,
    monitoring,
    publication,
    security,
    workflows,
)

# Order matters: the base organisation and its cases first, then what builds on them.
DEMO_MODULES = [
    casework,
    workflows,
    deadlines,
    communications,
    contingency,
    monitoring,
    publication,
]


class Command(BaseCommand):
    help = "Create the demo organisation, users and cases (safe to run more than once)."

    def handle(self, *args, **options) -> None:
        for module in DEMO_MODULES:
            with transaction.atomic():
                module.seed(self.stdout)
        # Every demo user gets the documented, public second factor (README).
        for user in User.objects.filter(username__in=[u[0] for u in casework.USERS]):
            security.setup_demo_2fa(user)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
