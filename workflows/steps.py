"""What completing each step of the litigation route records, and the facts its gateways read.

The flow (`workflows.flows`) is the graph; these are the plain functions its nodes call:
- step handlers `(activation, cleaned form data, user) -> outcome text` (None keeps the task
  open), which write through the services of the app that owns the data (casework,
  communications, deadlines) and record the decision on the process;
- the start handle, the assignee of lawyer steps and the exits that close the case;
- the entry point of a case that joins the route mid-way.
Yes/no gateways read the facts recorded here on the process (`process.submission_approved`, …).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import PROCESS

from casework import documents
from casework import services as case_services
from casework.models import (
    AuthorisationKind,
    Case,
    ClosureReason,
    DocumentKind,
    Instance,
    Language,
    PartyRole,
    Stage,
    User,
)
from communications import selectors as communication_selectors
from communications import services as communication_services
from communications.models import (
    CommitteeOutcome,
    Communication,
    InterimCompliance,
    InterimGrounds,
    InterimMeasuresRequest,
    InterimResponse,
    ReviewDecision,
)
from communications.models import ExhaustionBasis as CommunicationExhaustionBasis
from communications.package import PackageRefused
from deadlines import selectors as deadline_selectors
from deadlines import services as deadline_services
from monitoring import services as monitoring_services
from notifications.models import Kind
from notifications.services import notify

from . import selectors as flow_selectors
from .context import current_actor
from .forms import PrimaryAidForm
from .models import AidOutcome, CaseProcess, ExhaustionBasis, NextStep, ScreeningDecision

# How the route's exhaustion basis reads in the communication (the argument of OP art. 5(2)(b)).
EXHAUSTION_BASIS = {
    ExhaustionBasis.EXHAUSTED: CommunicationExhaustionBasis.EXHAUSTED,
    ExhaustionBasis.UNAVAILABLE: CommunicationExhaustionBasis.UNAVAILABLE,
    ExhaustionBasis.PROLONGED: CommunicationExhaustionBasis.UNREASONABLY_PROLONGED,
}
# Steps a case may join the route at that come after the exhaustion of domestic remedies.
AFTER_EXHAUSTION = {"draft_communication", "committee", "follow_up"}

# --- Intake and joining the route ---------------------------------------------------------------


def intake_case(data: dict, *, by: User, opened_on=None) -> Case:
    """Open the case and record its people, articles and consents (one transaction)."""
    case = case_services.case_open(
        by=by,
        title=data["title"],
        branch=data["branch"],
        theme=data["theme"],
        confidentiality=data["confidentiality"],
        summary=data["summary"],
        **({"opened_on": opened_on} if opened_on else {}),
    )
    client_fields = {"full_name": data["client_name"]}
    if data.get("client_birth_date"):
        client_fields["birth_date"] = data["client_birth_date"]
    if data.get("client_phone"):
        client_fields["phone"] = data["client_phone"]
    client = case_services.party_add(
        case=case, by=by, role=PartyRole.CLIENT, new_person=client_fields
    ).person
    if data.get("victim_is_client"):
        case_services.party_add(case=case, by=by, role=PartyRole.VICTIM, person=client)
    else:
        case_services.party_add(
            case=case, by=by, role=PartyRole.VICTIM, new_person={"full_name": data["victim_name"]}
        )
    for article in data["articles"]:
        case_services.violation_add(case=case, by=by, article=article)
    case_services.authorisation_record(
        case=case,
        by=by,
        person=client,
        kind=AuthorisationKind.CONSENT_DATA,
        signed_on=data["consent_signed_on"],
    )
    if data.get("power_of_attorney_signed_on"):
        case_services.authorisation_record(
            case=case,
            by=by,
            person=client,
            kind=AuthorisationKind.POWER_OF_ATTORNEY,
            signed_on=data["power_of_attorney_signed_on"],
        )
    return case


def intake_task_data(conflicts) -> dict[str, Any]:
    """What the intake task records: an outcome without names, and the undisclosed matches."""
    return {
        "outcome": _("Case opened; conflict check: %(n)s matching case(s)")
        % {"n": (conflicts.matches + conflicts.undisclosed) if conflicts else 0},
        "conflicts_hidden": conflicts.undisclosed if conflicts else 0,
    }


def entry_step(case: Case) -> str:
    """Where a case already under way joins the route, from its stage and recorded file."""
    if not case.responsible_lawyer_id or case.stage in (Stage.INTAKE, Stage.SCREENING):
        return "screen"
    if case.stage == Stage.DOMESTIC:
        latest = case.proceedings.order_by("-filed_on", "-id").first()
        if latest is None:
            return "file_proceeding"
        return "decide_next" if latest.decided_on else "record_decision"
    if case.stage in (Stage.SUBMITTED, Stage.COMMITTEE):
        has_communication = communication_selectors.communication_for(case) is not None
        return "committee" if has_communication else "draft_communication"
    return {
        Stage.PRIMARY_AID: "primary_aid",
        Stage.EXHAUSTION: "argue_exhaustion",
        Stage.DRAFTING: "draft_communication",
        Stage.FOLLOW_UP: "follow_up",
    }.get(case.stage, "screen")


def enters_at(step: str):
    """Gateway condition: the case joins the route at `step`."""
    return lambda activation: activation.process.entry_step == step


def start_case(activation, case: Case, by: User) -> CaseProcess:
    """Put an existing case on the route; record where it joins and what was decided before."""
    process = activation.process
    process.case = case
    activation.task.owner = by
    process.entry_step = entry_step(case)
    if process.entry_step != "screen":
        # Screening happened before the case joined the route.
        process.screening_decision = (
            ScreeningDecision.STRATEGIC if case.is_strategic else ScreeningDecision.PRIMARY_AID
        )
    if process.entry_step == "record_decision":
        process.current_proceeding = case.proceedings.order_by("-filed_on", "-id").first()
    if process.entry_step == "committee":
        communication = communication_selectors.communication_for(case)
        # Interim measures run in their own flow now (InterimMeasuresFlow), not on this route.
        process.committee_step = committee_step(communication)
    if process.entry_step in AFTER_EXHAUSTION:
        # A case that joins after exhaustion gets its rule 99(c) limit like any other.
        communication_services.sync_hrc_delay_deadline(
            case, by=by, reason=_("Put on the litigation route")
        )
    activation.task.data = {
        "outcome": _("Existing case put on the litigation route at: %(stage)s")
        % {"stage": case.get_stage_display()}
    }
    return process


def committee_step(communication: Communication | None) -> str:
    """Where a communication before the Committee stands: the step that waits for something."""
    if communication is None or not communication.transmitted_on:
        return "register"
    if not communication.state_observations_on:
        return "state_observations"
    if not communication.author_comments_on:
        return "author_comments"
    return "committee_decision"


def responsible_lawyer(activation) -> User | None:
    return activation.process.case.responsible_lawyer


# --- 2-4. Screening, assignment, primary legal aid -------------------------------------------


def screened(activation, data, user):
    process = activation.process
    process.screening_decision = data["decision"]
    process.screening_reason = data.get("reason", "")
    process.save()
    if data["decision"] in (ScreeningDecision.STRATEGIC, ScreeningDecision.PRIMARY_AID):
        case_services.case_update(
            case=process.case,
            by=user,
            data={"is_strategic": data["decision"] == ScreeningDecision.STRATEGIC},
            expected_version=None,
            reason=_("Screening"),
        )
    return ScreeningDecision(data["decision"]).label


def assigned(activation, data, user):
    case_services.case_assign_lawyer(
        case=activation.process.case,
        lawyer=data["lawyer"],
        team=tuple(data.get("team") or ()),
        by=user,
    )
    # The next task (primary legal aid) is assigned to this lawyer by the flow itself.
    notify(
        recipients=[data["lawyer"]],
        kind=Kind.TASK_ASSIGNED,
        case=activation.process.case,
        url=reverse("workflows:inbox"),
        actor=user,
    )
    return _("Responsible lawyer: %(lawyer)s") % {"lawyer": data["lawyer"]}


def aid_recorded(activation, data, user):
    process = activation.process
    if data.get("activity_kind") and (data.get("activity_text") or "").strip():
        extra = {"occurred_on": data["activity_on"]} if data.get("activity_on") else {}
        case_services.activity_add(
            case=process.case,
            by=user,
            kind=data["activity_kind"],
            text=data["activity_text"],
            **extra,
        )
    if data["action"] != PrimaryAidForm.COMPLETE:
        return None  # the activity is recorded; primary legal aid goes on
    process.aid_outcome = data["outcome"]
    process.save()
    return AidOutcome(data["outcome"]).label


# --- 5. Domestic proceedings -------------------------------------------------------------------


def proceeding_filed(activation, data, user):
    process = activation.process
    proceeding = case_services.proceeding_record(
        case=process.case,
        by=user,
        level=data["level"],
        procedure_type=data["procedure_type"],
        body=data["body"],
        body_ru=data.get("body_ru", ""),
        body_kk=data.get("body_kk", ""),
        body_en=data.get("body_en", ""),
        court_case_number=data.get("court_case_number", ""),
        filed_on=data["filed_on"],
        claims_raised=data.get("claims_raised", ""),
        covenant_invoked=data.get("covenant_invoked"),
    )
    process.current_proceeding = proceeding
    process.next_instance = ""
    process.save()
    outcome = _("Filed: %(proceeding)s, %(date)s") % {
        "proceeding": proceeding,
        "date": proceeding.filed_on.isoformat(),
    }
    # Filing at the instance a period was running for met it (deadlines marks it met); say so,
    # and say plainly when the filing came after the period ended.
    late = [
        deadline
        for deadline in deadline_selectors.filing_deadlines(process.case, proceeding.level)
        if deadline.due_date < proceeding.filed_on
    ]
    if late:
        outcome += " — " + _("filed after the deadline of %(deadlines)s: record why") % {
            "deadlines": "; ".join(f"{d.kind_label} ({d.due_date.isoformat()})" for d in late)
        }
    return outcome


def decision_recorded(activation, data, user):
    process = activation.process
    proceeding = process.current_proceeding
    if proceeding is None:
        raise ValidationError(_("No proceeding is waiting for a decision."))
    # Saving the decision lets the deadlines app compute the next time limit (appeal, cassation).
    case_services.proceeding_update(
        proceeding=proceeding,
        by=user,
        data={
            "decided_on": data["decided_on"],
            "outcome": data["outcome"],
            "decision_summary": data.get("decision_summary", ""),
            "claims_raised": data.get("claims_raised") or "",
            "covenant_invoked": data.get("covenant_invoked"),
        },
        reason=_("Decision recorded"),
    )
    upload = data.get("decision_document")
    if upload:
        documents.document_upload(
            case=process.case,
            by=user,
            uploaded=upload,
            title=_("Decision of %(body)s, %(date)s")
            % {"body": proceeding.body, "date": data["decided_on"].isoformat()},
            kind=DocumentKind.DECISION,
            language=data.get("decision_language") or Language.RUSSIAN,
            confidentiality=data.get("decision_confidentiality") or process.case.confidentiality,
            proceeding=proceeding,
            reason=_("Decision recorded"),
        )
    existing = data.get("decision_existing")
    if existing is not None:
        documents.document_describe(
            document=existing,
            by=user,
            data={"kind": DocumentKind.DECISION, "proceeding": proceeding},
            reason=_("Decision recorded"),
        )
    # Every ordinary decision moves the rule 99(c) limit (5 years from the last one; the
    # earliest possible start while later instances are still open, so never a late date).
    limit = communication_services.sync_hrc_delay_deadline(
        process.case, by=user, reason=_("Decision recorded")
    )
    outcome = _("%(outcome)s on %(date)s") % {
        "outcome": proceeding.get_outcome_display(),
        "date": data["decided_on"].isoformat(),
    }
    following = deadline_selectors.proceeding_deadlines(process.case, proceeding.pk)
    if limit is not None and limit.is_open:
        following.append(limit)
    if data.get("decision_pending"):
        outcome += " — " + _("written decision not yet received")
    if following:
        outcome += " — " + _("next: %(deadlines)s") % {
            "deadlines": "; ".join(f"{d.kind_label} ({d.due_date.isoformat()})" for d in following)
        }
    return outcome


def next_decided(activation, data, user):
    process = activation.process
    process.next_step = data["next_step"]
    process.next_instance = data.get("next_instance") or ""
    process.save()
    if data["next_step"] == NextStep.NEXT_INSTANCE:
        return _("Next: %(instance)s") % {"instance": Instance(process.next_instance).label}
    # No further domestic instance: the periods for filing one no longer bind anyone.
    label = NextStep(data["next_step"]).label
    deadline_services.cancel_open_filing_deadlines(
        case=process.case, by=user, reason=_("Cancelled: %(decision)s") % {"decision": label}
    )
    return label


# --- 6. Exhaustion -------------------------------------------------------------------------------


def exhaustion_argued(activation, data, user):
    process = activation.process
    process.exhaustion_basis = data["basis"]
    process.exhaustion_argument = data["argument"]
    process.exhaustion_confirmed = None
    process.save()
    return process.get_exhaustion_basis_display()


def exhaustion_reviewed(activation, data, user):
    process = activation.process
    process.exhaustion_confirmed = data["confirmed"]
    process.exhaustion_comments = data.get("comments", "")
    process.save()
    if not data["confirmed"]:
        return _("Returned: %(comments)s") % {"comments": process.exhaustion_comments}
    carry_exhaustion(process, by=user)
    # Rule 99(c), the safe reading: 5 years from the last *ordinary* domestic decision.
    communication_services.sync_hrc_delay_deadline(
        process.case, by=user, reason=_("Exhaustion confirmed")
    )
    return _("Exhaustion confirmed")


def carry_exhaustion(process: CaseProcess, *, by: User | None) -> None:
    """The confirmed exhaustion argument of the route, onto the case's communication, where the
    admissibility check and the package read it (`workflows.receivers` calls it again when the
    communication is created after the confirmation)."""
    if not process.exhaustion_confirmed or process.exhaustion_basis not in EXHAUSTION_BASIS:
        return
    communication_services.communication_record_exhaustion_basis(
        case=process.case,
        basis=EXHAUSTION_BASIS[process.exhaustion_basis],
        explanation=process.exhaustion_argument or "",
        by=by,
    )


# --- 7. Drafting, approval, submission -----------------------------------------------------------


def build_draft(case: Case, *, by: User, lang: str):
    """Build the draft package a supervisor will approve; ValidationError lists what is missing
    (the same list the Communication page shows when building is refused)."""
    try:
        filing, _result = communication_services.build_hrc_package(
            case=case, by=by, lang=lang, final=False
        )
    except PackageRefused as refused:
        raise ValidationError(list(refused.problems)) from None
    except PermissionDenied as denied:
        raise ValidationError(str(denied)) from None
    return filing


def draft_ready(activation, data, user):
    process = activation.process
    filing = build_draft(process.case, by=user, lang=data.get("lang") or "ru")
    process.drafted_by = user
    process.save()
    # The approval task has no owner yet: tell the supervisors who may approve on this case.
    notify(
        recipients=flow_selectors.approvers_of(process.case),
        kind=Kind.APPROVAL_REQUESTED,
        case=process.case,
        url=reverse("workflows:queue"),
        actor=user,
    )
    notes = (data.get("notes") or "").strip()
    return _("Draft package version %(version)s sent for review") % {"version": filing.version} + (
        f": {notes}" if notes else ""
    )


def submission_reviewed(activation, data, user):
    process = activation.process
    communication_services.submission_review_record(
        case=process.case,
        by=user,
        decision=data["decision"],
        comments=data.get("comments", ""),
        drafted_by=process.drafted_by,
        filing=data.get("filing"),
    )
    process.review_decision = data["decision"]
    process.review_comments = data.get("comments", "")
    process.review_rounds += 1
    process.submission_approved = data["decision"] == ReviewDecision.APPROVE
    process.save()
    if process.submission_approved:
        return _("Approved draft version %(version)s (round %(n)s)") % {
            "version": data["filing"].version,
            "n": process.review_rounds,
        }
    notify(
        recipients=[process.drafted_by or process.case.responsible_lawyer],
        kind=Kind.DRAFT_RETURNED,
        case=process.case,
        url=reverse("cases:detail", kwargs={"reference": process.case.reference}),
        actor=user,
    )
    return _("Returned (round %(n)s): %(comments)s") % {
        "n": process.review_rounds,
        "comments": process.review_comments,
    }


def submitted(activation, data, user):
    process = activation.process
    if communication_selectors.changed_since_approval(process.case):
        # Four eyes: what was approved is no longer what would be filed. A new draft goes to
        # the supervisor (route_submission); nothing is recorded as submitted.
        review = communication_selectors.approved_review(process.case)
        filing = build_draft(process.case, by=user, lang=review.filing.language)
        process.drafted_by = user
        process.submission_approved = False
        process.save()
        return _(
            "The communication changed after the approval: new draft package version "
            "%(version)s sent back for approval"
        ) % {"version": filing.version}
    communication_services.communication_submit(
        case=process.case,
        by=user,
        state=data["state"],
        submitted_on=data["submitted_on"],
        channel=data["channel"],
        proof=data["proof"],
        filing=data.get("filing"),
    )
    process.committee_step = "register"
    process.save()
    # Submitting in time meets the rule 99(c) delay deadlines (5 years / 3 years).
    deadline_services.sync_for_event(
        case=process.case,
        trigger="hrc_submission",
        event_date=data["submitted_on"],
        source_key=f"process:{process.pk}:submission",
        by=user,
    )
    case_services.case_set_stage(case=process.case, stage=Stage.SUBMITTED, by=user)
    return _("Submitted on %(date)s by %(channel)s") % {
        "date": data["submitted_on"].isoformat(),
        "channel": data["channel"],
    }


# --- 8. Before the Committee ---------------------------------------------------------------------


def registered(activation, data, user):
    case = activation.process.case
    communication = communication_services.communication_register(
        case=case,
        by=user,
        number=data["number"],
        registered_on=data["registered_on"],
        transmitted_on=data["transmitted_on"],
    )
    # Rule 92: the State's observations are due 6 months after transmittal.
    deadline_services.sync_for_event(
        case=case,
        trigger="hrc_transmittal",
        event_date=communication.transmitted_on,
        source_key=f"communication:{communication.pk}:transmitted",
        by=user,
    )
    case_services.case_set_stage(case=case, stage=Stage.COMMITTEE, by=user)
    return _("Communication %(number)s, transmitted on %(date)s") % {
        "number": communication.number,
        "date": communication.transmitted_on.isoformat(),
    }


def interim_measures_recorded(activation, data, user):
    """The Committee-stage task of routes submitted before interim measures had their own flow
    (`process.interim_measures`); it records on the case's request sent with the communication."""
    communication_services.interim_measures_record_legacy(
        case=activation.process.case,
        by=user,
        requested_on=data["requested_on"],
        granted_on=data.get("granted_on") if data.get("granted") else None,
    )
    if data.get("granted"):
        return _("Interim measures granted on %(date)s") % {"date": data["granted_on"].isoformat()}
    return _("Interim measures not granted")


