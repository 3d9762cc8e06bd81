"""The submission package to the UN Human Rights Committee.

Two steps, so that missing data never yields a half-built package:
1. `collect(case, ...)` reads the case file into plain dataclasses and lists everything missing;
2. `render(data)` writes the PDFs (OHCHR model complaint form, authorisation, cover letter, index
   of annexes, stamped annexes), the manifest and the zip — all reproducible from the data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from casework.documents import IntegrityFailure, verified_chunks
from casework.models import (
    AuthorisationKind,
    Case,
    DocumentKind,
    Instance,
    PartyRole,
    Person,
)
from casework.names import Localized

from . import pdf
from .models import Communication
from .pdf import para, paragraphs
from .texts import (
    COMMITTEE_LANGUAGES,
    DOCUMENT_KIND_LABELS,
    INSTANCE_LABELS,
    LANGUAGE_LABELS,
    OUTCOME_LABELS,
    PROCEDURE_STATUS_LABELS,
    label,
    long_date,
    t,
)

GENERATOR = "Remedy communications package 1"
SUMMARY_AFTER_PAGES = 20  # OHCHR guidance: more than 20 pages needs a short summary
MAX_PAGES = 50  # OHCHR guidance: at most 50 pages without annexes

OHCHR_ADDRESS = (
    "Petitions Team\nOffice of the United Nations High Commissioner for Human Rights\n"
    "United Nations Office at Geneva\n1211 Geneva 10, Switzerland"
)


class PackageRefused(Exception):
    """The package cannot be built; `problems` lists exactly what is missing or wrong."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class PersonInfo:
    name: str  # in the package's script (Cyrillic for Russian, Latin for English)
    name_as_written: str
    name_latin: str
    nationality: str
    birth_date: dt.date | None
    birth_place: str
    address: str

    def display(self, lang: str) -> str:
        if self.name_as_written and self.name_as_written != self.name:
            return f"{self.name} ({self.name_as_written})"
        return self.name

    def short(self, lang: str) -> str:
        return self.name


@dataclass(frozen=True)
class ProceedingInfo:
    level: str
    body: str
    number: str
    filed_on: dt.date
    decided_on: dt.date | None
    outcome: str
    claims_raised: str = ""
    covenant_invoked: bool | None = None


@dataclass(frozen=True)
class ViolationInfo:
    article: int
    paragraph: str
    title: str
    read_with: int | None
    notes: str
    untranslated: bool = False  # the argument is shown in the other language (a draft only)

    @property
    def label(self) -> str:
        return f"{self.article}({self.paragraph})" if self.paragraph else str(self.article)


@dataclass(frozen=True)
class EventInfo:
    occurred_on: dt.date
    continuing: bool
    description: str


@dataclass(frozen=True)
class ProcedureInfo:
    body: str
    reference: str
    status: str
    concluded_on: dt.date | None


@dataclass(frozen=True)
class AnnexInfo:
    number: int
    title: str
    kind: str
    language: str
    pdf: bytes  # stamped
    pages: int
    translation_of: int | None = None  # the annex number this one translates


