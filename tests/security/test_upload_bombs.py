"""Uploads cannot exhaust the server's memory or disk (issue 10, item 6).

A 1 MB zip whose `mimetype` member inflates to 1 GB of zeros used to be decompressed whole by the
content sniffer. Sniffing now checks the declared size first and reads a bounded number of
bytes; the request size limits are set; an upload over the limit is refused with a clear message
without being stored whole on disk.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework import documents
from casework.models import Document

GIGABYTE = 1024**3
MEGABYTE = 1024**2


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """An ODT-looking archive whose `mimetype` member is 1 GB of zeros, deflated (~1 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        info = zipfile.ZipInfo("mimetype")
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(MEGABYTE)
        with zf.open(info, "w", force_zip64=True) as member:
            for _ in range(GIGABYTE // MEGABYTE):
                member.write(chunk)
        zf.writestr("content.xml", b"<office:document/>")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def lying_zip_bomb(zip_bomb: bytes) -> bytes:
    """The same bomb with its declared sizes rewritten to 39 bytes (a forged central directory).

    The sniffer must not trust declared sizes alone: it reads a bounded number of bytes anyway.
    """
    data = bytearray(zip_bomb)
    # Zip64 extra fields carry the real sizes; zero-length local headers make zipfile use the
    # central directory. Simplest faithful forgery: patch every 8-byte 1 GiB size to 39.
    real = (GIGABYTE).to_bytes(8, "little")
    fake = (39).to_bytes(8, "little")
    data = bytearray(bytes(data).replace(real, fake))
    return bytes(data)


def test_zip_bomb_is_small_on_the_wire(zip_bomb):
    assert len(zip_bomb) < 2 * MEGABYTE


def _peak_while(callable_) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = callable_()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_sniffing_a_zip_bomb_stays_within_bounded_memory(zip_bomb):
    result, peak = _peak_while(lambda: documents.sniff_type(io.BytesIO(zip_bomb)))
    assert result is None  # a 1 GB "mimetype" is not an OpenDocument file
    assert peak < 50 * MEGABYTE, f"sniffing allocated {peak / MEGABYTE:.0f} MB"


def test_sniffing_a_bomb_with_forged_sizes_reads_bounded_bytes(lying_zip_bomb):
    result, peak = _peak_while(lambda: documents.sniff_type(io.BytesIO(lying_zip_bomb)))
    assert result is None
    assert peak < 50 * MEGABYTE, f"sniffing allocated {peak / MEGABYTE:.0f} MB"


def test_uploading_a_zip_bomb_is_refused_clearly_and_stores_nothing(
    client, org, case, zip_bomb, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(org.lawyer)
    url = reverse("cases:document_upload", kwargs={"reference": case.reference})
    upload = SimpleUploadedFile("letter.odt", zip_bomb, content_type="application/zip")
    tracemalloc.start()
    try:
        response = client.post(
            url,
            {"upload": upload, "title": "Letter", "kind": "correspondence", "language": "ru"}
            | {"confidentiality": "normal"},
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert "is not a file type Remedy accepts" in response.content.decode()
    assert not Document.objects.exists()
    assert peak < 50 * MEGABYTE, f"the upload allocated {peak / MEGABYTE:.0f} MB"


def test_a_genuine_odt_is_still_recognised():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", documents.ODT.mime)
        archive.writestr("content.xml", b"<office:document/>")
    assert documents.sniff_type(io.BytesIO(buffer.getvalue())) == documents.ODT


def test_request_size_limits_are_set():
    # Django's defaults would let a form post (no file) of any size be read into memory.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * MEGABYTE
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * MEGABYTE
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000
    assert settings.REMEDY_MAX_UPLOAD_BYTES <= 100 * MEGABYTE


def test_an_upload_over_the_limit_is_refused_with_its_size_and_the_limit(
    client, org, case, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REMEDY_MAX_UPLOAD_BYTES = 3 * MEGABYTE
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client.force_login(org.lawyer)
    url = reverse("cases:document_upload", kwargs={"reference": case.reference})
    big = SimpleUploadedFile("notes.txt", b"a" * (8 * MEGABYTE), content_type="text/plain")
    response = client.post(
        url,
        {"upload": big, "title": "Notes", "kind": "other", "language": "ru"}
        | {"confidentiality": "normal"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The file is 8.0\xa0MB; the limit is 3.0\xa0MB." in body
    assert not Document.objects.exists()


def test_the_upload_handler_stops_writing_past_the_limit(settings, tmp_path):
    """A file over the limit is never kept whole on disk: the handler discards what is beyond."""
    from security.uploads import BoundedTemporaryFileUploadHandler

    settings.REMEDY_MAX_UPLOAD_BYTES = 2 * MEGABYTE
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    handler = BoundedTemporaryFileUploadHandler()
    handler.new_file("upload", "big.txt", "text/plain", 10 * MEGABYTE)
    for start in range(0, 10 * MEGABYTE, 64 * 1024):
        handler.receive_data_chunk(b"a" * (64 * 1024), start)
    uploaded = handler.file_complete(10 * MEGABYTE)
    assert uploaded.size == 10 * MEGABYTE  # the size the user sent, for the message
    uploaded.seek(0, io.SEEK_END)
    assert uploaded.tell() <= 2 * MEGABYTE + 64 * 1024
    assert uploaded.exceeded_limit
