"""manage.py restore_remedy FILE : restore an encrypted archive into an EMPTY database."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from security.archive import BackupArchiveError
from security.backup import RestoreRefused, restore_backup
from security.backup_keys import backup_key


class Command(BaseCommand):
    help = (
        "Restore a backup_remedy archive into a freshly migrated, empty database "
        "(key: REMEDY_BACKUP_KEY or --key-file). Refuses a database that has users or cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--key-file", help="File holding the backup key (base64).")

    def handle(self, *args, archive: str, key_file: str | None = None, **options):
        try:
            key = backup_key(key_file)
            report = restore_backup(archive, key)
        except FileNotFoundError as exc:
            raise CommandError(f"No such archive: {archive}") from exc
        except (ImproperlyConfigured, BackupArchiveError, RestoreRefused) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.database_objects} database objects and "
                f"{report.documents} documents."
            )
        )
