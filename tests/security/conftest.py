"""Fixtures for the security tests: documents on a private media root, verified logins."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile

from casework.audit import save_audited
from casework.models import Document, DocumentKind, Language
from casework.storage import generate_key


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
