"""Encrypted backup and restore: everything comes back, byte for byte, or nothing changes."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from casework import services
from casework.models import AccessAction, AccessLog, Case, Document, Person, User
from casework.storage import generate_key, read_document_verified
from security.backup import dump_database
from tests.logins import otp_device_for

from .conftest import S3_BUCKET

# The tests empty the database before restoring. On PostgreSQL the suite runs as the runtime role,
# which may not empty tables (TRUNCATE, the access log): the flush runs as the owner between
# committed transactions (tests/dbroles.py), so these tests commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _forget_flushed_content_types():
    """`flush` recreates content types with new ids; the test's rollback brings back the old."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def backup_key(settings):
    settings.REMEDY_BACKUP_KEY = generate_key()
    return settings.REMEDY_BACKUP_KEY


@pytest.fixture
def world(org, case, secret_case, make_document):
    """Cases with parties, grants, documents (one replaced), 2FA devices and access-log rows."""
    person = Person.objects.create(full_name="Айгерим Нурлановна", phone="+7 701 000 00 00")
    services.party_add(case=secret_case, by=org.lawyer, role="victim", person=person)
    services.grant_case_access(
        case=secret_case, user=org.supervisor, perms=["view_case"], by=org.lawyer, reason="review"
    )
    make_document(secret_case, b"%PDF-1.4 decision text \x00\x01\x02", by=org.lawyer)
    make_document(case, "Жалоба в суд".encode(), by=org.lawyer, title="Complaint")
    make_document(secret_case, b"translation v2", by=org.lawyer, title="Translation")
    otp_device_for(org.lawyer)
    services.log_access(user=org.supervisor, case=secret_case, action=AccessAction.VIEW_CASE)
    return org


def _documents() -> dict[str, bytes]:
    return {doc.file.name: read_document_verified(doc) for doc in Document.objects.all()}


def _backup(tmp_path, **options) -> str:
    out = str(tmp_path / "remedy.backup")
    call_command("backup_remedy", "--out", out, stdout=io.StringIO(), **options)
    return out


def _flush() -> None:
    """An empty database (inside a transaction on PostgreSQL: no pending FK checks)."""
    postgres = connection.vendor == "postgresql" and connection.in_atomic_block
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", "--noinput", verbosity=0)
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _wipe(media_root) -> None:
    _flush()
    shutil.rmtree(media_root, ignore_errors=True)


def test_restore_brings_back_every_row_and_every_document(world, tmp_path, media_root, backup_key):
    rows_before = json.loads(dump_database())
    documents_before = _documents()
    archive = _backup(tmp_path)

    _wipe(media_root)
    assert not Document.objects.exists()

    out = io.StringIO()
    call_command("restore_remedy", archive, stdout=out)
    assert "Restored" in out.getvalue()
    assert json.loads(dump_database()) == rows_before
    assert _documents() == documents_before
    assert len(documents_before) == 3


def test_a_restored_access_log_keeps_its_hash_chain(world, tmp_path, media_root, backup_key):
    # The world's grants are access-logged too (break-glass rules): count what it wrote.
    rows = AccessLog.objects.count()
    assert rows >= 1
    archive = _backup(tmp_path)
    _wipe(media_root)
    call_command("restore_remedy", archive, stdout=io.StringIO())
    out = io.StringIO()
    call_command("verify_access_log", stdout=out)
    assert f"access log intact: {rows} rows" in out.getvalue()
    # New rows chain onto the restored head, and the id sequence moved past the restored rows.
    services.log_access(
        user=User.objects.get(username="lawyer"),
        case=Case.objects.get(title="Torture in pre-trial detention"),
        action=AccessAction.VIEW_CASE,
    )
    call_command("verify_access_log", stdout=out)
    assert "access log intact: 2 rows" in out.getvalue()


