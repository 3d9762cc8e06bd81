"""The printable emergency card of an office: one page, in Russian, Kazakh or English.

Generated on request from the directory as it is at that moment, never stored: a card is then
always current (no stale copy after an edit) and Remedy keeps no extra unencrypted file of names
and phone numbers on the server's disk. The card shows when it was printed, so an old paper copy
in a wallet or a safe can be recognised as old.

Fonts: the DejaVu TTFs at settings.REMEDY_PDF_FONT_DIR (Cyrillic including ә ғ қ ң ө ұ ү һ і),
embedded as subsets. The layout shrinks its type until everything fits on one page; if even the
smallest size does not fit, the last contacts are left out and the card says how many.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from casework.models import Branch, User
from casework.names import localized

from .contacts import directory

CARD_LANGUAGES = ("ru", "kk", "en")
REGULAR = "RemedyCardSerif"
BOLD = "RemedyCardSans-Bold"
MARGIN = 10 * mm
FONT_SIZES = (9.0, 8.0, 7.0, 6.2, 5.5)

_registered = False


def _register_fonts() -> None:
    global _registered
    if _registered:
        return
    font_dir = settings.REMEDY_PDF_FONT_DIR
    pdfmetrics.registerFont(TTFont(REGULAR, str(font_dir / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_dir / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR)
    _registered = True


def _styles(size: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=REGULAR, fontSize=size, leading=size * 1.22)
    return {
        "cell": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=size + 5, leading=(size + 5) * 1.2
        ),
        "meta": ParagraphStyle("meta", parent=base, textColor=colors.HexColor("#444444")),
        "section": ParagraphStyle(
            "section",
            parent=base,
            fontName=BOLD,
            fontSize=size + 2,
            leading=(size + 2) * 1.3,
            spaceBefore=size * 0.6,
        ),
        "category": ParagraphStyle("category", parent=base, fontName=BOLD, spaceBefore=size * 0.4),
    }


def _contact_row(contact, st) -> list:
    who = f'<font name="{BOLD}">{escape(contact.name)}</font>'
    details = ", ".join(escape(x) for x in (contact.role, contact.organisation) if x)
    if details:
        who += f"<br/>{details}"
    reach = "<br/>".join(escape(p) for p in contact.phone_list)
    if contact.email:
        reach += ("<br/>" if reach else "") + escape(contact.email)
    return [
        Paragraph(who, st["cell"]),
        Paragraph(reach, st["cell"]),
        Paragraph(escape(contact.languages), st["cell"]),
    ]


def _office_name(branch: Branch) -> str:
    """The office's name in the card's language (English where none is recorded)."""
    return localized(branch, "name").text


def _header_row(st) -> list:
    return [
        Paragraph(f'<font name="{BOLD}">{escape(text)}</font>', st["cell"])
        for text in (_("Name, role, organisation"), _("Phones, e-mail"), _("Languages"))
    ]


def _story(branch: Branch, size: float, limit: int | None, reader: User | None = None):
    st = _styles(size)
    office = _office_name(branch)
    story = [
        Paragraph(escape(_("Emergency contacts")) + " — " + escape(office), st["title"]),
        Paragraph(
            escape(
                _("Printed %(date)s from Remedy. Replace this card when the directory changes.")
                % {"date": timezone.localtime().strftime("%Y-%m-%d")}
            ),
            st["meta"],
        ),
        Spacer(1, size * 0.5),
    ]
    width = A4[0] - 2 * MARGIN
    shown = total = 0
    for heading, target in ((office, branch), (_("Whole organisation"), None)):
        groups = directory(target, reader=reader)
        if not groups:
            continue
        story.append(Paragraph(escape(heading), st["section"]))
        for label, entries in groups:
            total += len(entries)
            rows = [_header_row(st)]
            for contact in entries:
                if limit is not None and shown >= limit:
                    continue
                rows.append(_contact_row(contact, st))
                shown += 1
            if len(rows) == 1:
                continue
            table = Table(rows, colWidths=[width * 0.5, width * 0.32, width * 0.18], repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ]
                )
            )
            story.append(KeepTogether([Paragraph(escape(str(label)), st["category"]), table]))
    if total == 0:
        story.append(Paragraph(escape(_("The directory is empty.")), st["cell"]))
    if shown < total:
        story.append(
            Paragraph(
                escape(
                    _("%(count)s more contacts did not fit on this card: see Remedy.")
                    % {"count": total - shown}
                ),
                st["section"],
            )
        )
    return story


def _build(story, branch: Branch) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    pages = []
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{_('Emergency contacts')} — {_office_name(branch)}",
        author="Remedy",
        invariant=1,
    )
    doc.build(
        story, onFirstPage=lambda c, d: pages.append(1), onLaterPages=lambda c, d: pages.append(1)
    )
    return buffer.getvalue(), len(pages)


def office_card_pdf(branch: Branch, *, language: str, reader: User | None = None) -> bytes:
    """The card of `branch` in `language` (ru, kk or en), on exactly one A4 page, with the
    contacts `reader` may read (None: Remedy itself, all of them)."""
    _register_fonts()
    with translation.override(language):
        for size in FONT_SIZES:
            body, pages = _build(_story(branch, size, None, reader), branch)
            if pages == 1:
                return body
        limit = sum(len(e) for _l, e in directory(branch, reader=reader)) + sum(
            len(e) for _l, e in directory(None, reader=reader)
        )
        while limit > 0:
            limit -= 1
            body, pages = _build(_story(branch, FONT_SIZES[-1], limit, reader), branch)
            if pages == 1:
                return body
        return body
