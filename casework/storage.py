"""Where document bytes live: on disk, encrypted at rest with AES-256-GCM.

A seized server or a copied backup disk must not reveal a single document. Every file the
document storage writes is authenticated encryption (`cryptography`'s AESGCM) under the current
key from ``REMEDY_DOCUMENT_KEYS``; reading decrypts on the fly and refuses a file that was
tampered with. Older keys stay listed (after the current one) until
``manage.py rotate_document_keys`` has re-encrypted everything under the current key.

On-disk format of one file::

    b"RMDYENC1" | key id (8 bytes) | nonce (12 bytes) | ciphertext + GCM tag (16 bytes)

The header (magic + key id) is authenticated as associated data. The key id is the first 8 bytes
of SHA-256 over the key, so it names the key without revealing it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

if TYPE_CHECKING:
    from .models import Document

MAGIC = b"RMDYENC1"
KEY_ID_BYTES = 8
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES
OVERHEAD = HEADER_BYTES + TAG_BYTES

# Development only (settings use it when DEBUG is on and no key is set). Public in the
# repository, so a deploy check refuses it in production.
DEV_DOCUMENT_KEY = "cmVtZWR5LWRldi1vbmx5LWRvY3VtZW50LWtleS0wMDE="


class DocumentIntegrityError(Exception):
    """The stored bytes cannot be decrypted, or do not match the document's SHA-256."""


@dataclass(frozen=True)
class DocumentKey:
    key_id: bytes
    cipher: AESGCM


def generate_key() -> str:
    """A new random 256-bit key in the format REMEDY_DOCUMENT_KEYS expects."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def key_id_of(raw_key: bytes) -> bytes:
    return hashlib.sha256(raw_key).digest()[:KEY_ID_BYTES]


def parse_key(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise ImproperlyConfigured("A document key is not valid base64.") from exc
    if len(raw) != 32:
        raise ImproperlyConfigured("A document key must be 32 bytes (base64 of 32 random bytes).")
    return raw


@lru_cache(maxsize=8)
def _keyring(keys: tuple[str, ...]) -> tuple[DocumentKey, ...]:
    ring = []
    for text in keys:
        raw = parse_key(text)
        ring.append(DocumentKey(key_id=key_id_of(raw), cipher=AESGCM(raw)))
    return tuple(ring)


def keyring() -> tuple[DocumentKey, ...]:
    """The configured keys, current first. Raises ImproperlyConfigured when there is none."""
    keys = tuple(getattr(settings, "REMEDY_DOCUMENT_KEYS", ()) or ())
    if not keys:
        raise ImproperlyConfigured(
            "REMEDY_DOCUMENT_KEYS is not set. Generate a key with "
            "`python manage.py rotate_document_keys --generate-key` and set it in the environment "
            "(see docs/security.md)."
        )
    return _keyring(keys)


def encrypt_bytes(plaintext: bytes) -> bytes:
    current = keyring()[0]
    header = MAGIC + current.key_id
    nonce = os.urandom(NONCE_BYTES)
    return header + nonce + current.cipher.encrypt(nonce, plaintext, header)


def is_encrypted(blob: bytes) -> bool:
    return blob.startswith(MAGIC) and len(blob) >= OVERHEAD


def key_id_of_blob(blob: bytes) -> bytes | None:
    if not is_encrypted(blob):
        return None
    return blob[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES]


def decrypt_bytes(blob: bytes) -> bytes:
    if not is_encrypted(blob):
        raise DocumentIntegrityError("The stored file is not an encrypted Remedy document.")
    key_id = key_id_of_blob(blob)
    header = blob[: len(MAGIC) + KEY_ID_BYTES]
    nonce = blob[len(header) : HEADER_BYTES]
    for key in keyring():
        if key.key_id == key_id:
            try:
                return key.cipher.decrypt(nonce, blob[HEADER_BYTES:], header)
            except InvalidTag as exc:
                raise DocumentIntegrityError("The stored file was altered or is corrupt.") from exc
    raise DocumentIntegrityError(
        "The stored file is encrypted with a key that is not configured "
        f"(key id {key_id.hex()}); add it to REMEDY_DOCUMENT_KEYS."
    )


def is_current_key(blob: bytes) -> bool:
    return key_id_of_blob(blob) == keyring()[0].key_id


class EncryptingStorage:
    """Encrypts on save and decrypts on open, over any Django storage (a mixin before it).

    The storage below only ever holds ciphertext; `read_raw` and `write_raw` give backups and
    key rotation the stored bytes exactly, whatever the storage is.
    """

    def _save(self, name: str, content) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        plaintext = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        if isinstance(plaintext, str):
            plaintext = plaintext.encode("utf-8")
        return super()._save(name, ContentFile(encrypt_bytes(plaintext)))

    def _open(self, name: str, mode: str = "rb"):
        if any(flag in mode for flag in "wa+"):
            raise ValueError("Encrypted documents are written only through save().")
        return ContentFile(decrypt_bytes(self.read_raw(name)), name=name)

    def size(self, name: str) -> int:
        return max(super().size(name) - OVERHEAD, 0)

    def read_raw(self, name: str) -> bytes:  # pragma: no cover - each storage defines it
        raise NotImplementedError

    def write_raw(self, name: str, blob: bytes) -> None:  # pragma: no cover
        raise NotImplementedError


@deconstructible(path="casework.storage.EncryptedFileSystemStorage")
class EncryptedFileSystemStorage(EncryptingStorage, FileSystemStorage):
    """Documents under MEDIA_ROOT, encrypted; names are unchanged."""

    def read_raw(self, name: str) -> bytes:
        """The ciphertext exactly as stored (backup, key rotation)."""
        with open(self.path(name), "rb") as handle:
            return handle.read()

    def write_raw(self, name: str, blob: bytes) -> None:
        """Replace a stored file atomically (key rotation, restore); never a half-written file."""
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


DOCUMENT_STORAGES = ("filesystem", "s3")


def get_document_storage() -> EncryptingStorage:
    """The document storage `REMEDY_DOCUMENT_STORAGE` names, chosen when the process starts.

    "filesystem": MEDIA_ROOT (no explicit location, so it follows settings.MEDIA_ROOT also when
    a test or a command overrides it). "s3": S3-compatible object storage through
    django-storages (`casework.storage_s3`, installed with `pip install ".[s3]"`), for several
    app servers sharing one document store. Remedy encrypts the bytes before either sees them.
    """
    kind = getattr(settings, "REMEDY_DOCUMENT_STORAGE", "filesystem")
    if kind == "s3":
        # Only here: django-storages and boto3 are an optional install (the "s3" extra).
        from .storage_s3 import EncryptedS3Storage

        return EncryptedS3Storage()
    if kind != "filesystem":
        raise ImproperlyConfigured(
            f"REMEDY_DOCUMENT_STORAGE must be one of {', '.join(DOCUMENT_STORAGES)}, not {kind!r}."
        )
    return EncryptedFileSystemStorage(base_url=None)


def read_document_verified(document: Document) -> bytes:
    """The plaintext of `document`, checked against its stored SHA-256 (for downloads, exports)."""
    storage = document.file.storage
    try:
        with storage.open(document.file.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as exc:
        raise DocumentIntegrityError("The stored file is missing.") from exc
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise DocumentIntegrityError("The stored file does not match its recorded SHA-256.")
    return data