def test_archive_reveals_nothing_without_the_key(world, tmp_path, media_root, backup_key):
    archive = _backup(tmp_path)
    with open(archive, "rb") as handle:
        blob = handle.read()
    assert "Айгерим".encode() not in blob
    assert b"lawyer" not in blob
    assert b"decision text" not in blob


def test_restore_with_the_wrong_key_is_refused(world, tmp_path, media_root, backup_key, settings):
    archive = _backup(tmp_path)
    _wipe(media_root)
    settings.REMEDY_BACKUP_KEY = generate_key()
    with pytest.raises(CommandError, match="wrong key|altered"):
        call_command("restore_remedy", archive)


def test_tampered_archive_is_refused_and_nothing_is_restored(
    world, tmp_path, media_root, backup_key
):
    archive = _backup(tmp_path)
    with open(archive, "r+b") as handle:
        handle.seek(200)
        byte = handle.read(1)
        handle.seek(200)
        handle.write(bytes([byte[0] ^ 0xFF]))
    _wipe(media_root)
    with pytest.raises(CommandError):
        call_command("restore_remedy", archive)
    assert not Document.objects.exists()


def test_truncated_archive_is_refused(world, tmp_path, media_root, backup_key):
    archive = _backup(tmp_path)
    with open(archive, "r+b") as handle:
        handle.truncate(len(handle.read()) - 10)
    _wipe(media_root)
    with pytest.raises(CommandError, match="truncated|damaged|altered"):
        call_command("restore_remedy", archive)


def test_restore_refuses_a_database_that_is_not_empty(world, tmp_path, media_root, backup_key):
    archive = _backup(tmp_path)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_remedy", archive)


def test_backup_reads_the_key_from_a_file(world, tmp_path, media_root, settings):
    key_file = tmp_path / "backup.key"
    key_file.write_text(generate_key())
    settings.REMEDY_BACKUP_KEY = ""
    archive = _backup(tmp_path, key_file=str(key_file))
    _wipe(media_root)
    call_command("restore_remedy", archive, "--key-file", str(key_file), stdout=io.StringIO())
    assert Document.objects.count() == 3


def test_backup_without_a_key_is_a_clear_error(db, tmp_path, settings):
    settings.REMEDY_BACKUP_KEY = ""
    with pytest.raises(CommandError, match="No backup key"):
        call_command("backup_remedy", "--out", str(tmp_path / "x"))


def test_backup_never_overwrites_an_existing_file(db, tmp_path, backup_key):
    existing = tmp_path / "old.backup"
    existing.write_bytes(b"precious")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup_remedy", "--out", str(existing))
    assert existing.read_bytes() == b"precious"


def test_restore_of_a_missing_file_is_a_clear_error(db, tmp_path, backup_key):
    with pytest.raises(CommandError, match="No such archive"):
        call_command("restore_remedy", str(tmp_path / "nope"))


def test_restore_of_a_non_archive_is_a_clear_error(db, tmp_path, backup_key):
    _flush()
    junk = tmp_path / "junk"
    junk.write_bytes(b"hello, this is not a backup")
    with pytest.raises(CommandError, match="not a Remedy backup"):
        call_command("restore_remedy", str(junk))


def test_a_restore_writes_the_documents_back_into_the_bucket(
    s3, case, org, make_document, document_keys, tmp_path, backup_key
):
    """REMEDY_DOCUMENT_STORAGE=s3: the restore writes the documents into the bucket again."""
    secret = "Потерпевшая: Айгерим Нурлановна".encode()
    document = make_document(case, secret, by=org.lawyer)
    key = f"documents/{document.file.name}"
    archive = _backup(tmp_path)
    _flush()
    s3.delete_object(Bucket=S3_BUCKET, Key=key)
    call_command("restore_remedy", archive, stdout=io.StringIO())
    assert read_document_verified(Document.objects.get(pk=document.pk)) == secret
    assert secret not in s3.get_object(Bucket=S3_BUCKET, Key=key)["Body"].read()
