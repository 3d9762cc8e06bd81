"""Upload handling that never stores more than the upload limit on the server's disk.

Django writes a large upload to a temporary file whatever its size; the form refuses it only
afterwards. `BoundedTemporaryFileUploadHandler` keeps counting the bytes of a file beyond
`REMEDY_MAX_UPLOAD_BYTES` but stops writing them, so a 10 GB post cannot fill the disk, and the
form still learns the real size to say "the file is 10 GB; the limit is 25 MB" (ASVS 12.1.1).
The reverse proxy should refuse such a body earlier still (`client_max_body_size` in nginx).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class BoundedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """A temporary-file handler that discards the bytes of a file past the upload limit."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > settings.REMEDY_MAX_UPLOAD_BYTES:
            self.exceeded = True
            return None  # counted, not kept: the form refuses the file by its size
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int):
        uploaded = super().file_complete(file_size)
        uploaded.size = file_size  # what the user sent, not what was kept
        uploaded.exceeded_limit = self.exceeded
        return uploaded
