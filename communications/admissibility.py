"""Admissibility self-check for a communication to the UN Human Rights Committee.

A pure function: plain dataclasses in, plain dataclasses out, no ORM and no clock. The State-party
table is passed in as data (`communications.selectors.state_party_table()` reads it from the
database), so the rules here are the arithmetic of the Optional Protocol, not its numbers.
Reasons and sources are translated with gettext (the active language); check ids stay codes.

Sources (see docs/communications.md and DOMAIN.md):
- OP art. 1: the State must be party; the author claims to be a victim (no actio popularis).
- OP art. 3: no anonymous communications.
- OP art. 5(2)(a): the same matter is not being examined under another international procedure.
  The extra-conventional special procedures of the Human Rights Council are not such a procedure
  in the Committee's practice (DOMAIN.md); treaty bodies and regional courts are.
- OP art. 5(2)(b): domestic remedies exhausted unless unreasonably prolonged; a remedy that is
  unavailable or ineffective need not be exhausted, which the author must argue. Supervisory
  review and requests to the prosecutor are never required (Committee practice on Kazakhstan).
- Rules of procedure (CCPR/C/3/Rev.12) rule 99(b): a communication on behalf of the victim needs
  the victim's authorisation unless the victim cannot give it; when counsel submits, the
  Petitions Team asks for the victim's signed authorisation of counsel (OHCHR guidance).
- Rule 99(c): abuse of the right of submission after 5 years from exhaustion of domestic remedies
  or 3 years from the conclusion of another international procedure, unless the delay is
  justified. The safe reading: the 5 years run from the last *ordinary* remedy (extraordinary
  ones are never required, so they never extend the limit), and where another procedure
  concluded, the earlier of the two limits is the last safe day.
- Ratione temporis: acts after the Protocol entered into force for the State, or continuing ones.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from deadlines.calculation import DeadlineError, add_months

# --- input -----------------------------------------------------------------------------------

INSTANCES = (
    "administrative_complaint",
    "prosecutor",
    "first_instance",
    "appeal",
    "cassation",
    "supervisory_review",
)
REMEDY_STATUSES = ("decided", "pending", "not_filed")
AUTHORIZATIONS = ("signed", "none", "justified")
COUNSEL_AUTHORIZATIONS = ("signed", "none")
PROCEDURE_STATUSES = ("pending", "concluded", "withdrawn")
PROCEDURE_KINDS = ("treaty_body", "regional_court", "special_procedure", "other")
EXHAUSTION_BASES = ("unavailable", "ineffective", "unreasonably_prolonged")

# Instances the Committee expects to be exhausted (OP art. 5(2)(b)).
REQUIRED_INSTANCES = ("first_instance", "appeal")
# Extraordinary remedies the Committee never requires (DOMAIN.md: Committee practice on Kazakhstan).
NEVER_REQUIRED = ("prosecutor", "supervisory_review")
# Ordinary remedies: the rule 99(c) limit runs from the last of their decisions. The pre-trial
# administrative complaint (APPK art. 91) is an ordinary step, not an extraordinary review.
ORDINARY_INSTANCES = ("administrative_complaint", "first_instance", "appeal", "cassation")
EXTRAORDINARY_INSTANCES = NEVER_REQUIRED
# Kinds of international procedure that bar examination while pending (OP art. 5(2)(a)) and
# start the 3-year limit of rule 99(c) when concluded.
BARRING_KINDS = ("treaty_body", "regional_court", "other")

DOMESTIC_DELAY_YEARS = 5  # rule 99(c)
INTERNATIONAL_DELAY_YEARS = 3  # rule 99(c)

INSTANCE_LABELS = {
    "administrative_complaint": gettext_lazy("administrative complaint"),
    "prosecutor": gettext_lazy("prosecutor"),
    "first_instance": gettext_lazy("first instance"),
    "appeal": gettext_lazy("appeal"),
    "cassation": gettext_lazy("cassation"),
    "supervisory_review": gettext_lazy("supervisory review"),
}
# "the <label> decision of <date>": a separate set so that translations can decline the noun.
DECISION_LABELS = {
    "administrative_complaint": pgettext_lazy("decision of", "administrative complaint"),
    "prosecutor": pgettext_lazy("decision of", "prosecutor's"),
    "first_instance": pgettext_lazy("decision of", "first-instance"),
    "appeal": pgettext_lazy("decision of", "appeal"),
    "cassation": pgettext_lazy("decision of", "cassation"),
    "supervisory_review": pgettext_lazy("decision of", "supervisory review"),
}
BASIS_LABELS = {
    "unavailable": gettext_lazy("unavailable"),
    "ineffective": gettext_lazy("ineffective"),
    "unreasonably_prolonged": gettext_lazy("unreasonably prolonged"),
}


class AdmissibilityInputError(ValueError):
    """Malformed input. `field` names the offending field (e.g. `remedies[1].instance`)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Author:
    is_victim: bool
    authorization: str  # signed | none | justified
    anonymous: bool


