"""PDF primitives for generated filings: embedded Unicode fonts, reproducible output, stamps.

- Fonts are the DejaVu TTFs shipped in `communications/fonts/` (Cyrillic including the Kazakh
  letters ә ғ қ ң ө ұ ү һ і), embedded as subsets; never looked up among system fonts.
- Output is reproducible: reportlab's invariant mode, and a creation date taken from the data
  (the date of the document), so the same case data gives byte-identical PDFs.
- Annexes are stamped on every page ("Annex N — page x/y") with pypdf and a reportlab overlay.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SERIF = "RemedySerif"
SERIF_BOLD = "RemedySerif-Bold"
SERIF_ITALIC = "RemedySerif-Italic"
SANS_BOLD = "RemedySans-Bold"
STAMP_FONT = SERIF  # embedded DejaVu: the stamp is in the package's language (Приложение 2)

PAGE_SIZE = A4
MARGIN = 22 * mm


class PdfInputError(ValueError):
    """An annex that cannot be included (not a PDF or image, encrypted, or damaged)."""


_fonts_registered = False


def register_fonts() -> None:
    global _fonts_registered
    if _fonts_registered:
        return
    for name, filename in (
        (SERIF, "DejaVuSerif.ttf"),
        (SERIF_BOLD, "DejaVuSerif-Bold.ttf"),
        (SERIF_ITALIC, "DejaVuSerif-Italic.ttf"),
        (SANS_BOLD, "DejaVuSans-Bold.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD
    )
    _fonts_registered = True


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=SERIF,
        fontSize=10.5,
        leading=14.5,
        alignment=TA_LEFT,  # justified Cyrillic leaves wide gaps between long words
        spaceAfter=6,
    )
    return {
        "body": body,
        "numbered": ParagraphStyle("numbered", parent=body, leftIndent=8 * mm, firstLineIndent=0),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12, alignment=0),
        "cell": ParagraphStyle(
            "cell", parent=body, fontSize=9, leading=11.5, alignment=0, spaceAfter=0
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=9,
            leading=11.5,
            alignment=0,
            spaceAfter=0,
        ),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=14,
            leading=18,
            alignment=TA_CENTER,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=10, leading=13, alignment=TA_CENTER, spaceAfter=12
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=12,
            leading=16,
            alignment=0,
            spaceBefore=10,
            spaceAfter=6,
            keepWithNext=True,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=10.5,
            leading=14,
            alignment=0,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=True,
        ),
        "right": ParagraphStyle("right", parent=body, alignment=2),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (never markup): user text is escaped, line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def paragraphs(text: str) -> list[str]:
    """Split a text into paragraphs at blank lines, normalising line endings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _fixed_timestamp(canvas: Canvas, when: dt.date) -> None:
    """Make the PDF's creation and modification dates the document's own date (reproducible)."""
    stamp = canvas._doc._timeStamp
    moment = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
    stamp.t = moment.timestamp()
    stamp.lt = moment.timetuple()
    stamp.YMDhms = (when.year, when.month, when.day, 0, 0, 0)
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"


def _canvas_class(
    *, when: dt.date, watermark: str | None, footer: Callable[[int, int], str]
) -> type[Canvas]:
    """A canvas that knows the page count before it draws footers ("page x of y") and watermarks."""

    class _Canvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            _fixed_timestamp(self, when)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 — reportlab's API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(SERIF, 8.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawCentredString(width / 2, 12 * mm, footer(number, total))
            if watermark:
                self.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.16))
                self.setFont(SANS_BOLD, 96)
                self.translate(width / 2, height / 2)
                self.rotate(45)
                self.drawCentredString(0, -30, watermark)
            self.restoreState()

    return _Canvas


