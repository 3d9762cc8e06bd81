"""Demo data for the communications app: one case at the drafting stage, complete for a package.

KIBHR-2021-0001 (administrative arrest after a solitary picket, inspired by communication
No. 2827/2016 without following its facts: people and proceedings are fictional) gets what a
complete submission package needs: the victim's details, the cassation ruling, the Committee
authorisation (signed and annexed), annexed court decisions (small real PDFs generated here) and a
photograph, the communication's texts in Russian and English and its alleged event. If the
casework demo did not create that case, a case of our own is opened instead. Idempotent: a case
that already has a communication is left alone.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.platypus import Spacer

from casework import services as case_services
from casework.documents import document_upload
from casework.models import (
    AllegedViolation,
    Authorisation,
    AuthorisationKind,
    Branch,
    Case,
    CaseParty,
    Confidentiality,
    CovenantArticle,
    DocumentKind,
    Instance,
    Outcome,
    PartyRole,
    Person,
    ProcedureType,
    Proceeding,
    Stage,
    Theme,
    User,
)
from communications import pdf
from communications.models import AllegedEvent, Communication, StateParty

DEMO_REFERENCE = "KIBHR-2021-0001"
VICTIM = ("Нұрлан Әбдіғалиұлы Қасымов", "Nurlan Abdigaliuly Kassymov", dt.date(1979, 5, 14))

FACTS = "\n\n".join(
    [
        (
            "2 марта 2021 года автор в одиночку провёл мирный пикет перед зданием акимата"
            " города Алматы с плакатом «Жер сатылмайды! — Земля не продаётся!», выражая "
            "несогласие с поправками в Земельный кодекс. Пикет продолжался около десяти "
            "минут, не создавал помех движению пешеходов и транспорта и не сопровождался "
            "призывами к насилию."
        ),
        (
            "Сотрудники полиции задержали автора и доставили его в районное управление "
            "полиции, где в отношении него был составлен протокол об административном "
            "правонарушении по части 6 статьи 488 Кодекса об административных "
            "правонарушениях (нарушение порядка организации и проведения мирного "
            "собрания)."
        ),
        (
            "3 марта 2021 года специализированный межрайонный административный суд города"
            " Алматы признал автора виновным и назначил наказание в виде "
            "административного ареста сроком на 10 суток. Суд не оценил, было ли "
            "ограничение права автора на свободу выражения мнений необходимым в "
            "демократическом обществе."
        ),
        (
            "25 марта 2021 года Алматинский городской суд оставил постановление без "
            "изменения. 14 сентября 2021 года Верховный Суд Республики Казахстан отказал "
            "в пересмотре дела в кассационном порядке. Автор полностью отбыл наказание."
        ),
        (
            "15 января 2024 года Генеральная прокуратура Республики Казахстан отказала "
            "автору в принесении протеста на вступившие в законную силу судебные акты."
        ),
    ]
)

REMEDIES = "\n\n".join(
    [
        (
            "Автор просит Комитет признать, что государство-участник нарушило его права, "
            "предусмотренные пунктом 2 статьи 19 и статьёй 21 Пакта."
        ),
        (
            "Автор просит Комитет предложить государству-участнику предоставить ему "
            "эффективное средство правовой защиты, включая полную компенсацию морального "
            "вреда, пересмотр постановления об административном аресте, а также привести "
            "законодательство о мирных собраниях в соответствие со статьёй 21 Пакта, "
            "чтобы исключить повторение подобных нарушений."
        ),
    ]
)

EXHAUSTION = "\n\n".join(
    [
        (
            "Автор исчерпал все доступные и эффективные внутренние средства правовой "
            "защиты: постановление суда первой инстанции было обжаловано в апелляционном "
            "порядке, а постановление апелляционной инстанции — в кассационном порядке в "
            "Верховный Суд Республики Казахстан."
        ),
    ]
)

VIOLATION_NOTES = {
    19: "Административный арест за одиночный мирный пикет с плакатом является ограничением "
    "свободы выражения мнений, которое не было необходимым для достижения какой-либо из "
    "правомерных целей, перечисленных в пункте 3 статьи 19 Пакта.",
    21: "Одиночный пикет является формой мирного собрания; требование предварительного "
    "разрешения и наказание за его отсутствие несовместимы со статьёй 21 Пакта.",
}

DECISIONS = [
    # level, body, number, filed, decided, title, text
    (
        Instance.FIRST_INSTANCE,
        "Specialised inter-district administrative court of Almaty",
        "5-1203/2021",
        "2021-03-03",
        "2021-03-03",
        "Постановление специализированного межрайонного административного суда г. Алматы",
        "признать Қасымова Нұрлана Әбдіғалиұлы виновным в совершении правонарушения, "
        "предусмотренного частью 6 статьи 488 КоАП, и назначить административный арест "
        "сроком на 10 (десять) суток.",
    ),
    (
        Instance.APPEAL,
        "Almaty City Court",
        "3a-455/2021",
        "2021-03-10",
        "2021-03-25",
        "Постановление Алматинского городского суда",
        "постановление суда первой инстанции оставить без изменения, жалобу — без удовлетворения.",
    ),
    (
        Instance.CASSATION,
        "Supreme Court of the Republic of Kazakhstan",
        "6001-21-00-6ап/512",
        "2021-04-20",
        "2021-09-14",
        "Постановление Верховного Суда Республики Казахстан",
        "в пересмотре постановлений по делу об административном правонарушении в кассационном "
        "порядке отказать.",
    ),
]


COURTS_RU = {
    Instance.FIRST_INSTANCE: "Специализированный межрайонный административный суд г. Алматы",
    Instance.APPEAL: "Алматинский городской суд",
    Instance.CASSATION: "Верховный Суд Республики Казахстан",
}


def _decision_pdf(title: str, number: str, decided: str, body: str, text: str) -> bytes:
    """A small real PDF standing in for a scanned court decision (fictional demo content)."""
    s = pdf.styles()
    story = [
        pdf.para(title, s["title"]),
        pdf.para(f"Дело № {number} · {decided}", s["subtitle"]),
        pdf.para(
            f"{body}, рассмотрев дело об административном правонарушении, ПОСТАНОВИЛ:", s["body"]
        ),
        Spacer(1, 6),
        pdf.para(text, s["body"]),
        Spacer(1, 18),
        pdf.para("Судья: ____________________", s["body"]),
        pdf.para("(Демонстрационный документ: вымышленное содержание.)", s["small"]),
    ]
    return pdf.build_pdf(
        story,
        when=dt.date.fromisoformat(decided),
        title=title,
        author=body,
        lang="ru",
        footer=lambda n, total: f"{number} · {n}/{total}",
    )


def _photo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (900, 600), (214, 226, 236))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 430, 900, 600), fill=(150, 150, 150))  # pavement
    draw.rectangle((600, 80, 880, 430), fill=(235, 230, 215), outline=(120, 110, 90), width=4)
    draw.ellipse((300, 150, 360, 210), fill=(90, 70, 60))  # head
    draw.rectangle((295, 210, 365, 380), fill=(40, 60, 110))  # body
    draw.rectangle((220, 230, 440, 330), fill="white", outline="black", width=5)  # poster
    draw.line((240, 265, 420, 265), fill="black", width=6)
    draw.line((240, 295, 400, 295), fill="black", width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _ensure_case(lawyer: User) -> Case:
    case = Case.objects.filter(reference=DEMO_REFERENCE).first()
    if case is not None:
        return case
    return case_services.case_open(
        by=lawyer,
        reference=DEMO_REFERENCE,
        title="Administrative arrest after a solitary picket "
        "(inspired by communication No. 2827/2016)",
        branch=lawyer.branch or Branch.objects.order_by("-is_head_office", "pk").first(),
        theme=Theme.objects.get(code="expression"),
        summary="The client was arrested for ten days for a one-person picket.",
        stage=Stage.DRAFTING,
        is_strategic=True,
        responsible_lawyer=lawyer,
        confidentiality=Confidentiality.NORMAL,
        opened_on=dt.date(2021, 3, 2),
    )


def _victim(case: Case, lawyer: User) -> Person:
    party = case.parties.filter(role=PartyRole.VICTIM, person__isnull=False).first()
    person = party.person if party else None
    if person is None:
        person = Person.objects.filter(full_name=VICTIM[0]).first() or Person(
            full_name=VICTIM[0], full_name_latin=VICTIM[1], birth_date=VICTIM[2]
        )
    person.full_name_latin = person.full_name_latin or VICTIM[1]
    person.birth_date = person.birth_date or VICTIM[2]
    person.birth_place = person.birth_place or "г. Талдыкорган"
    person.nationality = person.nationality or "Республика Казахстан"
    person.address = person.address or "Республика Казахстан, г. Алматы, ул. Жамбыла, 114, кв. 27"
    case_services.save_audited(person, by=lawyer, reason="Details for the communication")
    for role in (PartyRole.CLIENT, PartyRole.VICTIM):
        if not case.parties.filter(role=role, person=person).exists():
            case_services.save_audited(CaseParty(case=case, person=person, role=role), by=lawyer)
    return person


# Not required for exhaustion, but the latest recorded domestic decision: the rule 99(c) time
# limit runs from it (five years, to 15 January 2029).
PROSECUTOR_STEP = (
    Instance.PROSECUTOR,
    "Prosecutor General's Office of the Republic of Kazakhstan",
    "2-011-23-00142",
    "2023-11-02",
    "2024-01-15",
)


def _proceedings(case: Case, lawyer: User) -> dict[str, Proceeding]:
    by_level = {}
    steps = [d[:5] for d in DECISIONS] + [PROSECUTOR_STEP]
    for level, body, number, filed, decided in steps:
        proceeding = case.proceedings.filter(level=level).order_by("-decided_on").first()
        if proceeding is None:
            proceeding = case_services.save_audited(
                Proceeding(
                    case=case,
                    level=level,
                    procedure_type=ProcedureType.ADMIN_OFFENCE,
                    body=body,
                    court_case_number=number,
                    filed_on=dt.date.fromisoformat(filed),
                    decided_on=dt.date.fromisoformat(decided),
                    outcome=Outcome.DISMISSED,
                ),
                by=lawyer,
                reason="Demo: domestic proceedings",
            )
        by_level[level] = proceeding
    return by_level


def seed(stdout: TextIO) -> None:
    if Communication.objects.filter(case__reference=DEMO_REFERENCE).exists():
        return
    lawyer = User.objects.filter(username="lawyer.almaty").first()
    if lawyer is None:
        stdout.write("  communications: no demo lawyer (run the casework demo first); skipped\n")
        return
    case = _ensure_case(lawyer)
    lawyer = case.responsible_lawyer or lawyer
    victim = _victim(case, lawyer)
    for number, paragraph in ((19, "2"), (21, "")):
        violation = case.violations.filter(article__number=number).first() or AllegedViolation(
            case=case, article=CovenantArticle.objects.get(number=number), paragraph=paragraph
        )
        violation.notes = violation.notes or VIOLATION_NOTES[number]
        case_services.save_audited(violation, by=lawyer, reason="Demo: grounds")
    proceedings = _proceedings(case, lawyer)
    if not case.authorisations.filter(
        person=victim, kind=AuthorisationKind.COMMITTEE_AUTHORISATION
    ).exists():
        case_services.save_audited(
            Authorisation(
                case=case,
                person=victim,
                kind=AuthorisationKind.COMMITTEE_AUTHORISATION,
                signed_on=dt.date(2021, 10, 4),
                notes="Signed in Almaty in the presence of counsel.",
            ),
            by=lawyer,
        )
    if not case.documents.filter(annex_order__isnull=False).exists():
        for order, (level, _body, number, _filed, decided, title, text) in enumerate(
            DECISIONS, start=1
        ):
            data = _decision_pdf(title, number, decided, COURTS_RU[level], text)
            document_upload(
                case=case,
                by=lawyer,
                uploaded=SimpleUploadedFile(
                    f"decision-{order}.pdf", data, content_type="application/pdf"
                ),
                title=title,
                kind=DocumentKind.DECISION,
                language="ru",
                confidentiality=Confidentiality.NORMAL,
                proceeding=proceedings[level],
                annex_order=order,
            )
        document_upload(
            case=case,
            by=lawyer,
            uploaded=SimpleUploadedFile("picket.png", _photo_png(), content_type="image/png"),
            title="Фотография одиночного пикета 2 марта 2021 г.",
            kind=DocumentKind.EVIDENCE,
            language="ru",
            confidentiality=Confidentiality.NORMAL,
            annex_order=len(DECISIONS) + 1,
        )
    communication = case_services.save_audited(
        Communication(
            case=case,
            state=StateParty.objects.get(code="KZ"),
            facts=FACTS,
            remedies_requested=REMEDIES,
            exhaustion_notes=EXHAUSTION,
        ),
        by=lawyer,
        reason="Demo: communication drafted",
    )
    case_services.save_audited(
        AllegedEvent(
            communication=communication,
            occurred_on=dt.date(2021, 3, 2),
            description="Задержание на одиночном пикете и административный арест на 10 суток",
        ),
        by=lawyer,
    )
    if case.stage != Stage.DRAFTING:
        stdout.write(f"  communications: note, {DEMO_REFERENCE} is at stage {case.stage}\n")
    stdout.write(f"  communications: {DEMO_REFERENCE} ready for a submission package\n")
