"""Encrypted backup and restore of everything: the database and every document.

One archive (see `archive.py`) holds a tar stream with:

- ``manifest.json``: format, creation time, applied migrations, the document list with SHA-256;
- ``database.json``: ``dumpdata`` of every app with natural foreign keys (content types and
  permissions are recreated by ``migrate``; sessions are left out: a restore never revives a
  login);
- ``documents/<storage name>``: each document's *plaintext*, so the archive needs only the
  backup key. A restore encrypts them again under the target's current document key, so a lost
  or rotated document key does not cost the documents as long as the backup key is kept.

The archive is sealed with REMEDY_BACKUP_KEY (or a key file), never with a document key.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tarfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from casework.models import AccessLog, Case, User
from casework.storage import decrypt_bytes, encrypt_bytes, get_document_storage

from .archive import BackupArchiveError, DecryptingReader, EncryptingWriter
from .keys import encrypted_file_names

FORMAT = "remedy-backup/1"
# Rebuilt by `migrate` on the target (natural keys point at them), or never worth restoring.
EXCLUDED_FROM_DUMP = ["contenttypes", "auth.permission", "sessions"]


class RestoreRefused(Exception):
    """The target is not an empty database with the same migrations; nothing was changed."""


@dataclass(frozen=True)
class BackupReport:
    documents: int
    missing_documents: list[str]
    database_bytes: int


@dataclass(frozen=True)
class RestoreReport:
    documents: int
    database_objects: int


def _applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def dump_database() -> bytes:
    out = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=EXCLUDED_FROM_DUMP,
        format="json",
        indent=None,
        stdout=out,
    )
    return out.getvalue().encode("utf-8")


def write_backup(sink: BinaryIO, key_text: str) -> BackupReport:
    """Stream the whole of Remedy into `sink`, encrypted with `key_text`."""
    connection = connections[DEFAULT_DB_ALIAS]
    outermost = not connection.in_atomic_block
    with transaction.atomic():  # one consistent snapshot (REPEATABLE READ on PostgreSQL)
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        database = dump_database()
        storage, names = encrypted_file_names()
        migrations = _applied_migrations()

    writer = EncryptingWriter(sink, key_text)
    documents: dict[str, str] = {}
    missing: list[str] = []
    with tarfile.open(fileobj=writer, mode="w|gz") as tar:
        _add_bytes(tar, "database.json", database)
        for name in names:
            try:
                plaintext = decrypt_bytes(storage.read_raw(name))
            except FileNotFoundError:
                missing.append(name)
                continue
            documents[name] = hashlib.sha256(plaintext).hexdigest()
            _add_bytes(tar, f"documents/{name}", plaintext)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "migrations": migrations,
            "database_sha256": hashlib.sha256(database).hexdigest(),
            "documents": documents,
            "missing_documents": missing,
        }
        # Last, so the restore checks the whole stream before writing anything.
        _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1).encode("utf-8"))
    writer.close()
    return BackupReport(
        documents=len(documents), missing_documents=missing, database_bytes=len(database)
    )


def database_is_empty() -> bool:
    """No staff account and no case: a freshly migrated database (reference data allowed)."""
    return not User.objects.exists() and not Case.objects.exists()


@contextmanager
def _history_paused():
    """loaddata saves raw rows, but simple-history's m2m tracking (User.groups) does not look
    at `raw` and would add history rows that were never in the backup: pause it."""
    missing = object()
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", missing)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        if previous is missing:
            del settings.SIMPLE_HISTORY_ENABLED
        else:
            settings.SIMPLE_HISTORY_ENABLED = previous


@contextmanager
def _stdin(text: str):
    previous = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = previous


def _safe_document_name(name: str) -> str:
    parts = name.split("/")
    if name.startswith("/") or any(part in {"", ".", ".."} for part in parts):
        raise BackupArchiveError(f"Unsafe file name in the archive: {name!r}")
    return name


def _iter_archive(path: str, key_text: str) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each archive entry, decrypted and authenticated on the fly."""
    with open(path, "rb") as source:
        reader = io.BufferedReader(DecryptingReader(source, key_text), buffer_size=1024 * 1024)
        try:
            with tarfile.open(fileobj=reader, mode="r|gz") as tar:
                for member in tar:
                    if not member.isfile():
                        raise BackupArchiveError(
                            f"Unexpected entry in the archive: {member.name!r}"
                        )
                    yield member.name, tar.extractfile(member).read()
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            raise BackupArchiveError(f"The backup archive is damaged: {exc}") from exc


