"""Fixtures for the security tests: documents on a private media root, verified logins."""

from __future__ import annotations

import hashlib

import boto3
import pytest
from django.core.files.base import ContentFile
from moto import mock_aws

from casework.audit import save_audited
from casework.models import Document, DocumentKind, Language
from casework.storage import generate_key, get_document_storage
from security.keys import encrypted_file_fields


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def document_keys(settings):
    """Two fresh keys, the first current; tests rotate by reordering them."""
    keys = [generate_key(), generate_key()]
    settings.REMEDY_DOCUMENT_KEYS = keys
    return keys


@pytest.fixture
def make_document(media_root):
    def make(case, data: bytes, *, by, title: str = "Decision of the Almaty city court"):
        document = Document(
            case=case,
            title=title,
            kind=DocumentKind.DECISION,
            language=Language.RUSSIAN,
            original_filename="decision.txt",
            content_type="text/plain",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=by,
        )
        document.file.save("upload", ContentFile(data), save=False)
        return save_audited(document, by=by, reason="test upload")

    return make


S3_BUCKET = "remedy-documents"


@pytest.fixture
def s3(settings, monkeypatch):
    """A private bucket in moto's S3, and the document field storing into it."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    settings.REMEDY_DOCUMENT_STORAGE = "s3"
    settings.AWS_STORAGE_BUCKET_NAME = S3_BUCKET
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_LOCATION = "documents"
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=S3_BUCKET)
        storage = get_document_storage()  # after the settings: the S3 storage
        for _model, field in encrypted_file_fields():  # documents, filings and their history
            monkeypatch.setattr(field, "storage", storage)
        yield client
