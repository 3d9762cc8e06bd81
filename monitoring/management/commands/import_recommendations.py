"""manage.py import_recommendations FILE.csv --user USERNAME: the register's CSV import.

All or nothing: a file with any invalid row imports nothing, lists every bad row with its line
number and reason, and exits with status 2. The same as the import page (monitoring.importer).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casework.models import User
from monitoring.importer import import_csv


class Command(BaseCommand):
    help = "Import recommendations from a CSV file (columns: docs/monitoring.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user",
            required=True,
            help="The analyst or supervisor the import is recorded under (audit trail).",
        )

    def handle(self, *args, file: Path, user: str, **options):
        by = User.objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(f"No active user {user!r}.")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        result = import_csv(data, by=by)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"Nothing imported: {len(result.errors)} bad row(s).")
            raise SystemExit(2)
        self.stdout.write(
            f"Imported: {result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