@dataclass(frozen=True)
class Counsel:
    """Counsel who submits the communication; `authorization`: the victim's signed authority."""

    authorization: str  # signed | none


@dataclass(frozen=True)
class ExhaustionArgument:
    """Why a remedy need not be exhausted (OP art. 5(2)(b)); not a rule 99(c) justification."""

    basis: str  # unavailable | ineffective | unreasonably_prolonged
    explanation: str

    @property
    def is_argued(self) -> bool:
        return bool(self.explanation.strip())


@dataclass(frozen=True)
class Event:
    date: dt.date
    continuing: bool


@dataclass(frozen=True)
class Remedy:
    instance: str
    decided_on: dt.date | None
    status: str  # decided | pending | not_filed


@dataclass(frozen=True)
class OtherProcedure:
    body: str
    status: str  # pending | concluded | withdrawn
    concluded_on: dt.date | None
    kind: str = "other"  # treaty_body | regional_court | special_procedure | other


@dataclass(frozen=True)
class AdmissibilityInput:
    state: str
    submission_date: dt.date
    author: Author
    events: tuple[Event, ...]
    remedies: tuple[Remedy, ...]
    other_procedures: tuple[OtherProcedure, ...]
    delay_justification: str | None = None
    exhaustion_argument: ExhaustionArgument | None = None
    counsel: Counsel | None = None


@dataclass(frozen=True)
class StatePartyDates:
    """One row of the State-party table: when the Optional Protocol bound the State."""

    in_force: dt.date
    ceased: dt.date | None = None
    verified: bool = False


# --- output ----------------------------------------------------------------------------------

PASS, WARN, FAIL = "pass", "warn", "fail"
CHECK_IDS = (
    "state_party",
    "ratione_temporis",
    "victim",
    "authorization",
    "anonymity",
    "exhaustion",
    "other_procedure",
    "delay",
)
# What the pages show instead of the code (the JSON keeps the code).
CHECK_NAMES = {
    "state_party": gettext_lazy("State party to the Optional Protocol"),
    "ratione_temporis": gettext_lazy("Competence in time"),
    "victim": gettext_lazy("Victim"),
    "authorization": gettext_lazy("Authority to act"),
    "anonymity": gettext_lazy("Identified author"),
    "exhaustion": gettext_lazy("Exhaustion of domestic remedies"),
    "other_procedure": gettext_lazy("Other international procedures"),
    "delay": gettext_lazy("Time limit for submission"),
}


@dataclass(frozen=True)
class Check:
    id: str
    status: str
    reason: str
    source: str

    @property
    def name(self) -> str:
        return str(CHECK_NAMES.get(self.id, self.id))


@dataclass(frozen=True)
class Assessment:
    outcome: str  # admissible | at_risk | inadmissible
    checks: tuple[Check, ...]
    last_day_to_submit: dt.date | None

    def check(self, check_id: str) -> Check:
        return next(c for c in self.checks if c.id == check_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "checks": [
                {"id": c.id, "status": c.status, "reason": c.reason, "source": c.source}
                for c in self.checks
            ],
            "last_day_to_submit": (
                self.last_day_to_submit.isoformat() if self.last_day_to_submit else None
            ),
        }


# --- date arithmetic -------------------------------------------------------------------------


