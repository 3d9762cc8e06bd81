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
from PIL import Image, ImageDraw
from reportlab.platypus import Spacer

from casework import services as case_services
from casework.documents import document_describe, document_upload
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
from communications import services as communication_services
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

# The same texts in English, for a package in English (Communication.text).
FACTS_EN = "\n\n".join(
    [
        (
            "On 2 March 2021 the author held a solitary peaceful picket in front of the akimat "
            "of Almaty with a poster reading “Жер сатылмайды! — The land is not for sale!”, "
            "voicing his disagreement with amendments to the Land Code. The picket lasted about "
            "ten minutes, did not obstruct pedestrians or traffic and involved no call to "
            "violence."
        ),
        (
            "Police officers detained the author and took him to the district police "
            "department, where a record of an administrative offence under article 488(6) of "
            "the Code of Administrative Offences (breach of the procedure for organising and "
            "holding a peaceful assembly) was drawn up."
        ),
        (
            "On 3 March 2021 the specialised inter-district administrative court of Almaty found "
            "the author guilty and sentenced him to 10 days of administrative arrest. The court "
            "did not assess whether the restriction of the author's freedom of expression was "
            "necessary in a democratic society."
        ),
        (
            "On 25 March 2021 the Almaty City Court upheld the decision. On 14 September 2021 "
            "the Supreme Court of the Republic of Kazakhstan refused to review the case in "
            "cassation. The author served the sentence in full."
        ),
        (
            "On 15 January 2024 the Prosecutor General's Office of the Republic of Kazakhstan "
            "refused the author's request to lodge a protest against the final court decisions."
        ),
    ]
)

REMEDIES_EN = "\n\n".join(
    [
        (
            "The author asks the Committee to find that the State party violated his rights "
            "under article 19(2) and article 21 of the Covenant."
        ),
        (
            "The author asks the Committee to request the State party to provide him with an "
            "effective remedy, including full compensation for non-pecuniary damage and review "
            "of the administrative arrest, and to bring its legislation on peaceful assemblies "
            "into line with article 21 of the Covenant so that similar violations do not recur."
        ),
    ]
)

EXHAUSTION_EN = (
    "The author exhausted all available and effective domestic remedies: the first-instance "
    "decision was appealed, and the appellate decision was challenged in cassation before the "
    "Supreme Court of the Republic of Kazakhstan."
)

VIOLATION_NOTES_EN = {
    19: "Administrative arrest for a solitary peaceful picket with a poster restricted the "
    "author's freedom of expression without being necessary for any of the legitimate aims "
    "listed in article 19(3) of the Covenant.",
    21: "A solitary picket is a form of peaceful assembly; requiring prior permission and "
    "punishing its absence is incompatible with article 21 of the Covenant.",
}

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


PROSECUTOR_RU = "Генеральная прокуратура Республики Казахстан"
COURTS_KK = {
    Instance.FIRST_INSTANCE: "Алматы қаласының мамандандырылған ауданаралық әкімшілік соты",
    Instance.APPEAL: "Алматы қалалық соты",
    Instance.CASSATION: "Қазақстан Республикасының Жоғарғы Соты",
}
PROSECUTOR_KK = "Қазақстан Республикасының Бас прокуратурасы"
# What the author put to each instance (Proceeding.claims_raised, covenant_invoked).
CLAIMS = {
    Instance.FIRST_INSTANCE: ("19(2), 21", True),
    Instance.APPEAL: ("19(2), 21", True),
    Instance.CASSATION: ("19(2), 21", True),
    Instance.PROSECUTOR: ("19(2), 21", True),
}


