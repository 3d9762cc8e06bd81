"""Document upload and download: what we accept, how we store it, how we prove it is intact.

An uploaded file is judged by its content, never by the name or type the browser claims: only
PDF, PNG, JPEG, office documents (DOCX, ODT, XLSX) and plain UTF-8 text are accepted. The
uploader's file name is kept (sanitised) for display and download only; on disk a document is
named by its SHA-256. The hash is checked again before every download, so a file changed on disk
is refused rather than passed off as evidence.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import selectors
from .audit import save_audited
from .models import Case, Confidentiality, Document, User

CHUNK = 64 * 1024


@dataclass(frozen=True)
class FileType:
    mime: str
    extension: str
    label: str


PDF = FileType("application/pdf", ".pdf", "PDF")
PNG = FileType("image/png", ".png", "PNG")
JPEG = FileType("image/jpeg", ".jpg", "JPEG")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX"
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "XLSX"
)
ODT = FileType("application/vnd.oasis.opendocument.text", ".odt", "ODT")
TEXT = FileType("text/plain", ".txt", "UTF-8 text")

ALLOWED_TYPES = (PDF, PNG, JPEG, DOCX, ODT, XLSX, TEXT)
EXTENSIONS = {t.mime: t.extension for t in ALLOWED_TYPES}

# Control characters other than tab, newline, carriage return and form feed betray binary data.
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _allowed_list() -> str:
    return ", ".join(t.label for t in ALLOWED_TYPES)


# The ODF `mimetype` member holds one short media type (ODF 1.2 part 3, §3.3); anything larger
# is not an OpenDocument file. Bounding the read stops a zip bomb (1 MB inflating to 1 GB).
MAX_MIMETYPE_MEMBER = 100


def _sniff_zip(fileobj: IO[bytes]) -> FileType | None:
    """DOCX/XLSX/ODT are zip containers: tell them apart by their members; refuse macros.

    Only member *names* and at most MAX_MIMETYPE_MEMBER + 1 inflated bytes are ever read: the
    declared size is checked first and the read is bounded anyway, since a forged header can lie.
    """
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None  # macro-enabled office file: never accepted
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > MAX_MIMETYPE_MEMBER:
                    return None
                with archive.open(info) as member:
                    mimetype = member.read(MAX_MIMETYPE_MEMBER + 1)
                if len(mimetype) > MAX_MIMETYPE_MEMBER:
                    return None
                return ODT if mimetype.strip() == ODT.mime.encode() else None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    return None


def _is_utf8_text(fileobj: IO[bytes]) -> bool:
    fileobj.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        while chunk := fileobj.read(CHUNK):
            if _BINARY_CONTROL.search(chunk):
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_type(fileobj: IO[bytes]) -> FileType | None:
    """The allowed type of `fileobj` judged by its bytes, or None when it is not allowed."""
    fileobj.seek(0)
    head = fileobj.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(fileobj)
    if head and _is_utf8_text(fileobj):
        return TEXT
    return None


def clean_filename(name: str) -> str:
    """The uploader's file name made safe to display and to offer back on download.

    Directory parts are stripped; a name that tries to climb out of a directory ("../") is
    refused outright, because nobody sends one by accident.
    """
    name = unicodedata.normalize("NFC", name or "")
    parts = re.split(r"[/\\]", name)
    if any(part.strip() == ".." for part in parts):
        raise ValidationError(
            _("The file name %(name)s contains a path; rename the file and try again.")
            % {"name": repr(name[:80])}
        )
    base = parts[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = base.replace('"', "'").strip().lstrip(".").strip()
    if not base:
        raise ValidationError(_("The file has no usable name; rename it and try again."))
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 200 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:200]
    return base


def download_filename(document: Document) -> str:
    """A safe file name for the attachment, with the extension of the type actually stored."""
    try:
        name = clean_filename(document.original_filename)
    except ValidationError:
        name = "document"
    extension = EXTENSIONS.get(document.content_type, "")
    lower = name.lower()
    if (
        extension
        and not lower.endswith(extension)
        and not (extension == ".jpg" and lower.endswith(".jpeg"))
    ):
        name += extension
    return name


def hash_file(fileobj: IO[bytes]) -> tuple[str, int]:
    fileobj.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return digest.hexdigest(), size


def validate_upload(uploaded: UploadedFile) -> tuple[str, FileType]:
    """Check size, name and content type of an upload; return (clean name, detected type)."""
    limit = settings.REMEDY_MAX_UPLOAD_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    if not uploaded.size:
        raise ValidationError(_("The file is empty."))
    name = clean_filename(uploaded.name)
    file_type = sniff_type(uploaded)
    uploaded.seek(0)
    if file_type is None:
        raise ValidationError(
            _(
                "%(name)s is not a file type Remedy accepts (judged by its content, not its "
                "name). Accepted: %(allowed)s."
            )
            % {"name": name, "allowed": _allowed_list()}
        )
    return name, file_type


def document_upload(
    *,
    case: Case,
    by: User,
    uploaded: UploadedFile,
    title: str,
    kind: str,
    language: str,
    confidentiality: str,
    previous_version: Document | None = None,
    translation_of: Document | None = None,
    proceeding=None,
    annex_order: int | None = None,
    reason: str = "",
) -> Document:
    """Store a new document (or a new version of one) after checking what it really is."""
    name, file_type = validate_upload(uploaded)
    sha256, size = hash_file(uploaded)
    if size > settings.REMEDY_MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than the upload limit."))
    if previous_version is not None:
        if previous_version.case_id != case.pk:
            raise ValidationError(_("A new version must belong to the same case."))
        if Document.objects.filter(previous_version=previous_version).exists():
            raise ValidationError(
                _("%(title)s already has a newer version; upload a version of that one.")
                % {"title": previous_version.title}
            )
    document = Document(
        case=case,
        title=title,
        kind=kind,
        language=language,
        confidentiality=confidentiality,
        original_filename=name,
        content_type=file_type.mime,
        size=size,
        sha256=sha256,
        previous_version=previous_version,
        translation_of=translation_of,
        proceeding=proceeding,
        annex_order=annex_order,
        uploaded_by=by,
    )
    document.full_clean(exclude=["file"])
    with transaction.atomic():
        document.file.save(name, uploaded, save=False)
        try:
            save_audited(
                document,
                by=by,
                reason=reason
                or (_("New version uploaded") if previous_version else _("Document uploaded")),
            )
        except Exception:
            document.file.storage.delete(document.file.name)
            raise
    return document


def document_describe(
    *, document: Document, by: User, data: dict[str, Any], reason: str = ""
) -> Document:
    """Change a document's description (title, kind, language, annex...); never its bytes."""
    for name, value in data.items():
        setattr(document, name, value)
    with transaction.atomic():
        return save_audited(document, by=by, reason=reason or _("Document description updated"))


