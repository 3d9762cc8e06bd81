"""`manage.py assess_admissibility FILE.json` (or `-` for stdin): the admissibility self-check.

Prints the assessment as JSON. Malformed input exits with status 2 and one line on stderr that
names the offending field; never a traceback.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from communications.admissibility import AdmissibilityInputError, assess, parse_json
from communications.selectors import state_party_table


class Command(BaseCommand):
    help = "Assess the admissibility of a communication described in a JSON file ('-': stdin)."
    requires_system_checks: list[str] = []  # a pure check; never blocked by unrelated config

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="JSON input (see docs/communications.md), or - for stdin")

    def _fail(self, message: str) -> None:
        self.stderr.write(" ".join(message.split()))  # exactly one line
        sys.exit(2)

    def handle(self, *args, **options) -> None:
        path = options["file"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            self._fail(f"error: cannot read {path}: {exc}")
            return
        try:
            data = parse_json(text)
        except AdmissibilityInputError as exc:
            self._fail(f"error: {exc.field}: {exc.message}")
            return
        result = assess(data, state_party_table())
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
