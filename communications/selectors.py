"""Reading for the communications app: the State-party table and the ORM adapter that turns a
case file into the input of the pure admissibility check.

Cases themselves are obtained through `casework.selectors` (permissions live there only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as CaseWhen
from django.db.models import F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from casework.models import AuthorisationKind, Case, PartyRole, Stage, User
from casework.selectors import cases_visible_to
from deadlines.models import Deadline, DeadlineStatus

from . import package
from .admissibility import (
    EXHAUSTION_BASES,
    AdmissibilityInput,
    Assessment,
    Author,
    Counsel,
    DelayLimits,
    Event,
    ExhaustionArgument,
    OtherProcedure,
    Remedy,
    StatePartyDates,
    assess,
    delay_limits,
)
from .models import (
    Communication,
    Filing,
    FilingKind,
    InterimMeasuresRequest,
    ReviewDecision,
    StateParty,
    SubmissionReview,
)


def state_party_table() -> dict[str, StatePartyDates]:
    """The State-party table as data for `admissibility.assess` (code → dates)."""
    return {
        row.code.upper(): StatePartyDates(
            in_force=row.op_in_force_on, ceased=row.op_ceased_on, verified=row.verified
        )
        for row in StateParty.objects.all()
    }


def communication_for(case: Case) -> Communication | None:
    return Communication.objects.select_related("state").filter(case=case).first()


def submission_approved(case: Case) -> bool:
    """True when the latest review of the case's draft communication approved it."""
    latest = SubmissionReview.objects.filter(case=case).order_by("-reviewed_at", "-id").first()
    return latest is not None and latest.decision == ReviewDecision.APPROVE


def buildable_filings(
    case: Case, communication: Communication | None, *, decided_proceedings: int | None = None
) -> dict[str, bool]:
    """Which filings a case can be asked to build: none once it is closed; the package once a
    communication is recorded; the appeal draft once a domestic decision is recorded.

    `decided_proceedings`: how many proceedings have a decision, when the page counted already.
    """
    if case.stage == Stage.CLOSED:
        return {"package": False, "appeal": False}
    if decided_proceedings is None:
        decided = case.proceedings.filter(decided_on__isnull=False).exists()
    else:
        decided = decided_proceedings > 0
    return {"package": communication is not None, "appeal": decided}


def latest_review(case: Case) -> SubmissionReview | None:
    return (
        SubmissionReview.objects.filter(case=case)
        .select_related("filing", "reviewer")
        .order_by("-reviewed_at", "-id")
        .first()
    )


def approved_review(case: Case) -> SubmissionReview | None:
    """The review that approved the submission, when it is the latest one."""
    latest = latest_review(case)
    return latest if latest is not None and latest.decision == ReviewDecision.APPROVE else None


def changed_since_approval(case: Case) -> bool:
    """The case file no longer says what the approved draft said (four eyes: back to approval)."""
    review = approved_review(case)
    if review is None or not review.filing_id:
        return False
    return not draft_is_current(case, review.filing)


def draft_is_current(case: Case, filing: Filing) -> bool:
    """Whether the draft `filing` still says what a package built now would say."""
    try:
        data = package.collect(case, lang=filing.language, final=False, on=timezone.localdate())
    except package.PackageRefused:
        return False
    return package.data_fingerprint(data) == filing_fingerprint(filing)


def latest_draft_package(case: Case) -> Filing | None:
    """The newest draft submission package of the case: what a supervisor is asked to approve."""
    return (
        Filing.objects.filter(case=case, kind=FilingKind.HRC_PACKAGE, is_final=False)
        .select_related("generated_by")
        .order_by("-version")
        .first()
    )


def final_packages_after_approval(case: Case) -> QuerySet[Filing]:
    """Final packages built since the latest approval, newest first (none when not approved)."""
    review = approved_review(case)
    if review is None:
        return Filing.objects.none()
    return Filing.objects.filter(
        case=case,
        kind=FilingKind.HRC_PACKAGE,
        is_final=True,
        generated_at__gte=review.reviewed_at,
    ).order_by("-version")


