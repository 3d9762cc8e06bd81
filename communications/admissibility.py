"""Admissibility self-check for a communication to the UN Human Rights Committee.

A pure function: plain dataclasses in, plain dataclasses out, no ORM and no clock. The State-party
table is passed in as data (`communications.selectors.state_party_table()` reads it from the
database), so the rules here are the arithmetic of the Optional Protocol, not its numbers.

Sources (see docs/communications.md and DOMAIN.md):
- OP art. 1: the State must be party; the author claims to be a victim (no actio popularis).
- OP art. 3: no anonymous communications.
- OP art. 5(2)(a): the same matter is not being examined under another international procedure.
- OP art. 5(2)(b): domestic remedies exhausted unless unreasonably prolonged. Supervisory review
  and requests to the prosecutor are never required (Committee practice on Kazakhstan).
- Rules of procedure (CCPR/C/3/Rev.12) rule 99(b): a communication on behalf of the victim needs
  the victim's authorisation unless the victim cannot give it.
- Rule 99(c): abuse of the right of submission after 5 years from exhaustion of domestic remedies
  or 3 years from the conclusion of another international procedure, unless the delay is justified.
- Ratione temporis: acts after the Protocol entered into force for the State, or continuing ones.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
PROCEDURE_STATUSES = ("pending", "concluded", "withdrawn")

# Instances the Committee expects to be exhausted (OP art. 5(2)(b)).
REQUIRED_INSTANCES = ("first_instance", "appeal")
# Extraordinary remedies the Committee never requires (DOMAIN.md: Committee practice on Kazakhstan).
NEVER_REQUIRED = ("prosecutor", "supervisory_review")

DOMESTIC_DELAY_YEARS = 5  # rule 99(c)
INTERNATIONAL_DELAY_YEARS = 3  # rule 99(c)


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


@dataclass(frozen=True)
class AdmissibilityInput:
    state: str
    submission_date: dt.date
    author: Author
    events: tuple[Event, ...]
    remedies: tuple[Remedy, ...]
    other_procedures: tuple[OtherProcedure, ...]
    delay_justification: str | None = None


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


@dataclass(frozen=True)
class Check:
    id: str
    status: str
    reason: str
    source: str


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


def _fields(obj: Any, where: str, required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise AdmissibilityInputError(where or "input", "expected a JSON object")
    prefix = f"{where}." if where else ""
    for name in obj:
        if name not in required:
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


def parse_input(data: Any) -> AdmissibilityInput:
    """Strictly validate decoded JSON into an `AdmissibilityInput`; raise on the first problem."""
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
        raw = _fields(raw, where, ("body", "status", "concluded_on"))
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
        procedures.append(
            OtherProcedure(body=body.strip(), status=status, concluded_on=concluded_on)
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


def _state_party(data: AdmissibilityInput, dates: StatePartyDates | None) -> Check:  # OP art. 1
    source = "OP art. 1"
    if dates is None:
        return Check(
            "state_party",
            WARN,
            f"{data.state} is not in the State-party table: check in the UN Treaty Collection "
            "whether the Optional Protocol is in force for it.",
            source,
        )
    if data.submission_date < dates.in_force:
        return Check(
            "state_party",
            FAIL,
            f"The Optional Protocol enters into force for {data.state} only on "
            f"{_fmt(dates.in_force)}, after the submission date.",
            source,
        )
    if dates.ceased and data.submission_date >= dates.ceased:
        # OP art. 12(2): the Protocol keeps applying only to communications submitted before the
        # denunciation takes effect.
        return Check(
            "state_party",
            FAIL,
            f"{data.state} denounced the Optional Protocol with effect from {_fmt(dates.ceased)}; "
            "only communications submitted before that day can be examined.",
            "OP arts 1 and 12(2)",
        )
    if not dates.verified:
        return Check(
            "state_party",
            WARN,
            f"The Optional Protocol is recorded as in force for {data.state} since "
            f"{_fmt(dates.in_force)}, but that date is not verified against the UN Treaty "
            "Collection.",
            source,
        )
    return Check(
        "state_party",
        PASS,
        f"The Optional Protocol has been in force for {data.state} since {_fmt(dates.in_force)}.",
        source,
    )


def _event_counts(event: Event, dates: StatePartyDates) -> bool:
    in_window = event.date >= dates.in_force and (dates.ceased is None or event.date < dates.ceased)
    return in_window or (event.continuing and (dates.ceased is None or event.date < dates.ceased))


def _ratione_temporis(data: AdmissibilityInput, dates: StatePartyDates | None) -> Check:
    source = "OP art. 1 (ratione temporis)"
    if not data.events:
        return Check(
            "ratione_temporis",
            WARN,
            "No alleged events are recorded, so the Committee's competence in time cannot be "
            "checked.",
            source,
        )
    if dates is None:
        return Check(
            "ratione_temporis",
            WARN,
            f"The entry-into-force date for {data.state} is unknown, so the dates of the events "
            "cannot be checked.",
            source,
        )
    counting = [e for e in data.events if _event_counts(e, dates)]
    if not counting:
        return Check(
            "ratione_temporis",
            FAIL,
            f"All alleged events precede the entry into force of the Optional Protocol for "
            f"{data.state} ({_fmt(dates.in_force)}) and none is continuing.",
            source,
        )
    excluded = len(data.events) - len(counting)
    if excluded:
        return Check(
            "ratione_temporis",
            WARN,
            f"{excluded} of {len(data.events)} alleged events precede {_fmt(dates.in_force)} and "
            "are not continuing: the Committee will not examine them.",
            source,
        )
    continuing_before = [e for e in counting if e.date < dates.in_force]
    reason = f"All alleged events occurred on or after {_fmt(dates.in_force)}"
    if continuing_before:
        reason = (
            f"Events before {_fmt(dates.in_force)} count only through their continuing effects; "
            "the others occurred after entry into force"
        )
    return Check("ratione_temporis", PASS, reason + ".", source)


def _victim(data: AdmissibilityInput) -> Check:
    source = "OP art. 1"
    if data.author.is_victim:
        return Check("victim", PASS, "The author claims to be personally a victim.", source)
    if data.author.authorization in ("signed", "justified"):
        return Check("victim", PASS, "The author acts on behalf of an identified victim.", source)
    return Check(
        "victim",
        FAIL,
        "The author is not the victim and has no authority to act for the victim: the Committee "
        "does not examine complaints in the abstract (actio popularis).",
        source,
    )


def _authorization(data: AdmissibilityInput) -> Check:
    source = "Rules of procedure rule 99(b)"
    if data.author.is_victim:
        return Check(
            "authorization", PASS, "The victim submits personally; no authorisation needed.", source
        )
    match data.author.authorization:
        case "signed":
            return Check(
                "authorization", PASS, "A signed authorisation of the victim is on file.", source
            )
        case "justified":
            return Check(
                "authorization",
                WARN,
                "No signed authorisation: the Committee accepts this only when the victim cannot "
                "give it (for example detained incommunicado or deceased); explain why.",
                source,
            )
        case _:
            return Check(
                "authorization",
                FAIL,
                "Submitted on behalf of the victim without a signed authorisation or a reason "
                "why the victim cannot give one.",
                source,
            )


def _anonymity(data: AdmissibilityInput) -> Check:
    if data.author.anonymous:
        return Check(
            "anonymity",
            FAIL,
            "Anonymous communications are inadmissible; the author may ask the Committee not to "
            "publish their name instead.",
            "OP art. 3",
        )
    return Check("anonymity", PASS, "The author is identified.", "OP art. 3")


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


def _exhaustion(data: AdmissibilityInput) -> Check:
    source = "OP art. 5(2)(b)"
    label = {"first_instance": "first instance", "appeal": "appeal", "cassation": "cassation"}
    by_instance = _latest_by_instance(data.remedies)
    missing: list[str] = []
    pending: list[str] = []
    for instance in REQUIRED_INSTANCES:
        remedy = by_instance.get(instance)
        # A decision dated after the submission was not there when the author submitted.
        if remedy and remedy.status == "decided" and remedy.decided_on <= data.submission_date:
            continue
        if remedy and remedy.status in ("pending", "decided"):
            pending.append(label[instance])
        else:
            missing.append(label[instance])
    if missing:
        return Check(
            "exhaustion",
            FAIL,
            f"Not pursued: {', '.join(missing)}. The first instance and the appeal must be decided "
            "(supervisory review and requests to the prosecutor are not required).",
            source,
        )
    if pending:
        if data.delay_justification:
            return Check(
                "exhaustion",
                WARN,
                f"Still pending: {', '.join(pending)}. Admissible only if the Committee accepts "
                "that the remedies are unreasonably prolonged, as the justification claims.",
                source,
            )
        return Check(
            "exhaustion",
            FAIL,
            f"Still pending: {', '.join(pending)}. Wait for the decision or show that the remedy "
            "is unreasonably prolonged.",
            source,
        )
    cassation = by_instance.get("cassation")
    if cassation and cassation.status == "pending":
        return Check(
            "exhaustion",
            WARN,
            "First instance and appeal are decided but a cassation complaint is pending: the State "
            "may argue non-exhaustion; consider waiting for the ruling or explain why cassation "
            "is not effective.",
            source,
        )
    if cassation is None or cassation.status == "not_filed":
        return Check(
            "exhaustion",
            WARN,
            "First instance and appeal are decided but no cassation complaint was filed: the "
            "State may argue it was an available remedy; explain why it was not pursued.",
            source,
        )
    return Check(
        "exhaustion",
        PASS,
        "First instance, appeal and cassation are decided; supervisory review and requests to "
        "the prosecutor are not required.",
        source,
    )


def _other_procedure(data: AdmissibilityInput) -> Check:
    source = "OP art. 5(2)(a)"
    pending = [p.body for p in data.other_procedures if p.status == "pending"]
    if pending:
        return Check(
            "other_procedure",
            FAIL,
            f"The same matter is being examined by {', '.join(pending)}; withdraw it there or "
            "wait for the conclusion.",
            source,
        )
    if data.other_procedures:
        return Check(
            "other_procedure",
            PASS,
            "Other international procedures are concluded or withdrawn; none is examining the "
            "matter now.",
            source,
        )
    return Check(
        "other_procedure",
        PASS,
        "The matter is not being examined under another international procedure.",
        source,
    )


def last_day_to_submit(data: AdmissibilityInput) -> dt.date | None:
    """The last day on which submitting is not late under rule 99(c), or None if not running.

    Five years from the latest recorded domestic decision; where another international procedure
    concluded, three years from its conclusion apply ("where applicable"), whichever ends later.
    """
    decisions = [r.decided_on for r in data.remedies if r.status == "decided" and r.decided_on]
    concluded = [
        p.concluded_on for p in data.other_procedures if p.status == "concluded" and p.concluded_on
    ]
    candidates = []
    if decisions:
        candidates.append(add_years(max(decisions), DOMESTIC_DELAY_YEARS))
    if concluded:
        candidates.append(add_years(max(concluded), INTERNATIONAL_DELAY_YEARS))
    return max(candidates) if candidates else None


def _delay(data: AdmissibilityInput, last_day: dt.date | None) -> Check:
    source = "Rules of procedure rule 99(c)"
    if last_day is None:
        return Check(
            "delay",
            PASS,
            "No domestic decision or concluded international procedure is recorded; the time "
            "limit has not started to run.",
            source,
        )
    if data.submission_date <= last_day:
        return Check(
            "delay",
            PASS,
            f"Submitted within the time limit: the last day is {_fmt(last_day)}.",
            source,
        )
    if data.delay_justification:
        return Check(
            "delay",
            WARN,
            f"Submitted after the last day ({_fmt(last_day)}); admissible only if the Committee "
            "accepts the justification of the delay.",
            source,
        )
    return Check(
        "delay",
        FAIL,
        f"Submitted after the last day ({_fmt(last_day)}) without a justification of the delay: "
        "an abuse of the right of submission.",
        source,
    )


def assess(
    data: AdmissibilityInput, state_parties: Mapping[str, StatePartyDates | tuple]
) -> Assessment:
    """Run every check. `state_parties` maps an ISO code to its dates (or a 3-tuple of them)."""
    raw = state_parties.get(data.state)
    dates = StatePartyDates(*raw) if isinstance(raw, tuple) else raw
    last_day = last_day_to_submit(data)
    checks = (
        _state_party(data, dates),
        _ratione_temporis(data, dates),
        _victim(data),
        _authorization(data),
        _anonymity(data),
        _exhaustion(data),
        _other_procedure(data),
        _delay(data, last_day),
    )
    statuses = {c.status for c in checks}
    outcome = (
        "inadmissible" if FAIL in statuses else "at_risk" if WARN in statuses else "admissible"
    )
    return Assessment(outcome=outcome, checks=checks, last_day_to_submit=last_day)
