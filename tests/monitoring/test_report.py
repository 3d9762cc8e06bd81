"""The follow-up report, PDF and DOCX, Russian and English, per theme."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from casework.models import Theme
from monitoring import report, services
from monitoring.models import Mechanism, Recommendation


@pytest.fixture
def register(org, secret_case):
    rec = services.recommendation_save(
        recommendation=Recommendation(
            mechanism=Mechanism.objects.get(code="cat"),
            symbol="CAT/C/KAZ/CO/4",
            paragraph="10",
            text_en="Investigate every allegation of torture.",
            text_ru="Расследовать каждое заявление о пытках.",
            verified=True,
        ),
        by=org.analyst,
        themes=[Theme.objects.get(code="torture")],
    )
    services.assessment_add(
        recommendation=rec,
        by=org.analyst,
        assessed_on=dt.date(2025, 3, 1),
        status="partial",
        evidence="https://example.org/evidence",
    )
    services.remedy_add(
        case=secret_case, by=org.lawyer, title="Secret remedy", remedy_kind="compensation"
    )
    return Recommendation.objects.all()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_in_russian_groups_by_theme_with_status_and_evidence(register):
    text = pdf_text(report.render_pdf(register, lang="ru"))
    assert "Freedom from torture" in text  # theme names are reference data (English only yet)
    assert "Расследовать каждое заявление о пытках." in text
    assert "https://example.org/evidence" in text
    assert "Secret remedy" not in text  # a case's remedy never leaves in a report


def test_the_docx_in_english(register):
    document = Document(io.BytesIO(report.render_docx(register, lang="en")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Investigate every allegation of torture." in text
    assert "Status: Partially implemented (assessed on 01.03.2025)" in text


def test_the_report_page_downloads_both_formats(client, org, register):
    client.force_login(org.branch_head)
    url = reverse("monitoring:report")
    assert client.get(url).status_code == 200
    pdf = client.get(url, {"language": "en", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(url, {"language": "ru", "format": "docx"})
    assert docx.content.startswith(b"PK") and "attachment" in docx["Content-Disposition"]
    assert client.get(url, {"language": "xx", "format": "pdf"}).status_code == 200  # the form again