@dataclass
class PackageData:
    reference: str
    lang: str
    final: bool
    on: dt.date
    place: str
    organisation: str
    counsel_name: str
    counsel_email: str
    state_code: str
    state_name: str  # nominative, in the package's language
    op_in_force_on: dt.date | None
    author: PersonInfo
    victim: PersonInfo
    author_is_victim: bool
    authorisation_signed_on: dt.date | None
    no_authorisation_reason: str
    violations: list[ViolationInfo]
    proceedings: list[ProceedingInfo]
    events: list[EventInfo]
    other_procedures: list[ProcedureInfo]
    facts: str
    remedies: str
    summary: str
    exhaustion_notes: str
    annexes: list[AnnexInfo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # non-blocking remarks for the author
    state_genitive: str = ""  # "Казахстана": Russian declines the State's name
    # The annex that holds the victim's signed authorisation; None when it is not annexed.
    authorisation_annex: int | None = None
    # Counsel confirmed that no other international procedure examines the matter (OP 5(2)(a)).
    no_other_procedure_confirmed: bool = False
    untranslated: set[str] = field(default_factory=set)  # texts shown in another language

    @property
    def watermark(self) -> str | None:
        return None if self.final else t("draft", self.lang)

    def state_label(self) -> str:
        return self.state_name

    def state_against(self) -> str:
        """The State after "против" / "v.": the genitive in Russian, the name in English."""
        return self.state_genitive or self.state_name


@dataclass
class PackageResult:
    zip_bytes: bytes
    files: dict[str, bytes]
    manifest: dict
    communication_pages: int
    notes: list[str]


# --- 1. collecting the data --------------------------------------------------------------------


def _language_name(lang: str) -> str:
    return {"ru": _("Russian"), "en": _("English"), "kk": _("Kazakh")}.get(lang, lang)


class _Forms:
    """Picks each name and text in the package's language and lists what has no such form.

    A missing form is never silently replaced: on a final package it is a listed problem; on a
    draft it is a note, and the draft shows the other form marked with its language.
    """

    def __init__(self, lang: str, final: bool, missing: list[str], notes: list[str]) -> None:
        self.lang, self.final, self.missing, self.notes = lang, final, missing, notes

    def gap(self, message: str) -> None:
        (self.missing if self.final else self.notes).append(message)

    def name(
        self, value: str | None, *, fallback: str, what: str, fallback_lang: str | None = None
    ) -> str:
        """`value`, or `fallback` marked with its language (or "as written") and listed."""
        if value:
            return value
        self.gap(
            _("%(what)s: no %(language)s form is recorded (the draft shows “%(fallback)s”).")
            % {"what": what, "language": _language_name(self.lang), "fallback": fallback}
        )
        return f"{fallback} [{fallback_lang or t('as_written', self.lang)}]"

    def localized(self, value: Localized, *, what: str) -> str:
        if not value.fallback:
            return value.text
        return self.name(None, fallback=value.text, fallback_lang=value.lang, what=what)

    def text(self, value: str, *, other: str, what: str) -> tuple[str, bool]:
        """A text of the communication: (text to print, whether it is in another language)."""
        if value:
            return value, False
        if not other:
            return "", False
        self.gap(
            _("%(what)s is not written in %(language)s.")
            % {"what": what, "language": _language_name(self.lang)}
        )
        return other, True


def text_forms(lang: str, *, final: bool, missing: list[str], notes: list[str]) -> _Forms:
    """The package's picker of names and texts per language, for the other filings of the app."""
    return _Forms(lang, final, missing, notes)


def organisation_name(lang: str) -> Localized:
    """The organisation's name in `lang` (settings), or the English one marked as a fallback."""
    names = {
        "en": settings.REMEDY_ORGANISATION_NAME,
        "ru": settings.REMEDY_ORGANISATION_NAME_RU,
        "kk": settings.REMEDY_ORGANISATION_NAME_KK,
    }
    if (names.get(lang) or "").strip():
        return Localized(names[lang].strip(), lang)
    return Localized(names["en"], "en", fallback=lang != "en")


def person_info(person: Person, forms: _Forms, role_label: str) -> PersonInfo:
    """A person as a filing prints them: full name in the filing's script, as the package does."""
    lang = forms.lang
    as_written = person.full_name.strip()
    name = forms.name(
        person.name_in(lang),
        fallback=as_written,
        what=_("%(role)s: full name in %(script)s script")
        % {"role": role_label, "script": _("Latin") if lang == "en" else _("Cyrillic")},
    )
    nationality = ""
    if person.nationality.strip():
        nationality = forms.name(
            person.nationality_in(lang),
            fallback=person.nationality.strip(),
            what=_("%(role)s: nationality") % {"role": role_label},
        )
    birth_place = ""
    if person.birth_place.strip():
        birth_place = forms.name(
            person.birth_place_in(lang),
            fallback=person.birth_place.strip(),
            what=_("%(role)s: place of birth") % {"role": role_label},
        )
    return PersonInfo(
        name=name,
        name_as_written=as_written,
        name_latin=person.full_name_latin.strip(),
        nationality=nationality,
        birth_date=person.birth_date,
        birth_place=birth_place,
        address=person.address.strip(),
    )


def _article_title(article, lang: str) -> str:
    """The article's descriptive title in `lang`; none rather than another language's."""
    title = article.localized_title(lang)
    return "" if title.fallback else title.text


def first_party(case: Case, role: str) -> Person | None:
    """The person of the case's first party with `role` (parties prefetched)."""
    party = next((p for p in case.parties.all() if p.role == role and p.person_id), None)
    return party.person if party else None


# What may differ between the approved draft and the final package built from the same data:
# the draft/final flag, the day it is dated, the remarks to the author and the texts a draft
# shows in another language; the annexes' stamped bytes are compared by what they hold.
_NOT_DATA = ("final", "on", "notes", "untranslated")


def data_fingerprint(data: PackageData) -> str:
    """SHA-256 of what the package says: equal for a draft and a final package of the same file.

    A final package must say exactly what the supervisor approved (four eyes): the approval keeps
    the draft's fingerprint and a final package is accepted only with the same one.
    """

    def plain(value):
        if isinstance(value, AnnexInfo):
            return {
                "number": value.number,
                "title": value.title,
                "kind": value.kind,
                "language": value.language,
                "pages": value.pages,
                "translation_of": value.translation_of,
            }
        if hasattr(value, "__dataclass_fields__"):
            return {
                name: plain(getattr(value, name))
                for name in value.__dataclass_fields__
                if name != "untranslated"
            }
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        if isinstance(value, set):
            return sorted(str(item) for item in value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    fields = {
        name: plain(getattr(data, name))
        for name in data.__dataclass_fields__
        if name not in _NOT_DATA
    }
    encoded = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def collect(case: Case, *, lang: str, final: bool, on: dt.date) -> PackageData:
    """Read everything the package needs; raise PackageRefused listing all that is missing."""
    missing: list[str] = []
    notes: list[str] = []
    forms = _Forms(lang, final, missing, notes)
    other_lang = "ru" if lang == "en" else "en"
    communication = Communication.objects.select_related("state").filter(case=case).first()
    if communication is None:
        raise PackageRefused(
            [_("No communication is recorded for this case: record the State party first.")]
        )

    case = (
        Case.objects.filter(pk=case.pk)
        .select_related("branch", "responsible_lawyer")
        .prefetch_related("parties__person")
        .get()
    )
    victim = first_party(case, PartyRole.VICTIM)
    author = first_party(case, PartyRole.AUTHOR) or first_party(case, PartyRole.CLIENT) or victim
    if victim is None:
        missing.append(_("Victim: add the victim as a party of the case."))
    if author is None:
        missing.append(_("Author: add the author (or the client) as a party of the case."))

    def require_person(person: Person | None, role_label: str, fields: list[str]) -> None:
        if person is None:
            return
        checks = {
            "full_name": (person.full_name.strip(), _("full name")),
            "nationality": (person.nationality.strip(), _("nationality")),
            "birth_date": (person.birth_date, _("date of birth")),
            "address": (person.address.strip(), _("address")),
        }
        for name in fields:
            value, label_text = checks[name]
            if not value:
                missing.append(
                    _("%(role)s: %(field)s is missing.") % {"role": role_label, "field": label_text}
                )

    require_person(author, _("Author"), ["full_name", "nationality", "birth_date", "address"])
    if victim is not None and victim != author:
        require_person(victim, _("Victim"), ["full_name", "nationality", "birth_date"])

    lawyer = case.responsible_lawyer
    if lawyer is None or not lawyer.get_full_name().strip():
        missing.append(_("Counsel: assign a responsible lawyer (with a full name) to the case."))

    violations = []
    for v in case.violations.select_related("article", "read_with").order_by(
        "article__number", "paragraph", "id"
    ):
        label_text = f"{v.article.number}({v.paragraph})" if v.paragraph else str(v.article.number)
        ru_notes, en_notes = v.notes.strip(), v.notes_en.strip()
        argument, in_other = forms.text(
            en_notes if lang == "en" else ru_notes,
            other=ru_notes if lang == "en" else en_notes,
            what=_("The argument on article %(article)s") % {"article": label_text},
        )
        violations.append(
            ViolationInfo(
                article=v.article.number,
                paragraph=v.paragraph,
                title=_article_title(v.article, lang),
                read_with=v.read_with.number if v.read_with_id else None,
                notes=argument,
                untranslated=in_other,
            )
        )
    if not violations:
        missing.append(_("Articles: record at least one alleged violation of the Covenant."))

    records = list(case.proceedings.order_by("filed_on", "id"))
    proceedings = []
    for p in records:
        level_label = Instance(p.level).label if p.level in Instance.values else p.level
        what = _("Court “%(body)s” (%(instance)s)") % {"body": p.body, "instance": level_label}
        if p.covenant_invoked is None:
            forms.gap(
                _(
                    "Exhaustion: record for %(what)s which claims were raised and whether the "
                    "Covenant was invoked (section III)."
                )
                % {"what": what}
            )
        proceedings.append(
            ProceedingInfo(
                level=p.level,
                body=forms.name(p.body_in(lang), fallback=p.body, what=what),
                number=p.court_case_number,
                filed_on=p.filed_on,
                decided_on=p.decided_on,
                outcome=p.outcome,
                claims_raised=p.claims_raised,
                covenant_invoked=p.covenant_invoked,
            )
        )
    if not proceedings:
        missing.append(_("Exhaustion: record the domestic proceedings (section III)."))
    else:
        # OP art. 5(2)(b): the substance of each claim must have been put to the domestic courts.
        raised = {number for p in records for number in p.claimed_articles}
        recorded = any(p.covenant_invoked is not None or p.claims_raised for p in records)
        for v in violations:
            if recorded and v.article not in raised:
                notes.append(
                    _(
                        "Article %(article)s was not raised before any domestic instance: the "
                        "Committee may find that claim inadmissible for non-exhaustion."
                    )
                    % {"article": v.label}
                )

    texts: dict[str, str] = {}
    untranslated: set[str] = set()
    for name, what in (
        ("facts", _("The statement of facts")),
        ("remedies_requested", _("The remedies requested")),
        ("summary", _("The summary")),
        ("exhaustion_notes", _("The explanation of exhaustion")),
    ):
        texts[name], shown_other = forms.text(
            communication.text(name, lang), other=communication.text(name, other_lang), what=what
        )
        if shown_other:
            untranslated.add(name)
    if not texts["facts"]:
        missing.append(_("Facts: write the statement of facts of the communication (section IV)."))
    if not texts["remedies_requested"]:
        missing.append(_("Remedies: write the remedies requested from the Committee."))

    annexes, annexed_documents = _collect_annexes(case, missing, notes, final=final, lang=lang)

    authorisation = None
    if victim is not None:
        authorisation = (
            case.authorisations.filter(
                person=victim, kind=AuthorisationKind.COMMITTEE_AUTHORISATION
            )
            .order_by("-signed_on", "-id")
            .first()
        )
    signed_on = (
        authorisation.signed_on if authorisation and authorisation.is_in_force(on=on) else None
    )
    # "Enclosed" only when the signed document itself is among the annexes (OHCHR checklist).
    authorisation_annex = None
    if signed_on and authorisation.document_id:
        authorisation_annex = annexed_documents.get(authorisation.document_id)
    reason = ""
    if authorisation_annex is None:  # the reason matters only without the signed authorisation
        reason, shown_other = forms.text(
            communication.text("no_authorisation_reason", lang),
            other=communication.text("no_authorisation_reason", other_lang),
            what=_("The reason why there is no signed authorisation"),
        )
        if shown_other:
            untranslated.add("no_authorisation_reason")
    if authorisation_annex is None and not reason:
        if signed_on:
            problem = _(
                "Authorisation: the victim's authorisation of %(date)s is recorded, but its signed "
                "document is not among the annexes: link the signed scan to the authorisation and "
                "give it an annex number."
            ) % {"date": signed_on.isoformat()}
        else:
            problem = _(
                "Authorisation: a final package needs the victim's signed authorisation to act "
                "before the Committee (in force) among the annexes, or the reason why the victim "
                "cannot sign."
            )
        (missing if final else notes).append(problem)

    other_procedures = [
        ProcedureInfo(p.body, p.reference, p.status, p.concluded_on)
        for p in communication.other_procedures.order_by("id")
    ]
    if not other_procedures and not communication.no_other_procedure_confirmed:
        (missing if final else notes).append(
            _(
                "Other procedures: the package can say that the matter was not submitted to "
                "another international procedure only when counsel confirms it (communication "
                "text), or record the procedures."
            )
        )

    state = communication.state
    state_name = forms.localized(
        state.localized_name(lang), what=_("State party “%(name)s”") % {"name": state.name}
    )
    state_genitive = ""
    if lang != "en":
        state_genitive = forms.localized(
            state.localized_genitive(lang),
            what=_("State party “%(name)s”, genitive") % {"name": state.name},
        )
    organisation = forms.localized(organisation_name(lang), what=_("The organisation's name"))
    place = forms.localized(
        case.branch.localized_city(lang),
        what=_("Branch city “%(city)s”") % {"city": case.branch.city},
    )
    counsel_name = ""
    if lawyer is not None:
        counsel_name = forms.name(
            lawyer.name_in(lang),
            fallback=lawyer.get_full_name(),
            what=_("Counsel's name"),
        )

    author_info = person_info(author, forms, _("Author")) if author else None
    victim_info = person_info(victim, forms, _("Victim")) if victim else None
    events = []
    for e in communication.events.order_by("occurred_on", "id"):
        ru_text, en_text = e.description.strip(), e.description_en.strip()
        description, in_other = forms.text(
            en_text if lang == "en" else ru_text,
            other=ru_text if lang == "en" else en_text,
            what=_("The event of %(date)s") % {"date": e.occurred_on.isoformat()},
        )
        if in_other:
            description += f" [{other_lang}]"
        events.append(EventInfo(e.occurred_on, e.continuing, description))

    if missing:
        raise PackageRefused(missing)

    return PackageData(
        reference=case.reference,
        lang=lang,
        final=final,
        on=on,
        place=place,
        organisation=organisation,
        counsel_name=counsel_name,
        counsel_email=lawyer.email,
        state_code=state.code,
        state_name=state_name,
        state_genitive=state_genitive,
        op_in_force_on=state.op_in_force_on,
        author=author_info,
        victim=victim_info,
        author_is_victim=author == victim,
        authorisation_signed_on=signed_on,
        authorisation_annex=authorisation_annex,
        no_authorisation_reason=reason,
        violations=violations,
        proceedings=proceedings,
        events=events,
        other_procedures=other_procedures,
        no_other_procedure_confirmed=communication.no_other_procedure_confirmed,
        facts=texts["facts"],
        remedies=texts["remedies_requested"],
        summary=texts["summary"],
        exhaustion_notes=texts["exhaustion_notes"],
        annexes=annexes,
        notes=notes,
        untranslated=untranslated,
    )


def _collect_annexes(
    case: Case, missing: list[str], notes: list[str], *, final: bool, lang: str
) -> tuple[list[AnnexInfo], dict[int, int]]:
    """The stamped annexes, and which annex holds each document (by it or an earlier version)."""
    # The current version of each annexed document: a superseded one is never filed.
    documents = list(
        case.documents.filter(annex_order__isnull=False, next_version__isnull=True).order_by(
            "annex_order", "id"
        )
    )
    if not documents:
        missing.append(_("Annexes: choose the case documents to annex (set their annex number)."))
        return [], {}
    annexed_documents: dict[int, int] = {}
    for document in documents:
        version = document
        while version is not None:  # an authorisation may point at an earlier scan
            annexed_documents.setdefault(version.pk, document.annex_order)
            version = version.previous_version
    seen: dict[int, int] = {}
    for document in documents:
        if document.annex_order in seen:
            missing.append(
                _("Annexes: two documents share annex number %(n)s.") % {"n": document.annex_order}
            )
        seen[document.annex_order] = document.pk
    numbers = sorted(seen)
    if numbers != list(range(1, len(numbers) + 1)):
        missing.append(
            _("Annexes: number them 1 to %(count)s without gaps (now: %(numbers)s).")
            % {"count": len(numbers), "numbers": ", ".join(str(n) for n in numbers)}
        )
    number_of = {document.pk: document.annex_order for document in documents}
    annexes: list[AnnexInfo] = []
    for document in documents:
        number = document.annex_order
        try:
            data = b"".join(verified_chunks(document))
        except IntegrityFailure:
            missing.append(
                _(
                    "Annex %(n)s: the file of “%(title)s” cannot be read or does not match its "
                    "recorded hash."
                )
                % {"n": number, "title": document.title}
            )
            continue
        kind = pdf.sniff(data)
        try:
            if kind in ("png", "jpeg"):
                try:
                    data = pdf.image_to_pdf(data, when=document.uploaded_at.date())
                except OSError:  # a truncated image fails only when reportlab decodes it
                    raise pdf.PdfInputError(
                        _("the image cannot be read (it is damaged or truncated)")
                    ) from None
            elif kind != "pdf":
                raise pdf.PdfInputError(_("only PDF, PNG and JPEG files can be annexed"))
            stamped, pages = pdf.stamp_annex(
                data,
                number,
                title=t("annex_title", lang, n=number),
                label=lambda page, total, n=number: t(
                    "annex_stamp", lang, n=n, page=page, total=total
                ),
            )
        except pdf.PdfInputError as exc:
            missing.append(
                _("Annex %(n)s (“%(title)s”): %(problem)s.")
                % {"n": number, "title": document.title, "problem": exc}
            )
            continue
        translation_of = number_of.get(document.translation_of_id)
        annexes.append(
            AnnexInfo(
                number=number,
                title=document.title,
                kind=document.kind,
                language=document.language,
                pdf=stamped,
                pages=pages,
                translation_of=translation_of,
            )
        )
    translated = {a.translation_of for a in annexes if a.translation_of}
    for annex in annexes:
        if annex.language not in COMMITTEE_LANGUAGES and annex.number not in translated:
            text = _(
                "Annex %(n)s is not in English, French, Russian or Spanish: annex a translation "
                "or a summary of it."
            ) % {"n": annex.number}
            (missing if final else notes).append(text)
    return annexes, annexed_documents


# --- 2. rendering -------------------------------------------------------------------------------

_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a8a8a")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9edf3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
)
_KEY_VALUE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a8a8a")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f5f8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)
_WIDTH = pdf.PAGE_SIZE[0] - 2 * pdf.MARGIN


def _table(rows: list[list[str]], widths: list[float], *, header: bool = True) -> Table:
    s = pdf.styles()
    cells = [
        [para(str(value), s["cell_bold"] if header and i == 0 else s["cell"]) for value in row]
        for i, row in enumerate(rows)
    ]
    table = Table(
        cells,
        colWidths=[w * _WIDTH for w in widths],
        repeatRows=1 if header else 0,
        splitInRow=1,  # a very long cell (an address, a body's name) continues on the next page
    )
    table.setStyle(_GRID if header else _KEY_VALUE)
    return table


def _person_table(person: PersonInfo, lang: str) -> Table:
    birth = long_date(person.birth_date, lang)
    if person.birth_place:
        birth = f"{birth}, {person.birth_place}"
    rows = [[t("name", lang), person.name]]
    if person.name_as_written and person.name_as_written != person.name:
        rows.append([t("name_written", lang), person.name_as_written])
    if lang != "en" and person.name_latin and person.name_latin != person.name:
        rows.append([t("name_latin", lang), person.name_latin])
    rows += [
        [t("nationality", lang), person.nationality or "—"],
        [t("birth", lang), birth],
        [t("address", lang), person.address or "—"],
    ]
    return _table(rows, [0.32, 0.68], header=False)


def _article_text(v: ViolationInfo, lang: str) -> str:
    text = t("article", lang, label=v.label)
    if v.title:
        text += f" — {v.title}"
    if v.read_with:
        text += ", " + t("read_with", lang, n=v.read_with)
    return text


def _articles_inline(data: PackageData) -> str:
    labels = ", ".join(v.label for v in data.violations)
    if data.lang == "ru":
        return f"статей {labels}" if len(data.violations) > 1 else f"статьи {labels}"
    return f"article{'s' if len(data.violations) > 1 else ''} {labels}"


def _footer(data: PackageData, name: str):
    def footer(n: int, total: int) -> str:
        return f"{name} · {data.reference} · " + t("page_of", data.lang, n=n, total=total)

    return footer


def _build(data: PackageData, story: list, *, title: str, name: str) -> bytes:
    return pdf.build_pdf(
        story,
        when=data.on,
        title=title,
        author=data.organisation,
        subject=data.reference,
        lang=data.lang,
        watermark=data.watermark,
        footer=_footer(data, name),
    )


def _texts(data: PackageData, name: str, text: str, style: str = "body") -> list:
    """The paragraphs of a communication text, opened by a marker when it is in another language."""
    s = pdf.styles()
    story = [para(t("untranslated", data.lang), s["body"])] if name in data.untranslated else []
    return story + [para(p, s[style]) for p in paragraphs(text)]


def _summary_story(data: PackageData) -> list:
    lang, s = data.lang, pdf.styles()
    last = max(
        (p for p in data.proceedings if p.decided_on), key=lambda p: p.decided_on, default=None
    )
    rows = [
        [t("author", lang), data.author.display(lang)],
        [t("victim", lang), data.victim.display(lang)],
        [t("state_party", lang), data.state_label()],
        [t("articles", lang), "; ".join(_article_text(v, lang) for v in data.violations)],
    ]
    if last:
        rows.append(
            [
                t("last_decision", lang),
                f"{label(INSTANCE_LABELS, last.level, lang)}, {last.body}, "
                f"{long_date(last.decided_on, lang)}",
            ]
        )
    remedies = paragraphs(data.remedies)
    rows.append([t("remedies", lang), remedies[0] if remedies else "—"])
    story = [
        para(t("summary", lang), s["h1"]),
        para(t("summary_intro", lang), s["body"]),
        _table(rows, [0.3, 0.7], header=False),
        Spacer(1, 4 * mm),
    ]
    story += _texts(data, "summary", data.summary)
    story.append(PageBreak())
    return story


def _communication_story(data: PackageData, *, with_summary: bool) -> list:
    lang, s = data.lang, pdf.styles()
    story: list = [
        para(t("comm_title", lang), s["title"]),
        para(t("comm_subtitle", lang), s["subtitle"]),
        para(
            t("versus", lang, author=data.author.short(lang), state=data.state_against()),
            s["title"],
        ),
        para(f"{t('date_of_communication', lang)}: {long_date(data.on, lang)}", s["subtitle"]),
    ]
    if with_summary:
        story += _summary_story(data)

    # I. Author and victim
    story += [para(t("s1", lang), s["h1"]), para(t("author", lang), s["h2"])]
    story.append(_person_table(data.author, lang))
    story.append(Spacer(1, 3 * mm))
    if data.author_is_victim:
        story.append(para(t("self", lang), s["body"]))
    else:
        story += [
            para(t("on_behalf", lang), s["body"]),
            para(t("victim", lang), s["h2"]),
            _person_table(data.victim, lang),
            Spacer(1, 3 * mm),
        ]
    if data.authorisation_annex is not None:
        signed = long_date(data.authorisation_signed_on, lang)
        story.append(
            para(t("authorised", lang, date=signed, n=data.authorisation_annex), s["body"])
        )
    elif data.no_authorisation_reason:
        story.append(para(t("no_authorisation", lang), s["body"]))
        story += _texts(data, "no_authorisation_reason", data.no_authorisation_reason, "numbered")
    else:  # a draft only: a final package is refused without one of the two (collect)
        story.append(para(t("authorisation_not_enclosed", lang), s["body"]))
    counsel = f"{data.counsel_name}, {data.organisation}"
    if data.counsel_email:
        counsel += f", {data.counsel_email}"
    story.append(para(f"{t('counsel', lang)}: {counsel}", s["body"]))
    story.append(para(f"{t('correspondence', lang)}: {counsel}", s["body"]))

    # II. State and articles
    story += [para(t("s2", lang), s["h1"])]
    state_line = f"{t('state_party', lang)}: {data.state_label()}."
    if data.op_in_force_on:
        state_line += " " + t("op_in_force", lang, date=long_date(data.op_in_force_on, lang))
    story.append(para(state_line, s["body"]))
    story.append(para(t("articles", lang) + ":", s["body"]))
    story += [para(f"• {_article_text(v, lang)}", s["numbered"]) for v in data.violations]

    # III. Exhaustion and other procedures
    story += [para(t("s3", lang), s["h1"]), para(t("domestic_steps", lang), s["body"])]
    rows = [
        [
            t("col_instance", lang),
            t("col_body", lang),
            t("col_number", lang),
            t("col_filed", lang),
            t("col_decided", lang),
            t("col_outcome", lang),
        ]
    ]
    for p in data.proceedings:
        rows.append(
            [
                label(INSTANCE_LABELS, p.level, lang),
                p.body,
                p.number or "—",
                p.filed_on.isoformat(),
                p.decided_on.isoformat() if p.decided_on else t("not_decided", lang),
                label(OUTCOME_LABELS, p.outcome, lang),
            ]
        )
    story.append(_table(rows, [0.15, 0.27, 0.16, 0.13, 0.13, 0.16]))
    story.append(Spacer(1, 3 * mm))
    # OP art. 5(2)(b): what was put to each instance, and whether the Covenant itself was.
    story.append(para(t("claims_intro", lang), s["body"]))
    rows = [[t("col_instance", lang), t("col_body", lang), t("col_claims", lang)]]
    rows[0].append(t("col_covenant", lang))
    for p in data.proceedings:
        invoked = {True: t("yes", lang), False: t("no", lang)}.get(
            p.covenant_invoked, t("not_recorded", lang)
        )
        claims = p.claims_raised or (
            "—" if p.covenant_invoked is not None else t("not_recorded", lang)
        )
        rows.append([label(INSTANCE_LABELS, p.level, lang), p.body, claims, invoked])
    story.append(_table(rows, [0.17, 0.38, 0.27, 0.18]))
    story.append(Spacer(1, 3 * mm))
    story += _texts(data, "exhaustion_notes", data.exhaustion_notes)
    # Committee practice on Kazakhstan: supervisory review is never a remedy to exhaust.
    story.append(para(t("not_required", lang), s["body"]))
    story.append(para(t("other_procedures", lang), s["h2"]))
    if data.other_procedures:
        for p in data.other_procedures:
            story.append(
                para(
                    t(
                        "other_procedure_row",
                        lang,
                        body=p.body,
                        ref=f" ({p.reference})" if p.reference else "",
                        status=label(PROCEDURE_STATUS_LABELS, p.status, lang),
                        date=f", {long_date(p.concluded_on, lang)}" if p.concluded_on else "",
                    ),
                    s["body"],
                )
            )
    elif data.no_other_procedure_confirmed:  # only on counsel's recorded word
        story.append(para(t("no_other_procedure", lang), s["body"]))
    else:  # a draft only: a final package is refused without the confirmation (collect)
        story.append(para(t("other_unconfirmed", lang), s["body"]))

    # IV. Facts
    story.append(para(t("s4", lang), s["h1"]))
    if data.events:
        story.append(para(t("chronology", lang), s["h2"]))
        rows = [[t("col_date", lang), t("col_event", lang)]]
        for e in data.events:
            suffix = f" ({t('continuing', lang)})" if e.continuing else ""
            rows.append([long_date(e.occurred_on, lang), e.description + suffix])
        story.append(_table(rows, [0.22, 0.78]))
        story.append(para(t("statement_of_facts", lang), s["h2"]))
    if "facts" in data.untranslated:
        story.append(para(t("untranslated", lang), s["body"]))
    for number, text in enumerate(paragraphs(data.facts), start=1):
        story.append(para(f"{number}. {text}", s["body"]))
    argued = [v for v in data.violations if v.notes]
    if argued:
        story.append(para(t("violations", lang), s["h2"]))
        for v in argued:
            story.append(para(_article_text(v, lang), s["h2"]))
            if v.untranslated:
                story.append(para(t("untranslated", lang), s["body"]))
            story += [para(p, s["body"]) for p in paragraphs(v.notes)]

    # Remedies requested
    story.append(para(t("remedies", lang), s["h1"]))
    story += _texts(data, "remedies_requested", data.remedies)

    # V. Checklist
    story += [para(t("s5", lang), s["h1"]), para(t("copies_note", lang), s["body"])]
    story.append(_table(_checklist_rows(data), [0.6, 0.15, 0.25]))

    # Signature
    story.append(
        KeepTogether(
            [
                para(t("signature", lang), s["h1"]),
                para(
                    t("place_date", lang, place=data.place, date=long_date(data.on, lang)),
                    s["body"],
                ),
                Spacer(1, 8 * mm),
                para(t("signature_line", lang), s["body"]),
                para(f"{data.counsel_name}, {data.organisation}", s["small"]),
            ]
        )
    )
    return story


def _checklist_rows(data: PackageData) -> list[list[str]]:
    lang = data.lang

    def numbers(kinds: tuple[str, ...]) -> list[int]:
        return [a.number for a in data.annexes if a.kind in kinds]

    items = [
        ("chk_authorisation", []),
        ("chk_decisions", numbers((DocumentKind.DECISION,))),
        ("chk_complaints", numbers((DocumentKind.COMPLAINT,))),
        ("chk_other", numbers((DocumentKind.SUBMISSION, DocumentKind.COMMITTEE))),
        ("chk_evidence", numbers((DocumentKind.EVIDENCE, DocumentKind.CORRESPONDENCE))),
        ("chk_translations", [a.number for a in data.annexes if a.translation_of]),
    ]
    rows = [[t("col_document", lang), t("col_enclosed", lang), t("col_annexes", lang)]]
    for key, found in items:
        names = [str(n) for n in found]
        if key == "chk_authorisation":
            # Ticked only for the victim's signed authorisation itself among the annexes; the
            # unsigned form (authorization.pdf) is not a signed authorisation.
            if data.authorisation_annex is not None:
                names = [str(data.authorisation_annex)]
            elif data.no_authorisation_reason:
                names = [t("chk_auth_reason", lang)]
            else:
                names = [t("chk_auth_unsigned", lang)]
            enclosed = data.authorisation_annex is not None
        else:
            enclosed = bool(names)
        annex_text = ", ".join(names) or "—"
        rows.append([t(key, lang), t("yes" if enclosed else "no", lang), annex_text])
    return rows


def render_communication(data: PackageData) -> tuple[bytes, int]:
    """The communication; with a summary when it exceeds 20 pages. Returns (pdf, page count)."""
    title = t("comm_title", data.lang)
    body = _build(
        data, _communication_story(data, with_summary=False), title=title, name="communication.pdf"
    )
    pages = pdf.page_count(body)
    if pages > SUMMARY_AFTER_PAGES:
        body = _build(
            data,
            _communication_story(data, with_summary=True),
            title=title,
            name="communication.pdf",
        )
        pages = pdf.page_count(body)
    return body, pages


def render_authorisation(data: PackageData) -> bytes:
    lang, s, v = data.lang, pdf.styles(), data.victim
    articles = t("auth_articles", lang, list=", ".join(x.label for x in data.violations))
    text = t(
        "auth_text",
        lang,
        name=v.display(lang),
        birth=long_date(v.birth_date, lang),
        place=f", {v.birth_place}" if v.birth_place else "",
        nationality=v.nationality or "—",
        address=v.address or "______________________",
        counsel=data.counsel_name,
        organisation=data.organisation,
        state=data.state_label(),
        articles=articles,
    )
    story = [
        para(t("auth_title", lang), s["title"]),
        Spacer(1, 8 * mm),
        para(text, s["body"]),
        Spacer(1, 6 * mm),
        para(t("auth_anonymity", lang), s["body"]),
        Spacer(1, 14 * mm),
        para(t("auth_signature", lang), s["body"]),
        para(v.display(lang), s["small"]),
    ]
    return _build(data, story, title=t("auth_title", lang), name="authorization.pdf")


def render_cover_letter(data: PackageData, communication_pages: int) -> bytes:
    lang, s = data.lang, pdf.styles()
    title = t("versus", lang, author=data.author.short(lang), state=data.state_against())
    story = [
        para(data.organisation, s["h1"]),
        para(f"{data.place}, {long_date(data.on, lang)}", s["right"]),
        Spacer(1, 4 * mm),
        _table(
            [
                [t("to", lang), OHCHR_ADDRESS + _petitions_email()],
                [t("from", lang), f"{data.counsel_name}, {data.organisation}"],
                [t("re", lang), t("cover_subject", lang, title=title)],
            ],
            [0.15, 0.85],
            header=False,
        ),
        Spacer(1, 6 * mm),
        para(t("cover_salutation", lang), s["body"]),
        para(
            t(
                "cover_body",
                lang,
                author=data.author.display(lang),
                state=data.state_label(),
                articles=_articles_inline(data),
            ),
            s["body"],
        ),
        para(
            t("cover_enclosures", lang, pages=communication_pages, annexes=len(data.annexes)),
            s["body"],
        ),
        para(t("cover_close", lang), s["body"]),
        Spacer(1, 6 * mm),
        para(t("regards", lang), s["body"]),
        Spacer(1, 10 * mm),
        para(data.counsel_name, s["body"]),
        para(
            data.organisation + (f" · {data.counsel_email}" if data.counsel_email else ""),
            s["small"],
        ),
    ]
    return _build(data, story, title=t("cover_subject", lang, title=title), name="cover_letter.pdf")


def _petitions_email() -> str:
    email = getattr(settings, "REMEDY_OHCHR_PETITIONS_EMAIL", "")
    return f"\n{email}" if email else ""


def render_index(data: PackageData) -> bytes:
    lang, s = data.lang, pdf.styles()
    rows = [
        [
            t("col_no", lang),
            t("col_title", lang),
            t("col_kind", lang),
            t("col_language", lang),
            t("col_pages", lang),
        ]
    ]
    translations = {a.translation_of: a.number for a in data.annexes if a.translation_of}
    for a in data.annexes:
        language = label(LANGUAGE_LABELS, a.language, lang)
        if a.number in translations:
            language += f" ({t('translation_in', lang, n=translations[a.number])})"
        rows.append(
            [
                str(a.number),
                a.title,
                label(DOCUMENT_KIND_LABELS, a.kind, lang),
                language,
                str(a.pages),
            ]
        )
    story = [
        para(t("index_title", lang), s["title"]),
        para(
            t("versus", lang, author=data.author.short(lang), state=data.state_against()),
            s["subtitle"],
        ),
        _table(rows, [0.07, 0.43, 0.21, 0.19, 0.1]),
    ]
    return _build(data, story, title=t("index_title", lang), name="annex_index.pdf")


def _zip(files: dict[str, bytes], on: dt.date) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(on.year, on.month, on.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def render(data: PackageData, *, generated_at: dt.datetime) -> PackageResult:
    """All files of the package, the manifest and the zip. Refuses a final package over 50 pages."""
    try:
        return _render(data, generated_at=generated_at)
    except LayoutError:
        raise PackageRefused(
            [
                _(
                    "A text of the case is too long to lay out on a page (an unbroken word or a "
                    "very long field in a table); shorten it and build again."
                )
            ]
        ) from None


def _render(data: PackageData, *, generated_at: dt.datetime) -> PackageResult:
    communication, pages = render_communication(data)
    notes = list(data.notes)
    if pages > MAX_PAGES:
        message = _(
            "The communication has %(pages)s pages; the Committee accepts at most %(max)s pages "
            "without annexes. Shorten the facts or the arguments."
        ) % {"pages": pages, "max": MAX_PAGES}
        if data.final:
            raise PackageRefused([message])
        notes.append(message)
    files = {
        "communication.pdf": communication,
        "authorization.pdf": render_authorisation(data),
        "cover_letter.pdf": render_cover_letter(data, pages),
        "annex_index.pdf": render_index(data),
    }
    for annex in data.annexes:
        files[f"annexes/annex-{annex.number:02d}.pdf"] = annex.pdf
    manifest = {
        "case": data.reference,
        "generated_at": generated_at.isoformat(),
        "generator": GENERATOR,
        "files": [
            {"name": name, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body)}
            for name, body in sorted(files.items())
        ],
    }
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    return PackageResult(
        zip_bytes=_zip(files, data.on),
        files=files,
        manifest=manifest,
        communication_pages=pages,
        notes=notes,
    )
