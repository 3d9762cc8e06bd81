"""Recording the Committee stages of a case on its `communications.Communication`.

The communications app owns the model; until it offers write services of its own, the flow
writes through these small functions, always validated and audited (`save_audited`).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.models import Case, Document, User
from casework.services import save_audited
from communications.models import Communication, FollowUpAssessment, StateParty


def communication_for(case: Case) -> Communication | None:
    return Communication.objects.filter(case=case).first()


def _existing(case: Case) -> Communication:
    communication = Communication.objects.select_for_update().filter(case=case).first()
    if communication is None:
        raise ValidationError(_("The communication has not been submitted yet."))
    return communication


def record_submission(
    *,
    case: Case,
    by: User,
    state: StateParty,
    submitted_on: dt.date,
    channel: str,
    proof: Document | None,
    interim_measures: bool = False,
) -> Communication:
    if proof is not None and proof.case_id != case.pk:
        raise ValidationError({"proof": _("The proof must be a document of this case.")})
    with transaction.atomic():
        communication = Communication.objects.select_for_update().filter(
            case=case
        ).first() or Communication(case=case)
        communication.state = state
        communication.submitted_on = submitted_on
        communication.channel = channel
        communication.proof_of_submission = proof
        if interim_measures and not communication.interim_measures_requested_on:
            communication.interim_measures_requested_on = submitted_on
        return save_audited(communication, by=by, reason=_("Submitted to the Committee"))


def record_registration(
    *, case: Case, by: User, number: str, registered_on: dt.date, transmitted_on: dt.date
) -> Communication:
    with transaction.atomic():
        communication = _existing(case)
        clash = Communication.objects.filter(number=number).exclude(pk=communication.pk)
        if clash.exists():
            raise ValidationError({"number": _("Another case already has this number.")})
        communication.number = number
        communication.registered_on = registered_on
        communication.transmitted_on = transmitted_on
        return save_audited(communication, by=by, reason=_("Registered and transmitted"))


def record_interim_measures(
    *, case: Case, by: User, requested_on: dt.date, granted_on: dt.date | None
) -> Communication:
    with transaction.atomic():
        communication = _existing(case)
        if granted_on and granted_on < requested_on:
            raise ValidationError(
                {"granted_on": _("Measures cannot be granted before they were requested.")}
            )
        communication.interim_measures_requested_on = requested_on
        communication.interim_measures_granted_on = granted_on
        return save_audited(communication, by=by, reason=_("Interim measures (rule 94)"))


def record_dates(*, case: Case, by: User, **dates: dt.date) -> Communication:
    allowed = {"state_observations_on", "author_comments_on"}
    if set(dates) - allowed:
        raise ValueError(f"unknown communication dates: {sorted(set(dates) - allowed)}")
    with transaction.atomic():
        communication = _existing(case)
        for name, value in dates.items():
            setattr(communication, name, value)
        return save_audited(communication, by=by, reason=_("Committee stage recorded"))


def record_decision(
    *,
    case: Case,
    by: User,
    outcome: str,
    decided_on: dt.date,
    document_symbol: str,
    remedies_ordered: str,
    violation_ids: list[int],
) -> Communication:
    with transaction.atomic():
        communication = _existing(case)
        communication.outcome = outcome
        communication.decided_on = decided_on
        communication.document_symbol = document_symbol
        communication.remedies_ordered = remedies_ordered
        save_audited(communication, by=by, reason=_("Committee decision recorded"))
        if outcome == "views":
            for violation in case.violations.all():
                violation.found_violated = violation.pk in violation_ids
                save_audited(violation, by=by, reason=_("Views adopted"))
        return communication


def record_follow_up(
    *,
    case: Case,
    by: User,
    assessed_on: dt.date,
    grade: str,
    state_reply_summary: str,
    notes: str,
) -> FollowUpAssessment:
    with transaction.atomic():
        communication = _existing(case)
        if communication.decided_on and assessed_on < communication.decided_on:
            raise ValidationError(
                {"assessed_on": _("A follow-up assessment cannot precede the Views.")}
            )
        return save_audited(
            FollowUpAssessment(
                communication=communication,
                assessed_on=assessed_on,
                grade=grade,
                state_reply_summary=state_reply_summary,
                notes=notes,
                recorded_by=by,
            ),
            by=by,
            reason=_("Follow-up assessment"),
        )