def verify_backup(path: str, key_text: str) -> tuple[dict, bytes]:
    """Decrypt and check the whole archive against its manifest; nothing is written.

    Returns the manifest and the database dump. Documents are hashed and dropped, one at a
    time, so a large archive is checked without holding its documents in memory.
    """
    database = b""
    manifest: dict | None = None
    hashes: dict[str, str] = {}
    for name, data in _iter_archive(path, key_text):
        if name == "database.json":
            database = data
        elif name == "manifest.json":
            try:
                manifest = json.loads(data)
            except json.JSONDecodeError as exc:
                raise BackupArchiveError("The archive's manifest is damaged.") from exc
        elif name.startswith("documents/"):
            hashes[_safe_document_name(name[len("documents/") :])] = hashlib.sha256(
                data
            ).hexdigest()
        else:
            raise BackupArchiveError(f"Unexpected entry in the archive: {name!r}")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupArchiveError("The archive has no Remedy manifest.")
    if hashlib.sha256(database).hexdigest() != manifest.get("database_sha256"):
        raise BackupArchiveError("The database dump does not match the manifest.")
    if hashes != manifest.get("documents"):
        raise BackupArchiveError("The documents in the archive do not match the manifest.")
    return manifest, database


def _split_access_log(database: bytes) -> tuple[str, list[dict]]:
    """The access log is restored apart: loaddata tries an UPDATE before each INSERT, and the
    runtime role may only INSERT into the access log (security.db_roles)."""
    objects = json.loads(database)
    label = AccessLog._meta.label_lower
    access_log = [obj for obj in objects if obj.get("model") == label]
    rest = [obj for obj in objects if obj.get("model") != label]
    return json.dumps(rest), access_log


def _insert_access_log(objects: list[dict]) -> None:
    """Insert the rows as they were (hash chain included), then move the id sequence past them."""
    if not objects:
        return
    for obj in serializers.deserialize("json", json.dumps(objects)):
        obj.save(force_insert=True)  # raw: the stored hashes are kept, not recomputed
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), [AccessLog])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def restore_backup(path: str, key_text: str) -> RestoreReport:
    """Restore an archive into an empty, fully migrated database; all or nothing."""
    if not database_is_empty():
        raise RestoreRefused(
            "The database is not empty (it has users or cases). Restore only into a freshly "
            "migrated database; nothing was changed."
        )
    manifest, database = verify_backup(path, key_text)
    if manifest["migrations"] != _applied_migrations():
        raise RestoreRefused(
            "The database schema differs from the backup's (different migrations applied). "
            "Check out the Remedy version that made the backup, migrate, and restore again."
        )
    storage = get_document_storage()
    expected = manifest["documents"]
    written: list[str] = []
    try:
        with transaction.atomic():
            rows, access_log = _split_access_log(database)
            with _stdin(rows), _history_paused():
                call_command("loaddata", "-", format="json", verbosity=0)
            _insert_access_log(access_log)
            for name, data in _iter_archive(path, key_text):
                if not name.startswith("documents/"):
                    continue
                name = _safe_document_name(name[len("documents/") :])
                if hashlib.sha256(data).hexdigest() != expected.get(name):
                    raise BackupArchiveError("The archive changed while it was being restored.")
                storage.write_raw(name, encrypt_bytes(data))
                written.append(name)
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return RestoreReport(documents=len(written), database_objects=len(json.loads(database)))