def _authorisation_pdf(victim: str, counsel: str, signed: dt.date) -> bytes:
    """A small real PDF standing in for the scan of the signed authorisation (fictional)."""
    s = pdf.styles()
    story = [
        pdf.para(
            "Полномочие на представление интересов в Комитете ООН по правам человека", s["title"]
        ),
        Spacer(1, 12),
        pdf.para(
            f"Я, {victim}, уполномочиваю представителя ({counsel}) представить от моего имени "
            "сообщение в "
            "Комитет по правам человека и представлять мои интересы в ходе его рассмотрения.",
            s["body"],
        ),
        Spacer(1, 18),
        pdf.para(f"Подпись: [подпись]    Дата: {signed:%d.%m.%Y}    Место: Алматы", s["body"]),
        pdf.para("(Демонстрационный документ: вымышленное содержание.)", s["small"]),
    ]
    return pdf.build_pdf(story, when=signed, title="Полномочие", author=victim, lang="ru")


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
    person.birth_place_en = person.birth_place_en or "Taldykorgan"
    person.nationality = person.nationality or "Республика Казахстан"
    person.nationality_ru = person.nationality_ru or "Казахстан"
    person.nationality_en = person.nationality_en or "Kazakhstan"
    person.address = person.address or "Республика Казахстан, г. Алматы, ул. Жамбыла, 114, кв. 27"
    case_services.save_audited(person, by=lawyer, reason="Details for the communication")
    for role in (PartyRole.CLIENT, PartyRole.VICTIM):
        if not case.parties.filter(role=role, person=person).exists():
            case_services.save_audited(CaseParty(case=case, person=person, role=role), by=lawyer)
    return person


# Not required for exhaustion, and an extraordinary remedy: it does not extend the rule 99(c)
# limit, which runs from the cassation ruling of 14 September 2021 (expired 14 September 2026).
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
        # The court's Russian name, and what was argued there, for section III of the package.
        proceeding.body_en = proceeding.body_en or (body if proceeding.body == body else "")
        proceeding.body_ru = proceeding.body_ru or COURTS_RU.get(level, PROSECUTOR_RU)
        proceeding.body_kk = proceeding.body_kk or COURTS_KK.get(level, PROSECUTOR_KK)
        if proceeding.covenant_invoked is None and level in CLAIMS:
            proceeding.claims_raised, proceeding.covenant_invoked = CLAIMS[level]
        case_services.save_audited(proceeding, by=lawyer, reason="Demo: claims raised")
        by_level[level] = proceeding
    # The proceedings were saved directly: let a rule 99(c) limit already tracked follow them.
    communication_services.sync_hrc_delay_deadline(
        case, by=lawyer, reason="Demo: domestic proceedings", only_existing=True
    )
    return by_level


def _annex_signed_authorisation(
    case: Case, victim: Person, lawyer: User, *, annex_order: int
) -> None:
    """The scan of the signed Committee authorisation, annexed and linked to its record."""
    authorisation = case.authorisations.filter(
        person=victim, kind=AuthorisationKind.COMMITTEE_AUTHORISATION
    ).first()
    if authorisation is None or authorisation.document_id:
        return
    counsel = lawyer.full_name_cyrillic or lawyer.get_full_name()
    data = _authorisation_pdf(victim.full_name, counsel, authorisation.signed_on)
    authorisation.document = document_upload(
        case=case,
        by=lawyer,
        uploaded=SimpleUploadedFile("authorisation.pdf", data, content_type="application/pdf"),
        title="Подписанное полномочие на представление интересов в Комитете",
        kind=DocumentKind.AUTHORISATION,
        language="ru",
        confidentiality=Confidentiality.NORMAL,
        annex_order=annex_order,
    )
    case_services.save_audited(authorisation, by=lawyer, reason="Demo: signed scan annexed")


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
        violation.notes_en = violation.notes_en or VIOLATION_NOTES_EN[number]
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
    _annex_signed_authorisation(case, victim, lawyer, annex_order=len(DECISIONS) + 2)
    communication = case_services.save_audited(
        Communication(
            case=case,
            state=StateParty.objects.get(code="KZ"),
            facts=FACTS,
            facts_en=FACTS_EN,
            remedies_requested=REMEDIES,
            remedies_requested_en=REMEDIES_EN,
            exhaustion_notes=EXHAUSTION,
            exhaustion_notes_en=EXHAUSTION_EN,
            # Counsel checked with the author: no other international body has the matter.
            no_other_procedure_confirmed=True,
            no_other_procedure_confirmed_by=lawyer,
            no_other_procedure_confirmed_on=dt.date(2021, 10, 4),
        ),
        by=lawyer,
        reason="Demo: communication drafted",
    )
    case_services.save_audited(
        AllegedEvent(
            communication=communication,
            occurred_on=dt.date(2021, 3, 2),
            description="Задержание на одиночном пикете и административный арест на 10 суток",
            description_en="Detention at a solitary picket and 10 days of administrative arrest",
        ),
        by=lawyer,
    )
    if case.stage != Stage.DRAFTING:
        stdout.write(f"  communications: note, {DEMO_REFERENCE} is at stage {case.stage}\n")
    stdout.write(f"  communications: {DEMO_REFERENCE} ready for a submission package\n")


