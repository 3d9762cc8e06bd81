"""`manage.py build_appeal_draft CASE_REF --out PATH.pdf --user USERNAME`: a draft domestic appeal
(in Russian) against the case's latest decision, kept as a filing of the case."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand

from casework.models import Case, User
from communications.package import PackageRefused
from communications.services import build_appeal_draft


class Command(BaseCommand):
    help = "Draft the next domestic appeal (Russian) against a case's latest decision."

    def add_arguments(self, parser) -> None:
        parser.add_argument("reference")
        parser.add_argument("--out", required=True)
        parser.add_argument("--user", required=True)

    def _fail(self, lines: list[str]) -> None:
        for line in lines:
            self.stderr.write(line)
        sys.exit(2)

    def handle(self, *args, **options) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        case = Case.objects.filter(reference=options["reference"]).first()
        if user is None:
            self._fail([f"error: no active user {options['user']!r}"])
        if case is None:
            self._fail([f"error: no case {options['reference']!r}"])
        out = Path(options["out"])
        if not out.parent.is_dir():
            self._fail([f"error: --out: directory {str(out.parent)!r} does not exist"])
        try:
            filing, body = build_appeal_draft(case=case, by=user)
        except PermissionDenied as exc:
            self._fail([f"error: {exc}"])
        except PackageRefused as exc:
            self._fail(["error: the draft cannot be built:"] + [f"  - {p}" for p in exc.problems])
        out.write_bytes(body)
        self.stdout.write(f"{out}: appeal draft v{filing.version} of {case.reference}")
