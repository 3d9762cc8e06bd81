"""Documents on S3-compatible object storage (REMEDY_DOCUMENT_STORAGE=s3): the bucket holds only
Remedy's ciphertext, reads decrypt and check the hash, key rotation and backups work on it.

moto's in-process S3 stands in for the object store (AWS S3, MinIO, Ceph behave alike here).
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.management import call_command

from casework.models import Document
from casework.storage import (
    MAGIC,
    EncryptedFileSystemStorage,
    get_document_storage,
    is_current_key,
    read_document_verified,
)
from casework.storage_s3 import EncryptedS3Storage
from security.backup import write_backup

from .conftest import S3_BUCKET as BUCKET

SECRET_TEXT = b"Victim: Aigerim Nurlanovna, born 1990, beaten in Akorda police station."


def _object(client, document) -> dict:
    return client.get_object(Bucket=BUCKET, Key=f"documents/{document.file.name}")


def test_the_setting_chooses_the_storage(settings, s3):
    assert isinstance(get_document_storage(), EncryptedS3Storage)
    settings.REMEDY_DOCUMENT_STORAGE = "filesystem"
    assert isinstance(get_document_storage(), EncryptedFileSystemStorage)
    settings.REMEDY_DOCUMENT_STORAGE = "ftp"
    with pytest.raises(ImproperlyConfigured, match="must be one of filesystem, s3"):
        get_document_storage()


def test_without_a_bucket_the_configuration_error_says_what_is_missing(settings, s3):
    settings.AWS_STORAGE_BUCKET_NAME = ""
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        get_document_storage()


def test_the_bucket_holds_only_ciphertext_labelled_as_nothing(
    s3, case, org, make_document, document_keys
):
    document = make_document(case, SECRET_TEXT, by=org.lawyer)
    stored = _object(s3, document)
    body = stored["Body"].read()
    assert body.startswith(MAGIC)
    assert b"Aigerim" not in body and SECRET_TEXT not in body
    assert stored["ContentType"] == "application/octet-stream"


def test_a_document_reads_back_verified_with_its_size(s3, case, org, make_document, document_keys):
    document = make_document(case, SECRET_TEXT, by=org.lawyer)
    document = Document.objects.get(pk=document.pk)
    assert read_document_verified(document) == SECRET_TEXT
    assert document.file.size == len(SECRET_TEXT)


def test_a_new_upload_of_the_same_name_never_replaces_a_document(s3, document_keys):
    storage = get_document_storage()
    first = storage.save("cases/1/decision.txt", ContentFile(b"first"))
    second = storage.save("cases/1/decision.txt", ContentFile(b"second"))
    assert first != second
    with storage.open(first) as handle:
        assert handle.read() == b"first"


def test_a_missing_object_is_file_not_found(s3, document_keys):
    with pytest.raises(FileNotFoundError):
        get_document_storage().read_raw("cases/404/none.txt")


def test_key_rotation_reencrypts_the_objects(s3, case, org, make_document, document_keys, settings):
    document = make_document(case, SECRET_TEXT, by=org.lawyer)
    settings.REMEDY_DOCUMENT_KEYS = [document_keys[1], document_keys[0]]
    call_command("rotate_document_keys", stdout=(out := io.StringIO()))
    assert out.getvalue().startswith("1 re-encrypted"), out.getvalue()
    assert is_current_key(_object(s3, document)["Body"].read())
    assert read_document_verified(Document.objects.get(pk=document.pk)) == SECRET_TEXT


def test_a_backup_reads_the_documents_from_the_bucket(s3, case, org, make_document, document_keys):
    make_document(case, SECRET_TEXT, by=org.lawyer)
    sink = io.BytesIO()
    report = write_backup(sink, document_keys[0])
    assert report.documents == 1 and not report.missing_documents
    assert SECRET_TEXT not in sink.getvalue()