def documents_visible_to(user: User, case: Case) -> QuerySet[Document]:
    """The documents of `case` that `user` may see and download.

    A document marked restricted or secret opens only to the case team (an explicit grant on
    the case), the same rule as for restricted and secret cases: a supervisor or branch head
    who oversees a normal case by role does not see its secret annexes.
    """
    documents = Document.objects.filter(case=case)
    if selectors.VIEW in selectors.explicit_case_permissions(user, case):
        return documents
    return documents.filter(confidentiality=Confidentiality.NORMAL)


class IntegrityFailure(Exception):
    """The stored bytes no longer match the SHA-256 recorded at upload."""


def verified_chunks(document: Document) -> Iterator[bytes]:
    """Check the stored file against its SHA-256, then yield its bytes.

    The whole file is read (and, with an encrypting storage, decrypted) and hashed before the
    first byte is sent, so a tampered or corrupted file is refused (IntegrityFailure) instead of
    half-delivered.
    """
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except Exception as exc:  # missing file, failed decryption: the storage's own error types
        raise IntegrityFailure(f"document {document.pk} cannot be read: {exc}") from exc
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise IntegrityFailure(f"sha256 mismatch for document {document.pk}")
    return (data[i : i + CHUNK] for i in range(0, len(data), CHUNK))