def observations_received(activation, data, user):
    case = activation.process.case
    communication_services.communication_record_dates(
        case=case, by=user, state_observations_on=data["received_on"]
    )
    deadline_services.deadlines_complete_for_rules(
        case=case,
        rule_codes=["hrc-state-observations"],
        by=user,
        reason=_("Met: State party observations received on %(date)s")
        % {"date": data["received_on"].isoformat()},
    )
    return _("Observations received on %(date)s") % {"date": data["received_on"].isoformat()}


def comments_sent(activation, data, user):
    communication_services.communication_record_dates(
        case=activation.process.case, by=user, author_comments_on=data["sent_on"]
    )
    return _("Comments sent on %(date)s") % {"date": data["sent_on"].isoformat()}


def committee_decided(activation, data, user):
    process = activation.process
    communication = communication_services.communication_record_decision(
        case=process.case,
        by=user,
        outcome=data["outcome"],
        decided_on=data["decided_on"],
        document_symbol=data["document_symbol"],
        remedies_ordered=data.get("remedies_ordered", ""),
        violation_ids=[int(pk) for pk in data.get("violations_found") or []],
    )
    process.committee_outcome = communication.outcome
    process.save()
    if communication.outcome == CommitteeOutcome.VIEWS:
        # The State is asked to report within 180 days of the Views: an awaited deadline.
        deadline_services.sync_for_event(
            case=process.case,
            trigger="hrc_views_adopted",
            event_date=communication.decided_on,
            source_key=f"communication:{communication.pk}:views",
            by=user,
        )
    return f"{communication.get_outcome_display()} — {communication.document_symbol}"


