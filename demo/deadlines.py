"""Demo deadlines for `manage.py seed_demo`: derived from the demo cases' recorded events.

Nothing here invents a date: each deadline is what the rules give for a proceeding the demo
recorded (through `services.sync_for_case`, the same path the UI uses). Idempotent: syncing
an unchanged proceeding changes nothing.
"""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from casework.models import Case
from deadlines.models import Deadline
from deadlines.services import sync_for_case


@transaction.atomic
def seed(stdout: TextIO) -> None:
    before = Deadline.objects.count()
    cases = Case.objects.filter(proceedings__decided_on__isnull=False).distinct()
    for case in cases.select_related("responsible_lawyer", "created_by").order_by("pk"):
        sync_for_case(case, by=case.responsible_lawyer or case.created_by)
    created = Deadline.objects.count() - before
    stdout.write(f"Deadlines: {created} created from recorded decisions.\n")
