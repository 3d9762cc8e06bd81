"""manage.py rotate_document_keys : re-encrypt every document under the current key.

Rotation, step by step (docs/security.md):
1. `manage.py rotate_document_keys --generate-key` prints a new key.
2. Put it FIRST in REMEDY_DOCUMENT_KEYS, keep the old key(s) after it, restart Remedy.
3. `manage.py rotate_document_keys` re-encrypts every file still under an old key.
4. Remove the old key(s) from REMEDY_DOCUMENT_KEYS and restart.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from casework.storage import generate_key as new_key
from casework.storage import keyring
from security.keys import rotate_document_keys


class Command(BaseCommand):
    help = "Re-encrypt every stored document with the current (first) key of REMEDY_DOCUMENT_KEYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--generate-key", action="store_true", help="Print a new random key and exit."
        )

    def handle(self, *args, generate_key: bool = False, **options):
        if generate_key:
            self.stdout.write(new_key())
            return
        try:
            keyring()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        report = rotate_document_keys()
        self.stdout.write(
            f"{report.reencrypted} re-encrypted, {report.encrypted_plaintext} legacy plaintext "
            f"files encrypted, {report.already_current} already under the current key."
        )
        for name in report.missing:
            self.stderr.write(f"missing file: {name}")
        for name in report.unreadable:
            self.stderr.write(f"cannot decrypt (altered, or its key is not configured): {name}")
        if report.missing or report.unreadable:
            raise CommandError(
                f"{len(report.missing)} missing and {len(report.unreadable)} unreadable files; "
                "the others were rotated. Keep the old keys configured until this is resolved."
            )