# --- 9. Follow-up of the Views -------------------------------------------------------------------


def follow_up_recorded(activation, data, user):
    """Record the round per remedy through monitoring; the flow keeps only "concluded"."""
    process = activation.process
    assessments = monitoring_services.follow_up_round(case=process.case, by=user, **data["round"])
    process.follow_up_done = bool(data.get("concluded"))
    process.save()
    grades = ", ".join(
        f"{a.recommendation}: {a.grade.code if a.grade else a.get_status_display()}"
        for a in assessments
    )
    return _("Assessment of %(date)s: %(grade)s%(end)s") % {
        "date": data["assessed_on"].isoformat(),
        "grade": grades or _("no grade"),
        "end": _("; follow-up concluded") if process.follow_up_done else "",
    }


def has_views(activation) -> bool:
    return activation.process.committee_outcome == CommitteeOutcome.VIEWS


def cancel_interim_runs(case: Case) -> int:
    """A closing case ends its open interim-measures requests (their tasks are cancelled; the
    case's closure cancels their deadlines). The flow class comes from each run itself, so this
    module need not import the flow."""
    runs = CaseProcess.objects.filter(
        case=case, interim_request__isnull=False, status=PROCESS.NEW
    ).order_by("pk")
    count = 0
    for run in runs:
        run.flow_class.instance.cancel(run)
        count += 1
    return count


