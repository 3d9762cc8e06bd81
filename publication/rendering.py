"""Public documents: their text taken out of the uploaded file, and rendered anew as a PDF.

The original file never leaves the organisation: a scanned page, a Word file's tracked changes or
author field, a PDF's hidden text layer or XMP metadata would all travel with it. Instead the
text is extracted here (plain text, DOCX/ODT paragraphs, a PDF's text layer), anonymised by the
preparer, and rendered into a new PDF whose only metadata are the public title and the language,
named by Remedy ("document-1.pdf"). The rendered PDF is read back (its metadata and its text) and
scanned by the residue check like every other text of the publication.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.etree import ElementTree

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from casework.models import Document
from casework.storage import DocumentIntegrityError, read_document_verified
from communications import pdf

MAX_TEXT = 400_000  # characters; a longer text is cut and the preparer told so


class ExtractionError(ValueError):
    pass


def _xml_text(data: bytes, paragraph_tags: tuple[str, ...]) -> str:
    root = ElementTree.fromstring(data)  # noqa: S314 — a zip member of a sniffed office file
    paragraphs = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in paragraph_tags:
            paragraphs.append("".join(element.itertext()).strip())
    return "\n\n".join(p for p in paragraphs if p)


def extract_text(document: Document) -> str:
    """The text of an uploaded document, for the preparer to anonymise; "" for an image."""
    try:
        data = read_document_verified(document)
    except DocumentIntegrityError as exc:
        raise ExtractionError(str(exc)) from exc
    kind = document.content_type
    try:
        if kind == "text/plain":
            text = data.decode("utf-8", "replace")
        elif kind == "application/pdf":
            reader = PdfReader(io.BytesIO(data))
            text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
        elif kind.endswith("wordprocessingml.document"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                text = _xml_text(archive.read("word/document.xml"), ("p",))
        elif kind == "application/vnd.oasis.opendocument.text":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                text = _xml_text(archive.read("content.xml"), ("p", "h"))
        else:
            text = ""
    except (PdfReadError, zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise ExtractionError(str(exc)) from exc
    return text.replace("\r\n", "\n").strip()[:MAX_TEXT]


def render_pdf(*, title: str, text: str, lang: str, when: dt.date) -> bytes:
    """A new PDF of `text`: embedded fonts, reproducible, no author, no producer's secrets."""
    style = pdf.styles()
    story = [pdf.para(title, style["title"])]
    story += [pdf.para(paragraph, style["body"]) for paragraph in pdf.paragraphs(text)]
    return pdf.build_pdf(story, when=when, title=title, author="", subject="", lang=lang)


def read_back(data: bytes) -> tuple[dict[str, str], str]:
    """The metadata and the text of a rendered PDF, as anyone downloading it could read them."""
    reader = PdfReader(io.BytesIO(data))
    metadata = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return metadata, re.sub(r"[ \t]+", " ", text)
