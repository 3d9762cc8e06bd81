"""manage.py backup_remedy --out FILE : one encrypted archive of the database and documents."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from security.backup import write_backup
from security.backup_keys import backup_key


class Command(BaseCommand):
    help = (
        "Write the whole database and every document into one encrypted archive "
        "(key: REMEDY_BACKUP_KEY or --key-file)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Archive file to create.")
        parser.add_argument("--key-file", help="File holding the backup key (base64).")

    def handle(self, *args, out: str, key_file: str | None = None, **options):
        try:
            key = backup_key(key_file)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if os.path.exists(out):
            raise CommandError(
                f"{out} exists; choose a new file name (backups are never overwritten)."
            )
        tmp = f"{out}.partial"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as sink:
                report = write_backup(sink, key)
                sink.flush()
                os.fsync(sink.fileno())
            os.replace(tmp, out)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {out}: database ({report.database_bytes} bytes), "
                f"{report.documents} documents."
            )
        )
        for name in report.missing_documents:
            self.stderr.write(f"warning: document file missing on disk, not in backup: {name}")