# --- Exits inside the graph: each closes the case with its reason ---------------------------------


def closes_case(reason_code: str):
    """A Function node's callable that closes the case for `reason_code` (a ClosureReason)."""

    def close(activation) -> None:
        process = activation.process
        process.exit_reason = reason_code
        process.save()
        cancel_interim_runs(process.case)
        case_services.case_close(case=process.case, reason_code=reason_code, by=current_actor())

    close.__name__ = f"close_{reason_code}"
    return close


close_declined = closes_case(ClosureReason.DECLINED)
close_referred = closes_case(ClosureReason.REFERRED)
close_aid_completed = closes_case(ClosureReason.AID_COMPLETED)
close_settled = closes_case(ClosureReason.SETTLED)
close_inadmissible = closes_case(ClosureReason.INADMISSIBLE)
close_views_followed_up = closes_case(ClosureReason.VIEWS_IMPLEMENTED)


# --- The urgent interim-measures flow (rule 94), beside the route ---------------------------------
# `flows.InterimMeasuresFlow`: opened by a supervisor from screening onward; each request is one
# run of it. Handlers write through `communications.services`; gateways read the request.


def interim_opened(activation, case: Case, by: User, data: dict) -> CaseProcess:
    """Start handle: record the request and tie this run of the flow to it."""
    process = activation.process
    process.case = case
    activation.task.owner = by
    request = communication_services.interim_request_open(
        case=case,
        by=by,
        state=data["state"],
        grounds=data["grounds"],
        **{name: data.get(name, "") for name in communication_services.INTERIM_TEXT_FIELDS},
    )
    process.interim_request = request
    activation.task.data = {
        "outcome": _("Interim-measures request opened: %(grounds)s")
        % {"grounds": InterimGrounds(request.grounds).label}
    }
    return process


