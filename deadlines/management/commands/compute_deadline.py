"""`manage.py compute_deadline RULE_CODE --from YYYY-MM-DD`: the due date a rule gives, as JSON.

Exit status 2 with a one-line message for an unknown rule, a malformed date or a date the
arithmetic cannot handle; never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deadlines import services
from deadlines.calculation import DeadlineError
from deadlines.models import DeadlineRule

USAGE_ERROR = 2


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"Invalid date {value!r}: use YYYY-MM-DD, e.g. 2026-01-31.", returncode=USAGE_ERROR
        ) from None


class Command(BaseCommand):
    help = "Compute the due date of a deadline rule for an event on a given date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", nargs="?", help="Rule code, e.g. kz-civil-appeal.")
        parser.add_argument("--from", dest="start", help="Date of the event, YYYY-MM-DD.")
        parser.add_argument("--list", action="store_true", help="List the rules and exit.")

    def handle(self, *args, rule: str | None, start: str | None, **options) -> None:
        if options["list"]:
            self._list()
            return
        if not rule:
            raise CommandError(
                "Name a rule (see --list), e.g. kz-civil-appeal --from 2026-01-31.",
                returncode=USAGE_ERROR,
            )
        if not start:
            raise CommandError(
                "Give the event date with --from YYYY-MM-DD.", returncode=USAGE_ERROR
            )
        trigger = _parse_date(start)
        found = DeadlineRule.objects.filter(code=rule).first()
        if found is None:
            raise CommandError(
                f"Unknown rule {rule!r}; `compute_deadline --list` lists the rules.",
                returncode=USAGE_ERROR,
            )
        try:
            result = services.compute(found, trigger)
        except DeadlineError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from None
        payload = {
            "rule": found.code,
            "from": trigger.isoformat(),
            "due": result.due.isoformat(),
            "explanation": result.explanation,
        }
        if not found.verified:
            payload["warning"] = "This rule is not verified: check the law before relying on it."
        if found.is_awaited:
            payload["awaited_from"] = found.party
        self.stdout.write(json.dumps(payload, ensure_ascii=False))

    def _list(self) -> None:
        for item in DeadlineRule.objects.order_by("code"):
            flags = [] if item.verified else ["UNVERIFIED"]
            if not item.is_active:
                flags.append("inactive")
            rollover = (
                "moves to next working day"
                if item.rollover == "next_working_day"
                else ("does not move")
            )
            suffix = f"  [{', '.join(flags)}]" if flags else ""
            self.stdout.write(
                f"{item.code:32} {item.period_label:16} from {item.trigger}; {rollover}{suffix}"
            )
