"""Where document bytes live. Issue #6 makes this storage encrypt at rest."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def get_document_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.MEDIA_ROOT, base_url=None)
