"""Documents are encrypted at rest: unreadable on disk, tamper-evident, rotatable."""

from __future__ import annotations

import io

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.storage import (
    MAGIC,
    DocumentIntegrityError,
    decrypt_bytes,
    generate_key,
    key_id_of_blob,
    keyring,
    read_document_verified,
)

SECRET_TEXT = b"Victim: Aigerim Nurlanovna, born 1990, beaten in Akorda police station."


def _on_disk(document) -> bytes:
    return document.file.storage.read_raw(document.file.name)


def test_file_on_disk_does_not_contain_the_plaintext(case, org, make_document, document_keys):
    document = make_document(case, SECRET_TEXT, by=org.lawyer)
    raw = _on_disk(document)
    assert raw.startswith(MAGIC)
    assert b"Aigerim" not in raw
    assert SECRET_TEXT not in raw


def test_document_opens_transparently_and_matches_its_hash(case, org, make_document, document_keys):
    document = make_document(case, SECRET_TEXT, by=org.lawyer)
    with document.file.open("rb") as handle:
        assert handle.read() == SECRET_TEXT
    assert read_document_verified(document) == SECRET_TEXT
    assert document.file.size == len(SECRET_TEXT)


def test_file_cannot_be_decrypted_with_another_key(
    case, org, make_document, settings, document_keys
):
    document = make_document(case, SECRET_TEXT, by=org.lawyer)
    raw = _on_disk(document)
    settings.REMEDY_DOCUMENT_KEYS = [generate_key()]
    with pytest.raises(DocumentIntegrityError, match="not configured"):
        decrypt_bytes(raw)
    # Even trying a random key directly on the ciphertext fails authentication.
    with pytest.raises(InvalidTag):
        AESGCM(AESGCM.generate_key(bit_length=256)).decrypt(raw[16:28], raw[28:], raw[:16])


def test_tampered_file_is_refused(case, org, make_document, document_keys):
    document = make_document(case, SECRET_TEXT, by=org.lawyer)
    raw = bytearray(_on_disk(document))
    raw[-20] ^= 0x01
    document.file.storage.write_raw(document.file.name, bytes(raw))
    with pytest.raises(DocumentIntegrityError, match="altered"):
        read_document_verified(document)


def test_swapped_file_fails_the_sha256_check(case, org, make_document, document_keys):
    first = make_document(case, SECRET_TEXT, by=org.lawyer)
    second = make_document(case, b"another document", by=org.lawyer, title="Other")
    first.file.storage.write_raw(first.file.name, _on_disk(second))
    with pytest.raises(DocumentIntegrityError, match="SHA-256"):
        read_document_verified(first)


def test_missing_keys_are_a_clear_configuration_error(settings):
    settings.REMEDY_DOCUMENT_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="REMEDY_DOCUMENT_KEYS"):
        keyring()


def test_malformed_key_is_a_clear_configuration_error(settings):
    settings.REMEDY_DOCUMENT_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured, match="32 bytes|base64"):
        keyring()


def test_rotation_reencrypts_everything_under_the_new_key(
    case, org, make_document, settings, document_keys
):
    old_key, new_key = document_keys
    settings.REMEDY_DOCUMENT_KEYS = [old_key]
    documents = [make_document(case, f"doc {i}".encode(), by=org.lawyer) for i in range(3)]
    settings.REMEDY_DOCUMENT_KEYS = [new_key, old_key]
    call_command("rotate_document_keys", stdout=(out := io.StringIO()))
    assert "3 re-encrypted" in out.getvalue()
    settings.REMEDY_DOCUMENT_KEYS = [new_key]  # the old key is gone
    new_id = keyring()[0].key_id
    for i, document in enumerate(documents):
        assert key_id_of_blob(_on_disk(document)) == new_id
        assert read_document_verified(document) == f"doc {i}".encode()


def test_rotation_is_idempotent(case, org, make_document, document_keys):
    make_document(case, SECRET_TEXT, by=org.lawyer)
    out = io.StringIO()
    call_command("rotate_document_keys", stdout=out)
    assert "0 re-encrypted" in out.getvalue()
    assert "1 already under the current key" in out.getvalue()


def test_rotation_encrypts_legacy_plaintext_files(case, org, make_document, document_keys):
    document = make_document(case, SECRET_TEXT, by=org.lawyer)
    document.file.storage.write_raw(document.file.name, SECRET_TEXT)  # as before encryption
    out = io.StringIO()
    call_command("rotate_document_keys", stdout=out)
    assert "1 legacy plaintext" in out.getvalue()
    assert SECRET_TEXT not in _on_disk(document)
    assert read_document_verified(document) == SECRET_TEXT


def test_rotation_reports_files_it_cannot_decrypt(
    case, org, make_document, settings, document_keys
):
    make_document(case, SECRET_TEXT, by=org.lawyer)
    settings.REMEDY_DOCUMENT_KEYS = [document_keys[1]]  # the key that wrote it is missing
    with pytest.raises(CommandError, match="1 unreadable"):
        call_command("rotate_document_keys", stdout=io.StringIO(), stderr=io.StringIO())


def test_generate_key_prints_a_usable_key(settings):
    out = io.StringIO()
    call_command("rotate_document_keys", "--generate-key", stdout=out)
    settings.REMEDY_DOCUMENT_KEYS = [out.getvalue().strip()]
    assert len(keyring()) == 1


def _uploaded(case, org, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.documents import document_upload

    return document_upload(
        case=case,
        by=org.lawyer,
        uploaded=SimpleUploadedFile("statement.txt", data, "text/plain"),
        title="Statement",
        kind="evidence",
        language="ru",
        confidentiality="normal",
    )


def _download(client, document):
    from django.urls import reverse

    return client.get(
        reverse(
            "cases:document_download",
            kwargs={"reference": document.case.reference, "pk": document.pk},
        )
    )


def test_download_decrypts_on_the_fly(client, case, org, media_root, document_keys):
    document = _uploaded(case, org, SECRET_TEXT)
    assert SECRET_TEXT not in _on_disk(document)
    client.force_login(org.lawyer)
    response = _download(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET_TEXT


def test_download_of_a_tampered_file_is_refused(client, case, org, media_root, document_keys):
    document = _uploaded(case, org, SECRET_TEXT)
    raw = bytearray(_on_disk(document))
    raw[40] ^= 0xFF
    document.file.storage.write_raw(document.file.name, bytes(raw))
    client.force_login(org.lawyer)
    response = _download(client, document)
    assert response.status_code == 409
    assert SECRET_TEXT not in response.content


def test_download_without_the_key_is_refused(
    client, case, org, media_root, settings, document_keys
):
    document = _uploaded(case, org, SECRET_TEXT)
    settings.REMEDY_DOCUMENT_KEYS = [generate_key()]
    client.force_login(org.lawyer)
    assert _download(client, document).status_code == 409