def decision_document(case, proceeding, lawyer, *, decided_on: str, summary: str, n: int = 1):
    """The court's decision as a short demo PDF (its text says it is a demo), on `proceeding`."""
    title = f"Решение: {proceeding.body_ru or proceeding.body}"
    return document_upload(
        case=case,
        by=lawyer,
        uploaded=SimpleUploadedFile(
            f"decision-{n}.pdf",
            _decision_pdf(
                title,
                proceeding.court_case_number or "—",
                decided_on,
                proceeding.body_ru or proceeding.body,
                summary or "Жалоба оставлена без удовлетворения.",
            ),
            content_type="application/pdf",
        ),
        title=title,
        kind=DocumentKind.DECISION,
        language="ru",
        confidentiality=Confidentiality.NORMAL,
        proceeding=proceeding,
    )


def complete_file_for_drafting(case: Case, lawyer: User, *, summary_ru: str) -> None:
    """Give a demo case on the route what a draft package needs before "Draft the communication".

    Drafting builds the package and is refused while it cannot be built, exactly as for a real
    case; the demo records fictional details (marked as demo content), never real people's.
    Idempotent.
    """
    if Communication.objects.filter(case=case).exists():
        return
    victim_party = case.parties.filter(role=PartyRole.VICTIM, person__isnull=False).first()
    victim = victim_party.person
    victim.birth_date = victim.birth_date or dt.date(1985, 4, 12)
    victim.birth_place = victim.birth_place or "г. Алматы"
    victim.nationality = victim.nationality or "Республика Казахстан"
    victim.nationality_ru = victim.nationality_ru or "Казахстан"
    victim.address = victim.address or "Республика Казахстан, г. Алматы (демонстрационный адрес)"
    case_services.save_audited(victim, by=lawyer, reason="Details for the communication")
    for violation in case.violations.all():
        if not violation.notes:
            violation.notes = (
                f"Вмешательство в право по статье {violation.article.number} Пакта не было "
                "предусмотрено законом и не было необходимым (демонстрационный текст)."
            )
            case_services.save_audited(violation, by=lawyer, reason="Demo: grounds")
    signed = dt.date.fromisoformat(str(case.opened_on)) + dt.timedelta(days=7)
    if not case.authorisations.filter(kind=AuthorisationKind.COMMITTEE_AUTHORISATION).exists():
        case_services.save_audited(
            Authorisation(
                case=case,
                person=victim,
                kind=AuthorisationKind.COMMITTEE_AUTHORISATION,
                signed_on=signed,
            ),
            by=lawyer,
        )
    order = 1
    for proceeding in case.proceedings.filter(decided_on__isnull=False).order_by("decided_on"):
        # The decision recorded with its step, or (a case put on the route later) made now.
        document = proceeding.documents.filter(kind=DocumentKind.DECISION).first()
        if document is None:
            document = decision_document(
                case,
                proceeding,
                lawyer,
                decided_on=proceeding.decided_on.isoformat(),
                summary=proceeding.decision_summary,
                n=order,
            )
        if document.annex_order != order:
            document_describe(
                document=document, by=lawyer, data={"annex_order": order}, reason="Demo: annexed"
            )
        order += 1
    _annex_signed_authorisation(case, victim, lawyer, annex_order=order)
    communication = case_services.save_audited(
        Communication(
            case=case,
            state=StateParty.objects.get(code="KZ"),
            facts=summary_ru,
            remedies_requested="Признать нарушение Пакта; обязать государство предоставить "
            "эффективное средство правовой защиты, включая компенсацию.",
            exhaustion_notes="Все обычные внутренние средства правовой защиты исчерпаны.",
            no_other_procedure_confirmed=True,
            no_other_procedure_confirmed_by=lawyer,
            no_other_procedure_confirmed_on=signed,
        ),
        by=lawyer,
        reason="Demo: communication drafted",
    )
    first = case.proceedings.order_by("filed_on").first()
    case_services.save_audited(
        AllegedEvent(
            communication=communication,
            occurred_on=(first.filed_on if first else signed) - dt.timedelta(days=10),
            description="Нарушение, изложенное в фактах (демонстрационный текст)",
        ),
        by=lawyer,
    )