def build_pdf(
    story: Sequence,
    *,
    when: dt.date,
    title: str,
    author: str,
    subject: str = "",
    lang: str = "en",
    watermark: str | None = None,
    footer: Callable[[int, int], str] = lambda n, total: f"{n} / {total}",
) -> bytes:
    """Render a platypus story to PDF bytes, reproducibly."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator="Remedy",
        producer="Remedy (ReportLab)",
        lang=lang,
        invariant=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=_canvas_class(when=when, watermark=watermark, footer=footer))
    return buffer.getvalue()


# --- annexes -----------------------------------------------------------------------------------


def sniff(data: bytes) -> str | None:
    """What the bytes are, by their magic number (the recorded content type can lie)."""
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def image_to_pdf(data: bytes, *, when: dt.date) -> bytes:
    """One A4 page with the image fitted inside the margins (portrait or landscape as it fits)."""
    try:
        image = ImageReader(io.BytesIO(data))
        img_w, img_h = image.getSize()
    except Exception as exc:  # Pillow raises many kinds for a damaged image
        raise PdfInputError(f"the image cannot be read ({exc.__class__.__name__})") from None
    page_w, page_h = PAGE_SIZE if img_h >= img_w else (PAGE_SIZE[1], PAGE_SIZE[0])
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_w, page_h), invariant=1)
    _fixed_timestamp(canvas, when)
    box_w, box_h = page_w - 2 * MARGIN, page_h - 2 * MARGIN - 10 * mm
    scale = min(box_w / img_w, box_h / img_h)
    draw_w, draw_h = img_w * scale, img_h * scale
    canvas.drawImage(
        image, (page_w - draw_w) / 2, MARGIN + (box_h - draw_h) / 2, width=draw_w, height=draw_h
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _read_pdf(data: bytes):

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise PdfInputError("the PDF is password-protected")
        pages = list(reader.pages)
    except PdfInputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise PdfInputError(f"the PDF is damaged ({exc.__class__.__name__})") from None
    if not pages:
        raise PdfInputError("the PDF has no pages")
    return reader, pages


def page_count(data: bytes) -> int:
    return len(_read_pdf(data)[1])


def _stamp_overlays(pages: list[tuple[float, float, str]]) -> list:
    """One overlay page per (width, height, label), drawn on ONE reportlab canvas and parsed
    once: a fresh canvas and a fresh PDF parse per annex page cost ~17x the merge itself."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    font_size = 9
    for width, height, label in pages:
        canvas.setPageSize((width, height))
        text_w = pdfmetrics.stringWidth(label, STAMP_FONT, font_size)
        x, y = width - text_w - 14 * mm, height - 10 * mm
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(colors.HexColor("#1f3a93"))
        canvas.setLineWidth(0.8)
        canvas.rect(
            x - 2 * mm, y - 1.6 * mm, text_w + 4 * mm, font_size + 2.4 * mm, fill=1, stroke=1
        )
        canvas.setFillColor(colors.HexColor("#1f3a93"))
        canvas.setFont(STAMP_FONT, font_size)
        canvas.drawString(x, y, label)
        canvas.showPage()
    canvas.save()
    return list(PdfReader(io.BytesIO(buffer.getvalue())).pages)


def stamp_annex(
    data: bytes,
    number: int,
    *,
    title: str = "",
    label: Callable[[int, int], str] | None = None,
) -> tuple[bytes, int]:
    """Stamp every page "Annex N — page x/y" (or `label(page, total)`); return the PDF and pages."""
    label = label or (lambda page, total: f"Annex {number} \u2014 page {page}/{total}")

    _reader, pages = _read_pdf(data)
    total = len(pages)
    writer = PdfWriter()
    prepared, sizes = [], []
    for index, source in enumerate(pages, start=1):
        try:
            page = writer.add_page(source)  # pypdf edits content only on a writer's pages
            page.transfer_rotation_to_content()
            box = page.mediabox
            prepared.append((page, float(box.left), float(box.bottom)))
            sizes.append((float(box.width), float(box.height), label(index, total)))
        except (ValueError, KeyError, TypeError) as exc:
            raise PdfInputError(
                f"page {index} cannot be stamped ({exc.__class__.__name__})"
            ) from None
    for index, ((page, left, bottom), overlay) in enumerate(
        zip(prepared, _stamp_overlays(sizes), strict=True), start=1
    ):
        try:
            page.merge_translated_page(overlay, left, bottom)
        except (ValueError, KeyError, TypeError) as exc:
            raise PdfInputError(
                f"page {index} cannot be stamped ({exc.__class__.__name__})"
            ) from None
    writer.add_metadata({"/Title": title or f"Annex {number}", "/Producer": "Remedy (pypdf)"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), total