def filing_fingerprint(filing: Filing | None) -> str:
    """What the filing says (`package.data_fingerprint`), kept in its manifest when built."""
    return (filing.manifest or {}).get("data_sha256", "") if filing is not None else ""


def last_editor_of(communication: Communication) -> User | None:
    """Who saved the communication last (its newest history row), for the four-eyes rule."""
    row = communication.history.order_by("-history_date", "-history_id").first()
    return row.history_user if row else None


_UNREAD = object()


def admissibility_input_for(
    case: Case, *, submission_date: dt.date | None = None, communication=_UNREAD
) -> AdmissibilityInput | None:
    """Build the admissibility input from the case file; None without a Communication.

    The submission date is the recorded one, else the given one, else today (a "what if I submit
    today" check while drafting). A caller that has read the communication passes it.
    """
    if communication is _UNREAD:
        communication = communication_for(case)
    if communication is None:
        return None
    on = communication.submitted_on or submission_date or timezone.localdate()
    parties = list(case.parties.filter(person__isnull=False))
    victims = {p.person_id for p in parties if p.role == PartyRole.VICTIM}
    author_ids = [p.person_id for p in parties if p.role == PartyRole.AUTHOR] or [
        p.person_id for p in parties if p.role == PartyRole.CLIENT
    ]
    author_id = author_ids[0] if author_ids else next(iter(victims), None)
    is_victim = author_id is not None and author_id in victims
    signed = any(
        a.is_in_force(on=on)
        for a in case.authorisations.filter(
            kind=AuthorisationKind.COMMITTEE_AUTHORISATION, person_id__in=victims
        )
    )
    if signed:
        authorization = "signed"
    elif communication.no_authorisation_reason.strip():
        authorization = "justified"
    else:
        authorization = "none"
    remedies = remedies_for(case)
    basis = communication.exhaustion_basis
    argument = (
        ExhaustionArgument(basis=basis, explanation=communication.exhaustion_notes.strip())
        if basis in EXHAUSTION_BASES
        else None
    )
    # The organisation's lawyer submits (the package names the responsible lawyer as counsel):
    # the Petitions Team then asks for the victim's signed authorisation of counsel.
    counsel = (
        Counsel(authorization="signed" if signed else "none")
        if case.responsible_lawyer_id
        else None
    )
    return AdmissibilityInput(
        state=communication.state.code.upper(),
        submission_date=on,
        author=Author(
            is_victim=is_victim, authorization=authorization, anonymous=author_id is None
        ),
        events=tuple(
            Event(date=e.occurred_on, continuing=e.continuing) for e in communication.events.all()
        ),
        remedies=remedies,
        other_procedures=other_procedures_for(communication),
        delay_justification=communication.delay_justification.strip() or None,
        exhaustion_argument=argument,
        counsel=counsel,
    )


def remedies_for(case: Case) -> tuple[Remedy, ...]:
    """The case's domestic proceedings as remedies of the admissibility check."""
    return tuple(
        Remedy(
            instance=p.level,
            decided_on=p.decided_on,
            status="decided" if p.decided_on else "pending",
        )
        for p in case.proceedings.order_by("filed_on", "id")
    )


def other_procedures_for(communication: Communication | None) -> tuple[OtherProcedure, ...]:
    if communication is None:
        return ()
    return tuple(
        OtherProcedure(body=p.body, status=p.status, concluded_on=p.concluded_on, kind=p.kind)
        for p in communication.other_procedures.all()
    )


def delay_limits_for(case: Case) -> DelayLimits:
    """The rule 99(c) limits of a case, with or without a communication yet.

    The same arithmetic as the admissibility check (`admissibility.delay_limits`), so the
    `hrc-delay-5y` deadline and the check's "last day to submit" can never disagree.
    """
    data = AdmissibilityInput(
        state="",
        submission_date=timezone.localdate(),
        author=Author(is_victim=True, authorization="none", anonymous=False),
        events=(),
        remedies=remedies_for(case),
        other_procedures=other_procedures_for(communication_for(case)),
    )
    return delay_limits(data)


def assess_case(
    case: Case, *, submission_date: dt.date | None = None, communication=_UNREAD
) -> Assessment | None:
    data = admissibility_input_for(
        case, submission_date=submission_date, communication=communication
    )
    return assess(data, state_party_table()) if data else None


