"""`manage.py recompute_deadlines`: re-apply rules and calendar to every open deadline.

Run after upgrading the `holidays` package (estimated religious holidays become fixed, new
years get their transfers) or after bulk calendar edits. The admin runs it by itself when a
rule or a calendar correction is saved. Each moved deadline gets a history row saying why.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from deadlines.services import recompute_open_deadlines


class Command(BaseCommand):
    help = "Recompute open deadlines with the current rules and holiday calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reason", default="calendar or rules updated", help="Recorded in each history row."
        )

    def handle(self, *args, reason: str, **options) -> None:
        moved = recompute_open_deadlines(by=None, reason=reason)
        for deadline in moved:
            self.stdout.write(f"moved: {deadline} — {deadline.explanation}")
        self.stdout.write(f"{len(moved)} deadline(s) moved.")
