"""Where the backup key comes from: a key file (preferred on servers) or REMEDY_BACKUP_KEY."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from casework.storage import parse_key


def backup_key(key_file: str | None = None) -> str:
    if key_file:
        try:
            with open(key_file, encoding="ascii") as handle:
                text = handle.read().strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ImproperlyConfigured(f"Cannot read the backup key file: {exc}") from exc
    else:
        text = (getattr(settings, "REMEDY_BACKUP_KEY", "") or "").strip()
    if not text:
        raise ImproperlyConfigured(
            "No backup key: set REMEDY_BACKUP_KEY or pass --key-file (generate one with "
            "`manage.py rotate_document_keys --generate-key`)."
        )
    parse_key(text)  # a clear error now rather than a crypto error later
    return text
