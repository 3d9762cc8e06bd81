"""The short, urgent request for interim measures (rule 94) to the Committee, in Russian or English.

Like the package (`package.py`), two steps: `collect(request, ...)` reads the request and the case
into plain data and refuses with the list of what is missing; `render(data)` writes a reproducible
PDF with the same machinery (`pdf.py`). Names are printed in full and in the document's script,
exactly as the package prints them (`package.person_info`): only a user who may see the case's
identities builds it (`services.build_interim_request_document`), a missing form is a note and is
shown marked with its language. The texts (the danger, the measures asked) are the lawyer's own,
per language; a request in a language whose texts are not written is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from casework.models import Case, PartyRole

from . import pdf
from .models import Communication, InterimGrounds, InterimMeasuresRequest
from .package import (
    OHCHR_ADDRESS,
    PackageRefused,
    PersonInfo,
    first_party,
    organisation_name,
    person_info,
    text_forms,
)
from .pdf import para, paragraphs
from .texts import long_date

GENERATOR = "Remedy interim measures request 1"
LANGUAGES = ("ru", "en")

T: dict[str, dict[str, str]] = {
    "urgent": {"en": "URGENT", "ru": "СРОЧНО"},
    "title": {
        "en": "Request for interim measures under rule 94 of the rules of procedure of the "
        "Human Rights Committee",
        "ru": "Просьба о временных мерах в соответствии с правилом 94 правил процедуры "
        "Комитета по правам человека",
    },
    "to": {"en": "To", "ru": "Кому"},
    "from": {"en": "From", "ru": "От"},
    "re": {"en": "Re", "ru": "Касается"},
    "versus": {"en": "{author} v. {state}", "ru": "{author} против {state}"},
    "number": {"en": "communication No. {number}", "ru": "сообщение № {number}"},
    "submitted": {
        "en": "communication submitted on {date}",
        "ru": "сообщение, направленное {date}",
    },
    "not_yet": {
        "en": "communication in preparation; this request precedes it",
        "ru": "сообщение готовится; настоящая просьба направляется до него",
    },
    "request": {
        "en": "On behalf of {victim}, counsel requests the Committee, acting through its Special "
        "Rapporteur on new communications and interim measures, to request the State party, "
        "{state}, under rule 94 of the Committee's rules of procedure, to take the following "
        "interim measures to avoid irreparable damage to the victim while the communication is "
        "under consideration:",
        "ru": "От имени {victim} представитель просит Комитет, действующий через своего "
        "Специального докладчика по новым сообщениям и временным мерам, в соответствии с "
        "правилом 94 правил процедуры Комитета обратиться к государству-участнику, {state}, с "
        "просьбой принять следующие временные меры во избежание непоправимого вреда жертве на "
        "время рассмотрения сообщения:",
    },
    "grounds": {"en": "Grounds: {grounds}", "ru": "Основания: {grounds}"},
    "victim": {"en": "The victim", "ru": "Жертва"},
    "born": {"en": "born on {date}", "ru": "дата рождения: {date}"},
    "nationality": {"en": "nationality: {value}", "ru": "гражданство: {value}"},
    "close": {
        "en": "Counsel remains at the Committee's disposal for any further information and asks "
        "to be informed of the decision on this request as a matter of urgency.",
        "ru": "Представитель готов незамедлительно предоставить Комитету любую дополнительную "
        "информацию и просит срочно сообщить ему о решении по настоящей просьбе.",
    },
    "footer": {
        "en": "{ref} · interim measures · page {n} of {total}",
        "ru": "{ref} · временные меры · стр. {n} из {total}",
    },
}

GROUNDS = {
    InterimGrounds.EXTRADITION: {
        "en": "imminent extradition or deportation",
        "ru": "предстоящая экстрадиция или депортация",
    },
    InterimGrounds.EXECUTION: {
        "en": "imminent execution",
        "ru": "предстоящее исполнение смертного приговора",
    },
    InterimGrounds.HEALTH_IN_DETENTION: {
        "en": "the victim's health in detention",
        "ru": "состояние здоровья жертвы под стражей",
    },
    InterimGrounds.OTHER: {"en": "other irreparable harm", "ru": "иной непоправимый вред"},
}


def t(key: str, lang: str, **values: object) -> str:
    return T[key][lang].format(**values)


@dataclass
class InterimData:
    reference: str
    lang: str
    on: dt.date
    moment: str  # when the document was generated, local time: urgency is counted in hours
    organisation: str
    counsel_name: str
    counsel_email: str
    state_name: str
    state_genitive: str
    communication_line: str
    victim: PersonInfo
    author: PersonInfo
    grounds: str
    explanation: str
    measures: str
    notes: list[str] = field(default_factory=list)


def _communication_line(communication: Communication | None, lang: str) -> str:
    if communication is not None and communication.number:
        return t("number", lang, number=communication.number)
    if communication is not None and communication.submitted_on:
        return t("submitted", lang, date=long_date(communication.submitted_on, lang))
    return t("not_yet", lang)


def collect(request: InterimMeasuresRequest, *, lang: str, on: dt.date) -> InterimData:
    """Read the request and its case; raise PackageRefused listing everything missing."""
    missing: list[str] = []
    notes: list[str] = []
    forms = text_forms(lang, final=False, missing=missing, notes=notes)
    case = (
        Case.objects.filter(pk=request.case_id)
        .select_related("responsible_lawyer")
        .prefetch_related("parties__person")
        .get()
    )
    victim = first_party(case, PartyRole.VICTIM)
    author = first_party(case, PartyRole.AUTHOR) or first_party(case, PartyRole.CLIENT) or victim
    if victim is None:
        missing.append(_("Victim: add the victim as a party of the case."))
    language = _("Russian") if lang == "ru" else _("English")
    explanation = request.text("explanation", lang)
    measures = request.text("measures_sought", lang)
    if not explanation:
        missing.append(
            _("The explanation of the danger is not written in %(language)s.")
            % {"language": language}
        )
    if not measures:
        missing.append(
            _("The measures asked of the State are not written in %(language)s.")
            % {"language": language}
        )
    counsel = case.responsible_lawyer or request.opened_by
    if counsel is None or not counsel.get_full_name().strip():
        missing.append(_("Counsel: assign a responsible lawyer (with a full name) to the case."))
    if missing:
        raise PackageRefused(missing)
    counsel_name = forms.name(
        counsel.name_in(lang), fallback=counsel.get_full_name(), what=_("Counsel's name")
    )
    state = request.state
    state_name = forms.localized(
        state.localized_name(lang), what=_("State “%(state)s”") % {"state": state.name}
    )
    state_genitive = forms.localized(
        state.localized_genitive(lang),
        what=_("State “%(state)s” (genitive)") % {"state": state.name},
    )
    organisation = forms.localized(organisation_name(lang), what=_("The organisation's name"))
    victim_info = person_info(victim, forms, _("Victim"))
    author_info = person_info(author, forms, _("Author")) if author != victim else victim_info
    communication = Communication.objects.filter(case=case).first()
    return InterimData(
        reference=case.reference,
        lang=lang,
        on=on,
        moment=timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"),
        organisation=organisation,
        counsel_name=counsel_name,
        counsel_email=counsel.email,
        state_name=state_name,
        state_genitive=state_genitive,
        communication_line=_communication_line(communication, lang),
        victim=victim_info,
        author=author_info,
        grounds=GROUNDS[InterimGrounds(request.grounds)][lang],
        explanation=explanation,
        measures=measures,
        notes=notes,
    )


def render(data: InterimData) -> bytes:
    lang, s = data.lang, pdf.styles()
    victim = data.victim
    title = t("versus", lang, author=data.author.short(lang), state=data.state_genitive)
    facts = [victim.display(lang)]
    if victim.birth_date:
        facts.append(t("born", lang, date=long_date(victim.birth_date, lang)))
    if victim.nationality:
        facts.append(t("nationality", lang, value=victim.nationality))
    story = [
        para(t("urgent", lang), s["title"]),
        para(t("title", lang), s["subtitle"]),
        para(f"{t('to', lang)}: {OHCHR_ADDRESS}", s["small"]),
        para(f"{t('from', lang)}: {data.counsel_name}, {data.organisation}", s["small"]),
        para(f"{t('re', lang)}: {title} — {data.communication_line}", s["small"]),
        para(f"{long_date(data.on, lang)}, {data.moment}", s["right"]),
        Spacer(1, 4 * mm),
        para(t("request", lang, victim=victim.display(lang), state=data.state_name), s["body"]),
    ]
    story += [para(p, s["numbered"]) for p in paragraphs(data.measures)]
    story.append(para(t("grounds", lang, grounds=data.grounds), s["h2"]))
    story += [para(p, s["body"]) for p in paragraphs(data.explanation)]
    story += [
        para(t("victim", lang), s["h2"]),
        para(", ".join(facts), s["body"]),
        para(t("close", lang), s["body"]),
        Spacer(1, 10 * mm),
        para(data.counsel_name, s["body"]),
        para(
            data.organisation + (f" · {data.counsel_email}" if data.counsel_email else ""),
            s["small"],
        ),
    ]
    return pdf.build_pdf(
        story,
        when=data.on,
        title=t("title", lang),
        author=data.organisation,
        subject=data.reference,
        lang=lang,
        footer=lambda n, total: t("footer", lang, ref=data.reference, n=n, total=total),
    )
