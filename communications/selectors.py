"""Reading for the communications app: the State-party table and the ORM adapter that turns a
case file into the input of the pure admissibility check.

Cases themselves are obtained through `casework.selectors` (permissions live there only).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from casework.models import AuthorisationKind, Case, PartyRole, User

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


def last_editor_of(communication: Communication) -> User | None:
    """Who saved the communication last (its newest history row), for the four-eyes rule."""
    row = communication.history.order_by("-history_date", "-history_id").first()
    return row.history_user if row else None


def admissibility_input_for(
    case: Case, *, submission_date: dt.date | None = None
) -> AdmissibilityInput | None:
    """Build the admissibility input from the case file; None without a Communication.

    The submission date is the recorded one, else the given one, else today (a "what if I submit
    today" check while drafting).
    """
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


def assess_case(case: Case, *, submission_date: dt.date | None = None) -> Assessment | None:
    data = admissibility_input_for(case, submission_date=submission_date)
    return assess(data, state_party_table()) if data else None


def filings_of(case: Case) -> QuerySet[Filing]:
    return Filing.objects.filter(case=case).select_related("generated_by")


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
