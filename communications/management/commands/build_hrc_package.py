"""`manage.py build_hrc_package CASE_REF --out PATH.zip [--lang ru|en] [--final] [--user USERNAME]`.

Builds the submission package to the Human Rights Committee, keeps it as a versioned filing of the
case and writes it to PATH. Missing data: exit status 2 and the exact list of what is missing.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand

from casework.models import Case, User
from communications.package import PackageRefused
from communications.services import build_hrc_package


class Command(BaseCommand):
    help = "Build the UN Human Rights Committee submission package of a case."

    def add_arguments(self, parser) -> None:
        parser.add_argument("reference", help="case reference, e.g. KIBHR-2021-0001")
        parser.add_argument("--out", required=True, help="where to write the zip")
        parser.add_argument(
            "--user",
            help="username of the staff member building the package "
            "(default: the case's responsible lawyer); the filing and the access log name them",
        )
        parser.add_argument("--lang", choices=["ru", "en"], default="ru")
        parser.add_argument("--final", action="store_true", help="final (approved) package")
        parser.add_argument("--date", help="date of the communication, YYYY-MM-DD (default: today)")

    def _fail(self, lines: list[str]) -> None:
        for line in lines:
            self.stderr.write(line)
        sys.exit(2)

    def handle(self, *args, **options) -> None:
        case = Case.objects.filter(reference=options["reference"]).first()
        if case is None:
            self._fail([f"error: no case {options['reference']!r}"])
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                self._fail([f"error: --user: no active user {options['user']!r}"])
        else:
            # A filing is always somebody's act: without --user, the responsible lawyer's.
            user = case.responsible_lawyer
            if user is None or not user.is_active:
                self._fail(["error: --user: the case has no active responsible lawyer; name one"])
            self.stderr.write(f"note: building as {user.username}, the responsible lawyer")
        on = None
        if options["date"]:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError:
                self._fail([f"error: --date: expected YYYY-MM-DD, got {options['date']!r}"])
        out = Path(options["out"])
        if not out.parent.is_dir():
            self._fail([f"error: --out: directory {str(out.parent)!r} does not exist"])
        try:
            filing, result = build_hrc_package(
                case=case, by=user, lang=options["lang"], final=options["final"], on=on
            )
        except PermissionDenied as exc:
            self._fail([f"error: {exc}"])
        except PackageRefused as exc:
            self._fail(
                ["error: the package cannot be built; missing or wrong:"]
                + [f"  - {problem}" for problem in exc.problems]
            )
        out.write_bytes(result.zip_bytes)
        for note in result.notes:
            self.stderr.write(f"note: {note}")
        kind = "final" if filing.is_final else "draft"
        self.stdout.write(
            f"{out}: {kind} package v{filing.version} of {case.reference}, "
            f"{result.communication_pages} pages, sha256 {filing.sha256}"
        )