def filings_of(case: Case) -> QuerySet[Filing]:
    return Filing.objects.filter(case=case).select_related("generated_by")


# --- The register of communications before the Committee --------------------------------------

# The Committee's stages in order, each reached when its date is recorded (DOMAIN.md).
REGISTER_STAGES = (
    ("submitted", "submitted_on"),
    ("registered", "registered_on"),
    ("observations", "state_observations_on"),
    ("comments", "author_comments_on"),
    ("decided", "decided_on"),
)
REGISTER_ORDERS = {
    "number": "number",
    "state": "state__code",
    "submitted": "submitted_on",
    "deadline": "next_deadline",
    "stage": "register_stage_rank",
}


@dataclass(frozen=True)
class RegisterFilters:
    state: str = ""  # a StateParty code
    stage: str = ""  # one of REGISTER_STAGES
    q: str = ""  # a communication number or case reference, in part


def register_of(user: User, filters: RegisterFilters, order: str = "") -> QuerySet[Communication]:
    """Communications submitted to the Committee in the cases `user` may open.

    Each carries `register_stage` (the furthest stage recorded) and `next_deadline` (the
    earliest open deadline of its case), computed in the query: one query per page, whatever
    its size. `order` is a key of REGISTER_ORDERS, "-" for descending; newest submissions first
    otherwise.
    """
    rank = CaseWhen(
        *[
            When(**{f"{field}__isnull": False}, then=Value(index))
            for index, (_key, field) in reversed(list(enumerate(REGISTER_STAGES)))
        ],
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = (
        Communication.objects.filter(case__in=cases_visible_to(user), submitted_on__isnull=False)
        .select_related("state", "case")
        .annotate(
            register_stage_rank=rank,
            next_deadline=Subquery(
                Deadline.objects.filter(case=OuterRef("case"), status=DeadlineStatus.OPEN)
                .order_by("due_date")
                .values("due_date")[:1]
            ),
        )
    )
    if filters.state:
        rows = rows.filter(state__code=filters.state)
    if filters.stage in dict(REGISTER_STAGES):
        index = [key for key, _field in REGISTER_STAGES].index(filters.stage)
        rows = rows.filter(register_stage_rank=index)
    if filters.q:
        rows = rows.filter(Q(number__icontains=filters.q) | Q(case__reference__icontains=filters.q))
    field = REGISTER_ORDERS.get(order.lstrip("-"))
    if field:
        descending = order.startswith("-")
        expression = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
        return rows.order_by(expression, "-id")
    return rows.order_by("-submitted_on", "-id")


def register_stage(communication: Communication) -> str:
    """The furthest Committee stage recorded on `communication` (a key of REGISTER_STAGES)."""
    reached = "submitted"
    for key, field in REGISTER_STAGES:
        if getattr(communication, field):
            reached = key
    return reached


def last_event(communication: Communication) -> tuple[str, dt.date] | None:
    """The latest dated event of the communication: (stage key, date)."""
    events = [
        (getattr(communication, field), index, key)
        for index, (key, field) in enumerate(REGISTER_STAGES)
        if getattr(communication, field)
    ]
    if not events:
        return None
    when, _index, key = max(events)
    return key, when


def interim_requests_for(case: Case) -> QuerySet[InterimMeasuresRequest]:
    """The case's interim-measures requests, newest first, with their documents."""
    return (
        InterimMeasuresRequest.objects.filter(case=case)
        .select_related("state", "opened_by", "breach_recorded_by")
        .prefetch_related("filings")
        .order_by("-opened_at", "-pk")
    )


def default_state_for(case: Case) -> StateParty | None:
    """The State a request is directed against: the communication's, else the only one known."""
    communication = communication_for(case)
    if communication is not None:
        return communication.state
    states = list(StateParty.objects.filter(op_ceased_on__isnull=True)[:2])
    return states[0] if len(states) == 1 else None


def interim_request(pk: int) -> InterimMeasuresRequest:
    """One request as recorded now, with its case and State."""
    return InterimMeasuresRequest.objects.select_related("case", "state", "opened_by").get(pk=pk)
