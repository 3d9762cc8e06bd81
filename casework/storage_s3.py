"""Documents on S3-compatible object storage (AWS S3, MinIO, Ceph...), still encrypted by Remedy.

django-storages' S3Storage under `casework.storage.EncryptingStorage`: the bucket holds only the
AES-256-GCM ciphertext, so the object store's operator (or whoever copies the bucket) reads
nothing. Objects are labelled application/octet-stream (a content type would say "this is a
PDF") and never overwritten by a new upload of the same name. Configured with django-storages'
own settings (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, ... — docs/deployment.md).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible

try:
    from storages.backends.s3 import S3Storage
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImproperlyConfigured(
        'REMEDY_DOCUMENT_STORAGE=s3 needs django-storages with boto3: pip install ".[s3]".'
    ) from exc

from .storage import EncryptingStorage


@deconstructible(path="casework.storage_s3.EncryptedS3Storage")
class EncryptedS3Storage(EncryptingStorage, S3Storage):
    def __init__(self, **options):
        options.setdefault("file_overwrite", False)  # a new upload never replaces a document
        options.setdefault("querystring_auth", True)  # never a public URL (none is served)
        super().__init__(**options)
        if not self.bucket_name:
            raise ImproperlyConfigured(
                "REMEDY_DOCUMENT_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (docs/deployment.md)."
            )

    def _get_write_parameters(self, name, content=None):
        params = super()._get_write_parameters(name, content)
        params["ContentType"] = "application/octet-stream"  # ciphertext, whatever the name says
        params.pop("ContentEncoding", None)
        return params

    def read_raw(self, name: str) -> bytes:
        """The ciphertext exactly as stored (backup, key rotation); FileNotFoundError if gone."""
        with S3Storage._open(self, name, "rb") as handle:
            return handle.read()

    def write_raw(self, name: str, blob: bytes) -> None:
        """Replace a stored object (key rotation, restore): one PUT, never half-written."""
        S3Storage._save(self, name, ContentFile(blob))
