"""Fixtures for the communications tests: a case with everything a complete package needs."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from casework import services
from casework.models import (
    AllegedViolation,
    Authorisation,
    AuthorisationKind,
    Case,
    CaseParty,
    CovenantArticle,
    Document,
    DocumentKind,
    Instance,
    Outcome,
    PartyRole,
    Person,
    ProcedureType,
    Proceeding,
)
from communications.models import AllegedEvent, Communication, StateParty

KAZAKH_LETTERS = "әғқңөұүһі"
VICTIM_NAME = "Нұрлан Әбдіғалиұлы Қасымов"
SUMMARY_FACTS = "Петиция Әбдіғалиұлы: ә ғ қ ң ө ұ ү һ і. "


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_pdf(pages: int = 2, *, text: str = "Decision", size=A4) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    for n in range(1, pages + 1):
        canvas.setFont("Helvetica", 14)
        canvas.drawString(72, size[1] - 144, f"{text} - sheet {n}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 300, 180), outline="black", width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def add_document(
    case: Case,
    *,
    by,
    title: str,
    data: bytes,
    annex_order: int | None,
    kind=DocumentKind.DECISION,
    language: str = "ru",
    name: str = "file.pdf",
    content_type: str = "application/pdf",
    translation_of: Document | None = None,
) -> Document:
    sha = hashlib.sha256(data).hexdigest()
    document = Document(
        case=case,
        title=title,
        kind=kind,
        language=language,
        original_filename=name,
        content_type=content_type,
        size=len(data),
        sha256=sha,
        annex_order=annex_order,
        uploaded_by=by,
        translation_of=translation_of,
    )
    document.file.save(name, ContentFile(data), save=False)
    return services.save_audited(document, by=by)


def make_ready_case(case: Case, by, *, proceedings: bool = True) -> Case:
    """Fill `case` with everything a complete submission package needs.

    `proceedings=False` for a case whose domestic proceedings the route already recorded.
    """
    details = {
        "full_name_latin": "Nurlan Abdigaliuly Kassymov",
        "full_name_cyrillic": VICTIM_NAME,
        "birth_date": dt.date(1979, 5, 14),
        "birth_place": "Алматы",
        "birth_place_en": "Almaty",
        "nationality": "Казахстан",
        "nationality_en": "Kazakhstan",
        "address": "г. Алматы, ул. Абая, 1, кв. 2",
    }
    people = [
        party.person
        for party in case.parties.filter(
            role__in=[PartyRole.CLIENT, PartyRole.VICTIM], person__isnull=False
        )
    ]
    # A case opened at intake already has its client and victim: complete what they lack.
    for person in people:
        for name, value in details.items():
            if not getattr(person, name):
                setattr(person, name, value)
        person.save()
    victim = next(
        (p.person for p in case.parties.filter(role=PartyRole.VICTIM, person__isnull=False)),
        None,
    ) or Person.objects.create(full_name=VICTIM_NAME, **details)
    case.responsible_lawyer = by
    case.save()
    by.full_name_cyrillic = "Лоуер Тестер"  # counsel in a Russian package
    by.save()
    case.branch.city_ru = "Алматы"
    case.branch.save()
    for role in (PartyRole.CLIENT, PartyRole.VICTIM):
        if not case.parties.filter(role=role).exists():
            services.save_audited(CaseParty(case=case, person=victim, role=role), by=by)
    services.save_audited(
        CaseParty(case=case, role=PartyRole.RESPONDENT, authority_name="Almaty Police Department"),
        by=by,
    )
    for number, paragraph in ((19, "2"), (21, "")):
        violation = case.violations.filter(article__number=number).first() or AllegedViolation(
            case=case, article=CovenantArticle.objects.get(number=number)
        )
        violation.paragraph = paragraph
        violation.notes = f"Вмешательство в право по статье {number} не было необходимым."
        violation.notes_en = f"The interference with article {number} was not necessary."
        services.save_audited(violation, by=by)
    steps = [
        (
            Instance.FIRST_INSTANCE,
            "Specialised administrative court of Almaty",
            "Специализированный административный суд г. Алматы",
            "2021-03-03",
        ),
        (Instance.APPEAL, "Almaty City Court", "Алматинский городской суд", "2021-03-25"),
        (
            Instance.CASSATION,
            "Supreme Court of the Republic of Kazakhstan",
            "Верховный Суд Республики Казахстан",
            "2021-09-14",
        ),
    ]
    for level, body, body_ru, decided in steps if proceedings else ():
        services.save_audited(
            Proceeding(
                case=case,
                level=level,
                procedure_type=ProcedureType.ADMIN_OFFENCE,
                body=body,
                body_ru=body_ru,
                claims_raised="19(2), 21",
                covenant_invoked=True,
                court_case_number="5-1203/2021",
                filed_on=dt.date.fromisoformat(decided),
                decided_on=dt.date.fromisoformat(decided),
                outcome=Outcome.DISMISSED,
                decision_summary="Найден виновным; 10 суток ареста.",
            ),
            by=by,
        )
    add_document(case, by=by, title="First-instance decision", data=make_pdf(2), annex_order=1)
    add_document(
        case, by=by, title="Appeal ruling", data=make_pdf(1, size=landscape(A4)), annex_order=2
    )
    add_document(
        case,
        by=by,
        title="Photograph of the picket",
        data=make_png(),
        annex_order=3,
        kind=DocumentKind.EVIDENCE,
        name="photo.png",
        content_type="image/png",
    )
    # The signed authorisation is annex 4, and the authorisation record points at it.
    signed = add_document(
        case,
        by=by,
        title="Signed authorisation",
        data=make_pdf(1, text="Authorisation"),
        annex_order=4,
        kind=DocumentKind.AUTHORISATION,
    )
    services.save_audited(
        Authorisation(
            case=case,
            person=victim,
            kind=AuthorisationKind.COMMITTEE_AUTHORISATION,
            signed_on=dt.date(2021, 10, 1),
            document=signed,
        ),
        by=by,
    )
    communication = Communication.objects.create(
        case=case,
        state=StateParty.objects.get(code="KZ"),
        facts=SUMMARY_FACTS + "Автор провёл одиночный пикет.\n\nПолиция задержала его.",
        facts_en=SUMMARY_FACTS
        + "The author held a solitary picket.\n\nPolice detained him within minutes.",
        remedies_requested="Признать нарушение статей 19 и 21.\n\nОбязать выплатить компенсацию.",
        remedies_requested_en="Find violations of articles 19 and 21.\n\nOrder compensation.",
        exhaustion_notes="Все обычные средства правовой защиты исчерпаны.",
        exhaustion_notes_en="All ordinary remedies were exhausted.",
        no_other_procedure_confirmed=True,
    )
    AllegedEvent.objects.create(
        communication=communication,
        occurred_on=dt.date(2021, 3, 2),
        description="Задержание на одиночном пикете",
        description_en="Detention at a solitary picket",
    )
    return case


@pytest.fixture
def ready_case(org, case) -> Case:
    return make_ready_case(case, org.lawyer)
