"""The follow-up report of the monitored recommendations, per theme, as PDF and DOCX (ru/en).

An alternative report to a treaty body's follow-up procedure or a UPR mid-term review: for each
theme, each recommendation (mechanism, symbol, paragraph, date, text), its current status and the
evidence of its latest assessment. Only register recommendations go in — never a Views' remedy
of a case, which is case data (the report leaves the organisation).

PDF through reportlab with the fonts the filings embed (communications.pdf); DOCX through
python-docx, so that the organisation can edit the text before sending it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document as DocxDocument
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import KeepTogether

from communications.pdf import SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts

from .models import Assessment, ImplementationStatus, Recommendation

LANGUAGES = ("ru", "en")


@dataclass
class ReportItem:
    heading: str
    text: str
    text_fallback: bool
    status: str
    assessed_on: dt.date | None
    evidence: list[str]
    notes: str
    verified: bool


@dataclass
class ReportSection:
    theme: str
    items: list[ReportItem]


def build_sections(recommendations, *, lang: str) -> list[ReportSection]:
    """Group monitored register recommendations by theme (a recommendation may sit in several)."""
    latest = Assessment.objects.order_by("-assessed_on", "-id")
    rows = (
        recommendations.filter(case__isnull=True, monitored=True)
        .select_related("mechanism")
        .prefetch_related("themes", Prefetch("assessments", queryset=latest))
    )
    statuses = dict(ImplementationStatus.choices)
    sections: dict[str, list[ReportItem]] = {}
    for rec in rows:
        assessments = list(rec.assessments.all())
        last = assessments[0] if assessments else None
        own = (getattr(rec, f"text_{lang}", "") or "").strip()
        where = rec.symbol + (f", {_('para.')} {rec.paragraph}" if rec.paragraph else "")
        date = f" ({rec.issued_on:%d.%m.%Y})" if rec.issued_on else ""
        position = f" — {rec.get_state_position_display()}" if rec.state_position else ""
        item = ReportItem(
            heading=f"{rec.mechanism.abbreviation}: {where}{date}{position}",
            text=own or rec.text(lang),
            text_fallback=not own,
            status=str(statuses[last.status]) if last else _("Not yet assessed"),
            assessed_on=last.assessed_on if last else None,
            evidence=last.evidence_links() if last else [],
            notes=last.notes if last else "",
            verified=rec.verified,
        )
        names = [t.name for t in rec.themes.all()] or [_("Other questions")]
        for name in names:
            sections.setdefault(name, []).append(item)
    return [ReportSection(name, sections[name]) for name in sorted(sections)]


def _title() -> str:
    return _("Implementation of the recommendations addressed to Kazakhstan: follow-up report")


def _status_line(item: ReportItem) -> str:
    if item.assessed_on:
        return _("Status: %(status)s (assessed on %(date)s)") % {
            "status": item.status,
            "date": item.assessed_on.strftime("%d.%m.%Y"),
        }
    return _("Status: %(status)s") % {"status": item.status}


def _marks(item: ReportItem, lang: str) -> str:
    marks = []
    if item.text_fallback and lang != "en":
        marks.append(_("text in English: no translation recorded"))
    if not item.verified:
        marks.append(_("paraphrase, not verified against the source"))
    return "; ".join(marks)


def render_pdf(recommendations, *, lang: str, subtitle: str = "") -> bytes:
    with translation.override(lang):
        sections = build_sections(recommendations, lang=lang)
        register_fonts()
        body = ParagraphStyle("body", fontName=SERIF, fontSize=10, leading=13.5, spaceAfter=3)
        small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11)
        note = ParagraphStyle("note", parent=small, fontName=SERIF_ITALIC)
        head = ParagraphStyle("head", parent=body, fontName=SERIF_BOLD, spaceBefore=6)
        theme = ParagraphStyle(
            "theme", fontName=SANS_BOLD, fontSize=13, leading=16, spaceBefore=12, spaceAfter=6
        )
        title = ParagraphStyle("title", fontName=SANS_BOLD, fontSize=16, leading=20, spaceAfter=4)
        story = [Paragraph(escape(_title()), title)]
        meta = _("Prepared on %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")}
        story.append(Paragraph(escape(" — ".join(p for p in (subtitle, meta) if p)), small))
        story.append(Spacer(1, 6 * mm))
        if not sections:
            story.append(Paragraph(escape(_("No monitored recommendation matches.")), body))
        for section in sections:
            story.append(Paragraph(escape(section.theme), theme))
            for item in section.items:
                block = [
                    Paragraph(escape(item.heading), head),
                    Paragraph(escape(item.text).replace("\n", "<br/>"), body),
                ]
                marks = _marks(item, lang)
                if marks:
                    block.append(Paragraph(escape(f"[{marks}]"), note))
                block.append(Paragraph(f"<b>{escape(_status_line(item))}</b>", body))
                if item.evidence:
                    block.append(Paragraph(escape(_("Evidence:")), small))
                    block.extend(Paragraph("• " + escape(line), small) for line in item.evidence)
                if item.notes:
                    block.append(Paragraph(escape(item.notes).replace("\n", "<br/>"), small))
                story.append(KeepTogether(block))

        def page_number(canvas, doc):
            canvas.saveState()
            canvas.setFont(SERIF, 8)
            canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, str(doc.page))
            canvas.restoreState()

        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=_title(),
            author="Remedy",
        )
        doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
        return buffer.getvalue()


def render_docx(recommendations, *, lang: str, subtitle: str = "") -> bytes:
    with translation.override(lang):
        sections = build_sections(recommendations, lang=lang)
        document = DocxDocument()
        style = document.styles["Normal"]
        style.font.name = "DejaVu Serif"
        style.font.size = Pt(10)
        document.core_properties.title = _title()
        document.core_properties.language = lang
        document.add_heading(_title(), level=0)
        meta = _("Prepared on %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")}
        document.add_paragraph(" — ".join(p for p in (subtitle, meta) if p))
        if not sections:
            document.add_paragraph(_("No monitored recommendation matches."))
        for section in sections:
            document.add_heading(section.theme, level=1)
            for item in section.items:
                document.add_heading(item.heading, level=3)
                document.add_paragraph(item.text)
                marks = _marks(item, lang)
                if marks:
                    document.add_paragraph().add_run(f"[{marks}]").italic = True
                document.add_paragraph().add_run(_status_line(item)).bold = True
                if item.evidence:
                    document.add_paragraph(_("Evidence:"))
                    for line in item.evidence:
                        document.add_paragraph(line, style="List Bullet")
                if item.notes:
                    document.add_paragraph(item.notes)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def report_filename(lang: str, extension: str) -> str:
    return f"recommendations-follow-up-{timezone.localdate():%Y-%m-%d}-{lang}.{extension}"


__all__ = ["LANGUAGES", "Recommendation", "render_docx", "render_pdf", "report_filename"]