def interim_request_of(activation) -> InterimMeasuresRequest:
    """The run's request as recorded now (the services save locked copies, not the process's)."""
    return communication_selectors.interim_request(activation.process.interim_request_id)


def interim_assignee(activation) -> User | None:
    """Urgent: the responsible lawyer, or the supervisor who opened the request (none yet at
    screening)."""
    case = activation.process.case
    return case.responsible_lawyer or interim_request_of(activation).opened_by


def interim_sent(activation, data, user):
    request = communication_services.interim_request_sent(
        request=interim_request_of(activation),
        by=user,
        sent_at=data["sent_at"],
        channel=data["channel"],
    )
    return _("Sent at %(moment)s by %(channel)s") % {
        "moment": timezone.localtime(request.sent_at).strftime("%Y-%m-%d %H:%M"),
        "channel": request.get_channel_display(),
    }


def interim_answered(activation, data, user):
    request = communication_services.interim_request_response(
        request=interim_request_of(activation),
        by=user,
        response=data["response"],
        response_on=data.get("response_on"),
        committee_reference=data.get("committee_reference", ""),
        note=data.get("note", ""),
    )
    if request.response == InterimResponse.PENDING:
        return None  # the note is kept; the Committee's answer is still awaited
    return _("%(response)s on %(date)s") % {
        "response": request.get_response_display(),
        "date": request.response_on.isoformat(),
    }


def interim_compliance_recorded(activation, data, user):
    request = communication_services.interim_request_compliance(
        request=interim_request_of(activation),
        by=user,
        compliance=data["compliance"],
        compliance_on=data.get("compliance_on"),
        note=data.get("note", ""),
    )
    # Not complying is a breach to record now; otherwise the watch goes on until it is ended.
    if request.compliance != InterimCompliance.NOT_COMPLIED and not data.get("end_watch"):
        return None
    return request.get_compliance_display()


def interim_breach_recorded(activation, data, user):
    communication_services.interim_request_breach(
        request=interim_request_of(activation), by=user, note=data["note"]
    )
    return _("Breach of OP art. 1 recorded")


def interim_granted(activation) -> bool:
    return interim_request_of(activation).response == InterimResponse.GRANTED


def interim_breached(activation) -> bool:
    return interim_request_of(activation).breach_possible


def interim_request_closed(activation) -> None:
    """The run ends: deadlines still open for this request bind no one any more."""
    communication_services.interim_request_close_deadlines(
        request=interim_request_of(activation),
        by=current_actor(),
        reason=_("Cancelled: the interim-measures request is closed"),
    )
