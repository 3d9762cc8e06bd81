"""A draft of the next domestic appeal (in Russian) against the case's latest decision.

First-instance decision → appeal (апелляционная жалоба); appellate decision → cassation complaint
(кассационная жалоба). The draft carries the recorded facts, the decision and the Covenant grounds;
the lawyer finishes it. Time limits are the deadlines module's business, not this draft's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from casework.models import AuthorisationKind, Case, Instance, PartyRole, ProcedureType

from . import pdf
from .package import PackageRefused
from .pdf import para, paragraphs
from .texts import long_date

GENERATOR = "Remedy domestic appeal draft 1"

NEXT_STEP = {
    Instance.FIRST_INSTANCE: ("АПЕЛЛЯЦИОННАЯ ЖАЛОБА", "В суд апелляционной инстанции"),
    Instance.APPEAL: ("КАССАЦИОННАЯ ЖАЛОБА", "В суд кассационной инстанции"),
}
DECISION_WORD = {
    Instance.FIRST_INSTANCE: "решение (постановление)",
    Instance.APPEAL: "постановление суда апелляционной инстанции",
}


@dataclass(frozen=True)
class AppealData:
    reference: str
    on: dt.date
    level: str
    procedure_type: str
    body: str
    number: str
    decided_on: dt.date
    decision_summary: str
    appellant: str
    appellant_address: str
    respondent: str
    counsel: str
    organisation: str
    facts: str
    grounds: list[tuple[str, str]]  # (article label, notes)
    has_power_of_attorney: bool


def collect(case: Case, *, on: dt.date) -> AppealData:
    latest = (
        case.proceedings.filter(decided_on__isnull=False).order_by("-decided_on", "-id").first()
    )
    if latest is None:
        raise PackageRefused([_("No decided proceeding is recorded: nothing to appeal against.")])
    if latest.level not in NEXT_STEP:
        raise PackageRefused(
            [
                _(
                    "The latest decision (%(instance)s) is not one this draft appeals: it drafts "
                    "an appeal against a first-instance decision or a cassation complaint against "
                    "an appellate one."
                )
                % {"instance": latest.get_level_display()}
            ]
        )
    missing = []
    parties = list(case.parties.select_related("person"))
    client = next(
        (p.person for p in parties if p.role == PartyRole.CLIENT and p.person_id), None
    ) or next((p.person for p in parties if p.role == PartyRole.VICTIM and p.person_id), None)
    if client is None:
        missing.append(_("Appellant: add the client as a party of the case."))
    lawyer = case.responsible_lawyer
    if lawyer is None:
        missing.append(_("Counsel: assign a responsible lawyer to the case."))
    violations = list(case.violations.select_related("article").order_by("article__number"))
    if not violations:
        missing.append(_("Grounds: record at least one alleged violation of the Covenant."))
    if missing:
        raise PackageRefused(missing)
    respondent = next((p.authority_name for p in parties if p.role == PartyRole.RESPONDENT), "")
    return AppealData(
        reference=case.reference,
        on=on,
        level=latest.level,
        procedure_type=latest.procedure_type,
        body=latest.body,
        number=latest.court_case_number,
        decided_on=latest.decided_on,
        decision_summary=latest.decision_summary.strip(),
        appellant=client.full_name,
        appellant_address=client.address,
        respondent=respondent,
        counsel=lawyer.get_full_name() or lawyer.username,
        organisation=settings.REMEDY_ORGANISATION_NAME,
        facts=case.summary,
        grounds=[
            (f"{v.article.number}" + (f" (пункт {v.paragraph})" if v.paragraph else ""), v.notes)
            for v in violations
        ],
        has_power_of_attorney=case.authorisations.filter(
            kind=AuthorisationKind.POWER_OF_ATTORNEY, withdrawn_on__isnull=True
        ).exists(),
    )


def render(data: AppealData) -> bytes:
    s = pdf.styles()
    title, court = NEXT_STEP[data.level]
    decision = DECISION_WORD[data.level]
    number = f" по делу № {data.number}" if data.number else ""
    header = [court, f"через {data.body}", "", f"Заявитель: {data.appellant}"]
    if data.appellant_address:
        header.append(f"адрес: {data.appellant_address}")
    header.append(f"Представитель: {data.counsel}, {data.organisation}")
    if data.respondent:
        header.append(f"Другая сторона: {data.respondent}")
    story = [para("\n".join(header), s["right"])]
    story += [
        Spacer(1, 8 * mm),
        para(title, s["title"]),
        para(
            f"на {decision} {data.body} от {long_date(data.decided_on, 'ru')}{number}",
            s["subtitle"],
        ),
    ]
    summary = f" {data.decision_summary}" if data.decision_summary else ""
    story.append(
        para(
            f"{long_date(data.decided_on, 'ru')} {data.body} вынесено {decision}{number}.{summary}",
            s["body"],
        )
    )
    story += [para(p, s["body"]) for p in paragraphs(data.facts)]
    story.append(
        para(
            "С указанным судебным актом не согласен(на), считаю его незаконным и необоснованным "
            "по следующим основаниям.",
            s["body"],
        )
    )
    for index, (article, notes) in enumerate(data.grounds, start=1):
        story.append(
            para(
                f"{index}. Судебный акт нарушает право, гарантированное статьёй {article} "
                "Международного пакта о гражданских и политических правах.",
                s["body"],
            )
        )
        story += [para(p, s["numbered"]) for p in paragraphs(notes)]
    story.append(
        para(
            "Согласно пункту 3 статьи 4 Конституции Республики Казахстан международные договоры, "
            "ратифицированные Республикой, имеют приоритет перед её законами; суд обязан "
            "применить Пакт непосредственно.",
            s["body"],
        )
    )
    if data.procedure_type in (ProcedureType.CRIMINAL, ProcedureType.ADMIN_OFFENCE):
        ask = f"{decision.capitalize()} отменить, производство по делу прекратить."
    else:
        ask = (
            f"{decision.capitalize()} отменить и принять новое решение об удовлетворении "
            "требований."
        )
    story += [
        para("На основании изложенного, ПРОШУ:", s["h2"]),
        para(f"1. {ask}", s["numbered"]),
        para("Приложения:", s["h2"]),
        para("1. Копия обжалуемого судебного акта.", s["numbered"]),
    ]
    if data.has_power_of_attorney:
        story.append(para("2. Доверенность представителя.", s["numbered"]))
    story += [
        Spacer(1, 10 * mm),
        para("Дата: ______________        Подпись: ______________________", s["body"]),
        para(f"{data.counsel}", s["small"]),
    ]
    return pdf.build_pdf(
        story,
        when=data.on,
        title=title.capitalize(),
        author=data.organisation,
        subject=data.reference,
        lang="ru",
        watermark="ПРОЕКТ",
        footer=lambda n, total: f"{data.reference} · проект · стр. {n} из {total}",
    )