def add_years(start: dt.date, years: int) -> dt.date:
    """`start` plus `years` calendar years; 29 February becomes 28 February in a common year.

    The month arithmetic is the deadlines module's (one rule for the whole product); a date
    beyond the calendar's end saturates instead of failing, so absurd input cannot crash a check.
    """
    try:
        return add_months(start, 12 * years)
    except DeadlineError:
        return dt.date.max


# --- parsing ---------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STATE_RE = re.compile(r"^[A-Za-z]{2}$")


def _fields(
    obj: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise AdmissibilityInputError(where or "input", "expected a JSON object")
    prefix = f"{where}." if where else ""
    for name in obj:
        if name not in required and name not in optional:
            raise AdmissibilityInputError(f"{prefix}{name}", "unknown field")
    for name in required:
        if name not in obj:
            raise AdmissibilityInputError(f"{prefix}{name}", "missing field")
    return obj


def _date(value: Any, where: str, *, nullable: bool = False) -> dt.date | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not _DATE_RE.match(value):
        expected = "a date YYYY-MM-DD or null" if nullable else "a date YYYY-MM-DD"
        raise AdmissibilityInputError(where, f"expected {expected}, got {json.dumps(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AdmissibilityInputError(where, f"impossible date {value}") from None


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise AdmissibilityInputError(where, f"expected true or false, got {json.dumps(value)}")
    return value


def _choice(value: Any, where: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise AdmissibilityInputError(
            where, f"unknown value {json.dumps(value)} (expected one of: {', '.join(choices)})"
        )
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise AdmissibilityInputError(where, "expected a JSON array")
    return value


def _exhaustion_argument(value: Any) -> ExhaustionArgument | None:
    if value is None:
        return None
    raw = _fields(value, "exhaustion_argument", ("basis", "explanation"))
    basis = _choice(raw["basis"], "exhaustion_argument.basis", EXHAUSTION_BASES)
    explanation = raw["explanation"]
    if not isinstance(explanation, str):
        raise AdmissibilityInputError(
            "exhaustion_argument.explanation", f"expected a text, got {json.dumps(explanation)}"
        )
    return ExhaustionArgument(basis=basis, explanation=explanation.strip())


def _counsel(value: Any) -> Counsel | None:
    if value is None:
        return None
    raw = _fields(value, "counsel", ("authorization",))
    return Counsel(
        authorization=_choice(raw["authorization"], "counsel.authorization", COUNSEL_AUTHORIZATIONS)
    )


def parse_input(data: Any) -> AdmissibilityInput:
    """Strictly validate decoded JSON into an `AdmissibilityInput`; raise on the first problem.

    `exhaustion_argument`, `counsel` and `other_procedures[i].kind` are optional (absent means
    null, null and "other"), so inputs written before they existed keep their meaning.
    """
    top = _fields(
        data,
        "",
        (
            "state",
            "submission_date",
            "author",
            "events",
            "remedies",
            "other_procedures",
            "delay_justification",
        ),
        ("exhaustion_argument", "counsel"),
    )
    state = top["state"]
    if not isinstance(state, str) or not _STATE_RE.match(state):
        raise AdmissibilityInputError(
            "state", f"expected a two-letter ISO country code, got {json.dumps(state)}"
        )
    submission_date = _date(top["submission_date"], "submission_date")

    raw_author = _fields(top["author"], "author", ("is_victim", "authorization", "anonymous"))
    author = Author(
        is_victim=_bool(raw_author["is_victim"], "author.is_victim"),
        authorization=_choice(raw_author["authorization"], "author.authorization", AUTHORIZATIONS),
        anonymous=_bool(raw_author["anonymous"], "author.anonymous"),
    )

    events = []
    for i, raw in enumerate(_list(top["events"], "events")):
        where = f"events[{i}]"
        raw = _fields(raw, where, ("date", "continuing"))
        events.append(
            Event(
                date=_date(raw["date"], f"{where}.date"),
                continuing=_bool(raw["continuing"], f"{where}.continuing"),
            )
        )

    remedies = []
    for i, raw in enumerate(_list(top["remedies"], "remedies")):
        where = f"remedies[{i}]"
        raw = _fields(raw, where, ("instance", "decided_on", "status"))
        instance = _choice(raw["instance"], f"{where}.instance", INSTANCES)
        status = _choice(raw["status"], f"{where}.status", REMEDY_STATUSES)
        decided_on = _date(raw["decided_on"], f"{where}.decided_on", nullable=True)
        if status == "decided" and decided_on is None:
            raise AdmissibilityInputError(f"{where}.decided_on", "a decided remedy needs its date")
        if status != "decided" and decided_on is not None:
            raise AdmissibilityInputError(
                f"{where}.decided_on", f"must be null when the status is {status}"
            )
        remedies.append(Remedy(instance=instance, decided_on=decided_on, status=status))

    procedures = []
    for i, raw in enumerate(_list(top["other_procedures"], "other_procedures")):
        where = f"other_procedures[{i}]"
        raw = _fields(raw, where, ("body", "status", "concluded_on"), ("kind",))
        body = raw["body"]
        if not isinstance(body, str) or not body.strip():
            raise AdmissibilityInputError(f"{where}.body", "expected the name of the body")
        status = _choice(raw["status"], f"{where}.status", PROCEDURE_STATUSES)
        concluded_on = _date(raw["concluded_on"], f"{where}.concluded_on", nullable=True)
        if status == "concluded" and concluded_on is None:
            raise AdmissibilityInputError(
                f"{where}.concluded_on", "a concluded procedure needs its date"
            )
        if status == "pending" and concluded_on is not None:
            raise AdmissibilityInputError(
                f"{where}.concluded_on", "must be null while the procedure is pending"
            )
        kind = _choice(raw.get("kind", "other"), f"{where}.kind", PROCEDURE_KINDS)
        procedures.append(
            OtherProcedure(body=body.strip(), status=status, concluded_on=concluded_on, kind=kind)
        )

    justification = top["delay_justification"]
    if justification is not None and not isinstance(justification, str):
        raise AdmissibilityInputError("delay_justification", "expected a text or null")
    justification = (justification or "").strip() or None

    return AdmissibilityInput(
        state=state.upper(),
        submission_date=submission_date,
        author=author,
        events=tuple(events),
        remedies=tuple(remedies),
        other_procedures=tuple(procedures),
        delay_justification=justification,
        exhaustion_argument=_exhaustion_argument(top.get("exhaustion_argument")),
        counsel=_counsel(top.get("counsel")),
    )


def parse_json(text: str) -> AdmissibilityInput:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AdmissibilityInputError(
            "input", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise AdmissibilityInputError("input", "JSON nested too deeply") from None
    return parse_input(data)


# --- the rules -------------------------------------------------------------------------------


def _fmt(day: dt.date) -> str:
    return day.isoformat()


def _instance(instance: str) -> str:
    return str(INSTANCE_LABELS.get(instance, instance))


def _decision(instance: str) -> str:
    return str(DECISION_LABELS.get(instance, instance))


def _state_party(data: AdmissibilityInput, dates: StatePartyDates | None) -> Check:  # OP art. 1
    source = _("OP art. 1")
    if dates is None:
        return Check(
            "state_party",
            WARN,
            _(
                "%(state)s is not in the State-party table: check in the UN Treaty Collection "
                "whether the Optional Protocol is in force for it."
            )
            % {"state": data.state},
            source,
        )
    if data.submission_date < dates.in_force:
        return Check(
            "state_party",
            FAIL,
            _(
                "The Optional Protocol enters into force for %(state)s only on %(date)s, after "
                "the submission date."
            )
            % {"state": data.state, "date": _fmt(dates.in_force)},
            source,
        )
    if dates.ceased and data.submission_date >= dates.ceased:
        # OP art. 12(2): the Protocol keeps applying only to communications submitted before the
        # denunciation takes effect.
        return Check(
            "state_party",
            FAIL,
            _(
                "%(state)s denounced the Optional Protocol with effect from %(date)s; only "
                "communications submitted before that day can be examined."
            )
            % {"state": data.state, "date": _fmt(dates.ceased)},
            _("OP arts 1 and 12(2)"),
        )
    if not dates.verified:
        return Check(
            "state_party",
            WARN,
            _(
                "The Optional Protocol is recorded as in force for %(state)s since %(date)s, but "
                "that date is not verified against the UN Treaty Collection."
            )
            % {"state": data.state, "date": _fmt(dates.in_force)},
            source,
        )
    return Check(
        "state_party",
        PASS,
        _("The Optional Protocol has been in force for %(state)s since %(date)s.")
        % {"state": data.state, "date": _fmt(dates.in_force)},
        source,
    )


def _event_counts(event: Event, dates: StatePartyDates) -> bool:
    in_window = event.date >= dates.in_force and (dates.ceased is None or event.date < dates.ceased)
    return in_window or (event.continuing and (dates.ceased is None or event.date < dates.ceased))


def _ratione_temporis(data: AdmissibilityInput, dates: StatePartyDates | None) -> Check:
    source = _("OP art. 1 (ratione temporis)")
    if not data.events:
        return Check(
            "ratione_temporis",
            WARN,
            _(
                "No alleged events are recorded, so the Committee's competence in time cannot be "
                "checked."
            ),
            source,
        )
    if dates is None:
        return Check(
            "ratione_temporis",
            WARN,
            _(
                "The entry-into-force date for %(state)s is unknown, so the dates of the events "
                "cannot be checked."
            )
            % {"state": data.state},
            source,
        )
    counting = [e for e in data.events if _event_counts(e, dates)]
    if not counting:
        return Check(
            "ratione_temporis",
            FAIL,
            _(
                "All alleged events precede the entry into force of the Optional Protocol for "
                "%(state)s (%(date)s) and none is continuing."
            )
            % {"state": data.state, "date": _fmt(dates.in_force)},
            source,
        )
    excluded = len(data.events) - len(counting)
    if excluded:
        return Check(
            "ratione_temporis",
            WARN,
            _(
                "%(excluded)s of %(total)s alleged events precede %(date)s and are not "
                "continuing: the Committee will not examine them."
            )
            % {"excluded": excluded, "total": len(data.events), "date": _fmt(dates.in_force)},
            source,
        )
    if any(e.date < dates.in_force for e in counting):
        reason = _(
            "Events before %(date)s count only through their continuing effects; the others "
            "occurred after entry into force."
        ) % {"date": _fmt(dates.in_force)}
    else:
        reason = _("All alleged events occurred on or after %(date)s.") % {
            "date": _fmt(dates.in_force)
        }
    return Check("ratione_temporis", PASS, reason, source)


def _victim(data: AdmissibilityInput) -> Check:
    source = _("OP art. 1")
    if data.author.is_victim:
        return Check("victim", PASS, _("The author claims to be personally a victim."), source)
    if data.author.authorization in ("signed", "justified"):
        return Check(
            "victim", PASS, _("The author acts on behalf of an identified victim."), source
        )
    return Check(
        "victim",
        FAIL,
        _(
            "The author is not the victim and has no authority to act for the victim: the "
            "Committee does not examine complaints in the abstract (actio popularis)."
        ),
        source,
    )


def _authorization(data: AdmissibilityInput) -> Check:
    source = _("Rules of procedure rule 99(b)")
    if data.author.is_victim:
        if data.counsel is None:
            return Check(
                "authorization",
                PASS,
                _("The victim submits personally; no authorisation needed."),
                source,
            )
        counsel_source = _("Rules of procedure rule 99(b); OHCHR guidance on submitting")
        if data.counsel.authorization == "signed":
            return Check(
                "authorization",
                PASS,
                _("Counsel submits on the victim's signed authorisation, which is on file."),
                counsel_source,
            )
        return Check(
            "authorization",
            WARN,
            _(
                "Counsel submits for the victim, who is the author, without a signed "
                "authorisation of counsel on file: the Petitions Team asks for the victim's "
                "signed authorisation of counsel before it registers the communication. Have "
                "the victim sign one and enclose it."
            ),
            counsel_source,
        )
    match data.author.authorization:
        case "signed":
            return Check(
                "authorization", PASS, _("A signed authorisation of the victim is on file."), source
            )
        case "justified":
            return Check(
                "authorization",
                WARN,
                _(
                    "No signed authorisation: the Committee accepts this only when the victim "
                    "cannot give it (for example detained incommunicado or deceased); explain why."
                ),
                source,
            )
        case _:
            return Check(
                "authorization",
                FAIL,
                _(
                    "Submitted on behalf of the victim without a signed authorisation or a reason "
                    "why the victim cannot give one."
                ),
                source,
            )


def _anonymity(data: AdmissibilityInput) -> Check:
    if data.author.anonymous:
        return Check(
            "anonymity",
            FAIL,
            _(
                "Anonymous communications are inadmissible; the author may ask the Committee not "
                "to publish their name instead."
            ),
            _("OP art. 3"),
        )
    return Check("anonymity", PASS, _("The author is identified."), _("OP art. 3"))


def _latest_by_instance(remedies: tuple[Remedy, ...]) -> dict[str, Remedy]:
    """Per instance, the most advanced record: decided beats pending beats not filed."""
    rank = {"decided": 2, "pending": 1, "not_filed": 0}
    best: dict[str, Remedy] = {}
    for remedy in remedies:
        current = best.get(remedy.instance)
        key = (rank[remedy.status], remedy.decided_on or dt.date.min)
        if current is None or key > (rank[current.status], current.decided_on or dt.date.min):
            best[remedy.instance] = remedy
    return best


def _argued(argument: ExhaustionArgument | None) -> str:
    """The sentence that states the author's argument, or "" when there is none to rely on."""
    if argument is None or not argument.is_argued:
        return ""
    return _(
        "The author argues that the remedy is %(basis)s; the Committee decides whether that "
        "excuses exhausting it."
    ) % {"basis": BASIS_LABELS[argument.basis]}


def _exhaustion(data: AdmissibilityInput) -> Check:
    source = _("OP art. 5(2)(b)")
    by_instance = _latest_by_instance(data.remedies)
    argument = data.exhaustion_argument
    argued = _argued(argument)
    unexplained = ""
    if argument is not None and not argument.is_argued:
        unexplained = " " + _(
            "The argument that the remedy is %(basis)s has no explanation, so it cannot be "
            "relied on: explain it."
        ) % {"basis": BASIS_LABELS[argument.basis]}
    missing: list[str] = []
    pending: list[str] = []
    for instance in REQUIRED_INSTANCES:
        remedy = by_instance.get(instance)
        # A decision dated after the submission was not there when the author submitted.
        if remedy and remedy.status == "decided" and remedy.decided_on <= data.submission_date:
            continue
        if remedy and remedy.status in ("pending", "decided"):
            pending.append(_instance(instance))
        else:
            missing.append(_instance(instance))
    if missing or pending:
        parts = []
        if missing:
            parts.append(_("Not pursued: %(list)s.") % {"list": ", ".join(missing)})
        if pending:
            parts.append(_("Still pending: %(list)s.") % {"list": ", ".join(pending)})
        found = " ".join(parts)
        if argued:
            return Check("exhaustion", WARN, f"{found} {argued}", source)
        return Check(
            "exhaustion",
            FAIL,
            found
            + " "
            + _(
                "The first instance and the appeal must be decided, or the author must argue "
                "that the remedy is unavailable, ineffective or unreasonably prolonged "
                "(supervisory review and requests to the prosecutor are not required)."
            )
            + unexplained,
            source,
        )
    cassation = by_instance.get("cassation")
    if cassation and cassation.status == "pending":
        reason = _(
            "First instance and appeal are decided but a cassation complaint is pending: the "
            "State may argue non-exhaustion; consider waiting for the ruling or explain why "
            "cassation is not effective."
        )
        return Check("exhaustion", WARN, f"{reason} {argued}".strip() + unexplained, source)
    if cassation is None or cassation.status == "not_filed":
        reason = _(
            "First instance and appeal are decided but no cassation complaint was filed: the "
            "State may argue it was an available remedy; explain why it was not pursued."
        )
        return Check("exhaustion", WARN, f"{reason} {argued}".strip() + unexplained, source)
    return Check(
        "exhaustion",
        PASS,
        _(
            "First instance, appeal and cassation are decided; supervisory review and requests "
            "to the prosecutor are not required."
        ),
        source,
    )


def _other_procedure(data: AdmissibilityInput) -> Check:
    source = _("OP art. 5(2)(a)")
    barring = [
        p.body for p in data.other_procedures if p.status == "pending" and p.kind in BARRING_KINDS
    ]
    special = [
        p.body
        for p in data.other_procedures
        if p.status == "pending" and p.kind == "special_procedure"
    ]
    note = ""
    if special:
        note = _(
            "%(bodies)s: special procedures of the Human Rights Council are not, in the "
            "Committee's practice, another procedure of international investigation or "
            "settlement, so examination there does not bar the communication. Cite the "
            "Committee's Views on this point in section III."
        ) % {"bodies": ", ".join(special)}
    if barring:
        reason = _(
            "The same matter is being examined by %(bodies)s; withdraw it there or wait for the "
            "conclusion."
        ) % {"bodies": ", ".join(barring)}
        return Check("other_procedure", FAIL, f"{reason} {note}".strip(), source)
    if special:
        return Check("other_procedure", PASS, note, source)
    if data.other_procedures:
        return Check(
            "other_procedure",
            PASS,
            _(
                "Other international procedures are concluded or withdrawn; none is examining "
                "the matter now."
            ),
            source,
        )
    return Check(
        "other_procedure",
        PASS,
        _("The matter is not being examined under another international procedure."),
        source,
    )


# --- rule 99(c) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    """One reading of the rule 99(c) time limit: what it runs from and its last day."""

    kind: str  # ordinary | extraordinary | international
    start: dt.date
    last_day: dt.date
    label: str  # the decision or procedure it runs from (translated)


@dataclass(frozen=True)
class DelayLimits:
    """Every rule 99(c) limit the recorded facts give, and the safe last day among them."""

    domestic: Limit | None  # 5 years from the last ordinary decision (or the only decision)
    extraordinary: Limit | None  # 5 years from a later extraordinary decision: never safe
    international: Limit | None  # 3 years from the last concluded barring procedure

    @property
    def safe_last_day(self) -> dt.date | None:
        days = [lim.last_day for lim in (self.domestic, self.international) if lim]
        return min(days) if days else None

    @property
    def latest_last_day(self) -> dt.date | None:
        days = [
            lim.last_day for lim in (self.domestic, self.extraordinary, self.international) if lim
        ]
        return max(days) if days else None


def _last_decision(remedies: tuple[Remedy, ...], instances: tuple[str, ...]) -> Remedy | None:
    decided = [
        r for r in remedies if r.status == "decided" and r.decided_on and r.instance in instances
    ]
    return max(decided, key=lambda r: r.decided_on) if decided else None


def delay_limits(data: AdmissibilityInput) -> DelayLimits:
    """The rule 99(c) limits: 5 years from exhaustion, 3 years from another procedure.

    Exhaustion is the last decision of an ordinary remedy (first instance, appeal, cassation,
    administrative complaint). A later prosecutor's or supervisory-review decision is reported
    as an `extraordinary` limit that only a lenient Committee would count. Without any ordinary
    decision the only recorded decision is used, so a limit is never silently missing.
    """
    ordinary = _last_decision(data.remedies, ORDINARY_INSTANCES)
    extraordinary = _last_decision(data.remedies, EXTRAORDINARY_INSTANCES)
    domestic = extra = None
    base = ordinary or extraordinary
    if base is not None:
        domestic = Limit(
            "ordinary" if ordinary else "extraordinary",
            base.decided_on,
            add_years(base.decided_on, DOMESTIC_DELAY_YEARS),
            _decision(base.instance),
        )
    if ordinary and extraordinary and extraordinary.decided_on > ordinary.decided_on:
        extra = Limit(
            "extraordinary",
            extraordinary.decided_on,
            add_years(extraordinary.decided_on, DOMESTIC_DELAY_YEARS),
            _decision(extraordinary.instance),
        )
    concluded = [
        p
        for p in data.other_procedures
        if p.status == "concluded" and p.concluded_on and p.kind in BARRING_KINDS
    ]
    international = None
    if concluded:
        last = max(concluded, key=lambda p: p.concluded_on)
        international = Limit(
            "international",
            last.concluded_on,
            add_years(last.concluded_on, INTERNATIONAL_DELAY_YEARS),
            last.body,
        )
    return DelayLimits(domestic=domestic, extraordinary=extra, international=international)


def last_day_to_submit(data: AdmissibilityInput) -> dt.date | None:
    """The last safe day under rule 99(c), or None when no limit has started to run."""
    return delay_limits(data).safe_last_day


def _describe_limits(limits: DelayLimits) -> str:
    parts = []
    if limits.domestic:
        parts.append(
            _("5 years from the %(decision)s decision of %(start)s: %(last)s")
            % {
                "decision": limits.domestic.label,
                "start": _fmt(limits.domestic.start),
                "last": _fmt(limits.domestic.last_day),
            }
        )
    if limits.international:
        parts.append(
            _("3 years from the conclusion of the procedure before %(body)s on %(start)s: %(last)s")
            % {
                "body": limits.international.label,
                "start": _fmt(limits.international.start),
                "last": _fmt(limits.international.last_day),
            }
        )
    text = "; ".join(parts)
    if limits.domestic and limits.international:
        text += " — " + _("the earlier of the two is the safe last day")
    return text


def _delay(data: AdmissibilityInput, limits: DelayLimits) -> Check:
    source = _("Rules of procedure rule 99(c)")
    safe = limits.safe_last_day
    if safe is None:
        return Check(
            "delay",
            PASS,
            _(
                "No domestic decision or concluded international procedure is recorded; the "
                "time limit has not started to run."
            ),
            source,
        )
    described = _describe_limits(limits)
    extra = limits.extraordinary
    if data.submission_date <= safe:
        reason = _("Submitted within the time limit: the last day is %(last)s (%(limits)s).") % {
            "last": _fmt(safe),
            "limits": described,
        }
        if extra:
            reason += " " + _(
                "The later %(decision)s decision of %(date)s does not extend it: extraordinary "
                "remedies are not required."
            ) % {"decision": extra.label, "date": _fmt(extra.start)}
        return Check("delay", PASS, reason, source)
    late = _("Submitted after the safe last day %(last)s (%(limits)s).") % {
        "last": _fmt(safe),
        "limits": described,
    }
    readings = []
    if extra and data.submission_date <= extra.last_day:
        readings.append(
            _(
                "In time only if the Committee counts the %(decision)s decision of %(date)s "
                "(last day %(last)s), which the safe reading does not."
            )
            % {"decision": extra.label, "date": _fmt(extra.start), "last": _fmt(extra.last_day)}
        )
    if limits.domestic and limits.international:
        later = max(limits.domestic, limits.international, key=lambda lim: lim.last_day)
        if data.submission_date <= later.last_day:
            readings.append(
                _("In time only if the Committee applies the later limit (%(last)s).")
                % {"last": _fmt(later.last_day)}
            )
    if data.delay_justification:
        readings.append(
            _("Admissible only if the Committee accepts the justification of the delay.")
        )
    if readings:
        return Check("delay", WARN, " ".join([late, *readings]), source)
    return Check(
        "delay",
        FAIL,
        late
        + " "
        + _("Without a justification of the delay this is an abuse of the right of submission."),
        source,
    )


def assess(
    data: AdmissibilityInput, state_parties: Mapping[str, StatePartyDates | tuple]
) -> Assessment:
    """Run every check. `state_parties` maps an ISO code to its dates (or a 3-tuple of them)."""
    raw = state_parties.get(data.state)
    dates = StatePartyDates(*raw) if isinstance(raw, tuple) else raw
    limits = delay_limits(data)
    checks = (
        _state_party(data, dates),
        _ratione_temporis(data, dates),
        _victim(data),
        _authorization(data),
        _anonymity(data),
        _exhaustion(data),
        _other_procedure(data),
        _delay(data, limits),
    )
    statuses = {c.status for c in checks}
    outcome = (
        "inadmissible" if FAIL in statuses else "at_risk" if WARN in statuses else "admissible"
    )
    return Assessment(outcome=outcome, checks=checks, last_day_to_submit=limits.safe_last_day)
