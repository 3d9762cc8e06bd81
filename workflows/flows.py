"""The litigation flow: every case's legal route from intake to the follow-up of the Views.

Read it top to bottom like DOMAIN.md, "The life of a case". Each human step is a `CaseTask`: a
form, the flow method below that records it through casework/communications services, the stage
the case enters, the role permission of the node (`.Permission`) and — in `CaseTask` — the
guardian permission on the case. Gateways route on the decisions recorded on the process.
Exits at any point (client withdrew, transferred, settled) stop the process from outside the
graph: `workflows.services.process_stop` cancels every open task at once and closes the case.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.lock import select_for_update_lock

from casework import lifecycle, services
from casework.models import ClosureReason, Stage
from casework.selectors import MANAGE_TEAM
from communications.models import CommitteeOutcome

from . import committee
from .context import current_actor
from .forms import (
    ApproveSubmissionForm,
    ArgueExhaustionForm,
    AssignForm,
    AuthorCommentsForm,
    CommitteeDecisionForm,
    ConfirmExhaustionForm,
    DecideNextForm,
    DraftForm,
    FileProceedingForm,
    FollowUpForm,
    InterimMeasuresForm,
    PrimaryAidForm,
    RecordDecisionForm,
    RegisterForm,
    ScreenForm,
    StateObservationsForm,
    SubmitForm,
)
from .models import (
    AidOutcome,
    CaseProcess,
    NextStep,
    ReviewDecision,
    ScreeningDecision,
)
from .nodes import CaseTask, Intake

INTAKE = "workflows.intake_case"
LITIGATE = "workflows.litigate_case"
SUPERVISE = "workflows.supervise_case"


def entry_step(case) -> str:
    """Where a case already under way joins the route, from its stage and recorded file."""
    if not case.responsible_lawyer_id or case.stage in (Stage.INTAKE, Stage.SCREENING):
        return "screen"
    if case.stage == Stage.DOMESTIC:
        latest = case.proceedings.order_by("-filed_on", "-id").first()
        if latest is None:
            return "file_proceeding"
        return "decide_next" if latest.decided_on else "record_decision"
    if case.stage in (Stage.SUBMITTED, Stage.COMMITTEE):
        return "committee" if committee.communication_for(case) else "draft_communication"
    return {
        Stage.PRIMARY_AID: "primary_aid",
        Stage.EXHAUSTION: "argue_exhaustion",
        Stage.DRAFTING: "draft_communication",
        Stage.FOLLOW_UP: "follow_up",
    }.get(case.stage, "screen")


def enters_at(step: str):
    """Gateway condition: the case joins the route at `step`."""
    return lambda activation: entry_step(activation.process.case) == step


class LitigationFlow(flow.Flow):
    """Strategic litigation

    From intake to domestic courts, the UN Human Rights Committee and the follow-up of its Views.
    """

    process_class = CaseProcess
    # Two people completing the same task at once: the process row is locked (SELECT ... FOR
    # UPDATE NOWAIT, retried); the second one finds the task done and is told so.
    lock_impl = select_for_update_lock
    process_summary_template = "{{ process.case.reference }}"

    # 1. Intake: a lawyer records client, victim, facts, articles and consent (views.IntakeView).
    intake = (
        Intake(this.intake_view)
        .Annotation(title=gettext_lazy("Intake"))
        .Permission(INTAKE)
        .Next(this.screen)
    )
    # Cases opened elsewhere (case page, the existing caseload) join the route at their stage.
    start_for_case = (
        flow.StartHandle(this.start_case)
        .Annotation(title=gettext_lazy("Put on the litigation route"))
        .Next(this.join_at_stage)
    )
    join_at_stage = (
        flow.Switch()
        .Case(this.primary_aid, enters_at("primary_aid"))
        .Case(this.file_proceeding, enters_at("file_proceeding"))
        .Case(this.record_decision, enters_at("record_decision"))
        .Case(this.decide_next, enters_at("decide_next"))
        .Case(this.argue_exhaustion, enters_at("argue_exhaustion"))
        .Case(this.draft_communication, enters_at("draft_communication"))
        .Case(this.split_committee, enters_at("committee"))
        .Case(this.follow_up, enters_at("follow_up"))
        .Default(this.screen)
    )

    # 2. Screening by a supervisor.
    screen = (
        CaseTask(ScreenForm, this.screened, stage=Stage.SCREENING, case_permission=MANAGE_TEAM)
        .Annotation(title=gettext_lazy("Screen the case"))
        .Permission(SUPERVISE)
        .Next(this.route_screening)
    )
    route_screening = (
        flow.Switch()
        .Case(this.assign, this.is_accepted)
        .Case(this.declined, this.is_declined)
        .Default(this.referred)
    )

    # 3. Assignment of the responsible lawyer (and team).
    assign = (
        CaseTask(AssignForm, this.assigned, stage=Stage.SCREENING, case_permission=MANAGE_TEAM)
        .Annotation(title=gettext_lazy("Assign a responsible lawyer"))
        .Permission(SUPERVISE)
        .Next(this.primary_aid)
    )

    # 4. Primary legal aid: consultations and complaints, recorded as activities.
    primary_aid = (
        CaseTask(PrimaryAidForm, this.aid_recorded, stage=Stage.PRIMARY_AID)
        .Annotation(title=gettext_lazy("Primary legal aid"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.route_aid)
    )
    route_aid = (
        flow.Switch()
        .Case(this.file_proceeding, this.goes_to_court)
        .Case(this.settled, this.is_settled)
        .Default(this.aid_completed)
    )

    # 5. Domestic proceedings, one instance after another (order: Proceeding.clean).
    file_proceeding = (
        CaseTask(FileProceedingForm, this.proceeding_filed, stage=Stage.DOMESTIC)
        .Annotation(title=gettext_lazy("File at a domestic instance"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.record_decision)
    )
    record_decision = (
        CaseTask(RecordDecisionForm, this.decision_recorded, stage=Stage.DOMESTIC)
        .Annotation(title=gettext_lazy("Record the decision"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.decide_next)
    )
    decide_next = (
        CaseTask(DecideNextForm, this.next_decided, stage=Stage.DOMESTIC)
        .Annotation(title=gettext_lazy("Decide the next step"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.route_domestic)
    )
    route_domestic = (
        flow.Switch()
        .Case(this.file_proceeding, this.goes_to_next_instance)
        .Case(this.settled, this.is_settled_domestically)
        .Default(this.argue_exhaustion)
    )

    # 6. Exhaustion: the lawyer argues, the supervisor confirms.
    argue_exhaustion = (
        CaseTask(ArgueExhaustionForm, this.exhaustion_argued, stage=Stage.EXHAUSTION)
        .Annotation(title=gettext_lazy("Argue exhaustion of domestic remedies"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.confirm_exhaustion)
    )
    confirm_exhaustion = (
        CaseTask(
            ConfirmExhaustionForm,
            this.exhaustion_reviewed,
            stage=Stage.EXHAUSTION,
            case_permission=MANAGE_TEAM,
        )
        .Annotation(title=gettext_lazy("Confirm exhaustion"))
        .Permission(SUPERVISE)
        .Next(this.route_exhaustion)
    )
    route_exhaustion = (
        flow.Switch()
        .Case(this.draft_communication, this.is_exhaustion_confirmed)
        .Default(this.decide_next)
    )

    # 7. Drafting → approval (any number of rounds) → submission.
    draft_communication = (
        CaseTask(DraftForm, this.draft_ready, stage=Stage.DRAFTING)
        .Annotation(title=gettext_lazy("Draft the communication"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.approve_submission)
    )
    approve_submission = (
        CaseTask(
            ApproveSubmissionForm,
            this.submission_reviewed,
            stage=Stage.DRAFTING,
            case_permission=MANAGE_TEAM,
        )
        .Annotation(title=gettext_lazy("Approve the submission"))
        .Permission(SUPERVISE)
        .Next(this.route_approval)
    )
    route_approval = (
        flow.Switch()
        .Case(this.submit, this.is_submission_approved)
        .Default(this.draft_communication)
    )
    submit = (
        CaseTask(SubmitForm, this.submitted, stage=Stage.DRAFTING)
        .Annotation(title=gettext_lazy("Submit to the Committee"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.split_committee)
    )

    # 8. Before the Committee: registration, optional urgent interim measures in parallel,
    # State observations, author's comments, then Views or inadmissibility.
    split_committee = (
        flow.Split()
        .Next(this.interim_measures, case=this.has_interim_measures)
        .Always(this.committee_stage)
    )
    # Picks up where the communication stands (a case joining the route mid-way skips the rest).
    committee_stage = (
        flow.Switch()
        .Case(this.state_observations, this.awaits_observations)
        .Case(this.author_comments, this.awaits_comments)
        .Case(this.join_committee, this.awaits_decision)
        .Default(this.register)
    )
    interim_measures = (
        CaseTask(InterimMeasuresForm, this.interim_measures_recorded, stage=Stage.COMMITTEE)
        .Annotation(title=gettext_lazy("Interim measures (rule 94)"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.join_committee)
    )
    register = (
        CaseTask(RegisterForm, this.registered, stage=Stage.SUBMITTED)
        .Annotation(title=gettext_lazy("Record registration and transmittal"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.state_observations)
    )
    state_observations = (
        CaseTask(StateObservationsForm, this.observations_received, stage=Stage.COMMITTEE)
        .Annotation(title=gettext_lazy("State party observations"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.author_comments)
    )
    author_comments = (
        CaseTask(AuthorCommentsForm, this.comments_sent, stage=Stage.COMMITTEE)
        .Annotation(title=gettext_lazy("Author's comments"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.join_committee)
    )
    join_committee = flow.Join().Next(this.committee_decision)
    committee_decision = (
        CaseTask(CommitteeDecisionForm, this.committee_decided, stage=Stage.COMMITTEE)
        .Annotation(title=gettext_lazy("Record the Committee's decision"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.route_committee)
    )
    route_committee = flow.Switch().Case(this.follow_up, this.has_views).Default(this.inadmissible)

    # 9. Follow-up of the Views, then closure.
    follow_up = (
        CaseTask(FollowUpForm, this.follow_up_recorded, stage=Stage.FOLLOW_UP)
        .Annotation(title=gettext_lazy("Follow up the Views"))
        .Permission(LITIGATE)
        .Assign(this.responsible_lawyer)
        .Next(this.route_follow_up)
    )
    route_follow_up = (
        flow.Switch().Case(this.views_followed_up, this.is_follow_up_done).Default(this.follow_up)
    )

    # Exits inside the graph: each closes the case with its reason.
    declined = flow.Function(this.close_declined).Next(this.end)
    referred = flow.Function(this.close_referred).Next(this.end)
    aid_completed = flow.Function(this.close_aid_completed).Next(this.end)
    settled = flow.Function(this.close_settled).Next(this.end)
    inadmissible = flow.Function(this.close_inadmissible).Next(this.end)
    views_followed_up = flow.Function(this.close_views_followed_up).Next(this.end)
    end = flow.End()

    # ----------------------------------------------------------------------------------------
    # Start

    def intake_view(self, request, *args, **kwargs):
        from .views import IntakeView

        return IntakeView.as_view()(request, *args, **kwargs)

    def start_case(self, activation, case, by):
        process = activation.process
        process.case = case
        activation.task.owner = by
        entry = entry_step(case)
        if entry != "screen":
            # Screening happened before the case joined the route.
            process.screening_decision = (
                ScreeningDecision.STRATEGIC if case.is_strategic else ScreeningDecision.PRIMARY_AID
            )
        if entry == "record_decision":
            process.current_proceeding = case.proceedings.order_by("-filed_on", "-id").first()
        if entry == "committee":
            process.interim_measures = bool(
                (communication := committee.communication_for(case))
                and communication.interim_measures_requested_on
                and not communication.interim_measures_granted_on
                and not communication.transmitted_on
            )
        activation.task.data = {
            "outcome": _("Existing case put on the litigation route at: %(stage)s")
            % {"stage": case.get_stage_display()}
        }
        return process

    def responsible_lawyer(self, activation):
        return activation.process.case.responsible_lawyer

    # ----------------------------------------------------------------------------------------
    # Handlers: (activation, cleaned form data, user) -> outcome shown in the task history.

    def screened(self, activation, data, user):
        process = activation.process
        process.screening_decision = data["decision"]
        process.screening_reason = data.get("reason", "")
        process.save()
        if data["decision"] in (ScreeningDecision.STRATEGIC, ScreeningDecision.PRIMARY_AID):
            services.case_update(
                case=process.case,
                by=user,
                data={"is_strategic": data["decision"] == ScreeningDecision.STRATEGIC},
                expected_version=None,
                reason=_("Screening"),
            )
        return ScreeningDecision(data["decision"]).label

    def assigned(self, activation, data, user):
        lifecycle.case_assign_lawyer(
            case=activation.process.case,
            lawyer=data["lawyer"],
            team=tuple(data.get("team") or ()),
            by=user,
        )
        return _("Responsible lawyer: %(lawyer)s") % {"lawyer": data["lawyer"]}

    def aid_recorded(self, activation, data, user):
        process = activation.process
        if data.get("activity_kind") and (data.get("activity_text") or "").strip():
            extra = {"occurred_on": data["activity_on"]} if data.get("activity_on") else {}
            services.activity_add(
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

    def proceeding_filed(self, activation, data, user):
        process = activation.process
        proceeding = services.proceeding_record(
            case=process.case,
            by=user,
            level=data["level"],
            procedure_type=data["procedure_type"],
            body=data["body"],
            court_case_number=data.get("court_case_number", ""),
            filed_on=data["filed_on"],
        )
        process.current_proceeding = proceeding
        process.next_instance = ""
        process.save()
        return _("Filed: %(proceeding)s, %(date)s") % {
            "proceeding": proceeding,
            "date": proceeding.filed_on.isoformat(),
        }

    def decision_recorded(self, activation, data, user):
        proceeding = activation.process.current_proceeding
        if proceeding is None:
            from django.core.exceptions import ValidationError

            raise ValidationError(_("No proceeding is waiting for a decision."))
        # casework.services.proceeding_update also lets #5 compute the next deadline.
        services.proceeding_update(
            proceeding=proceeding,
            by=user,
            data={
                "decided_on": data["decided_on"],
                "outcome": data["outcome"],
                "decision_summary": data.get("decision_summary", ""),
            },
            reason=_("Decision recorded"),
        )
        return _("%(outcome)s on %(date)s") % {
            "outcome": proceeding.get_outcome_display(),
            "date": data["decided_on"].isoformat(),
        }

    def next_decided(self, activation, data, user):
        process = activation.process
        process.next_step = data["next_step"]
        process.next_instance = data.get("next_instance") or ""
        process.save()
        if data["next_step"] == NextStep.NEXT_INSTANCE:
            from casework.models import Instance

            return _("Next: %(instance)s") % {"instance": Instance(process.next_instance).label}
        # No further domestic instance: the periods for filing one no longer bind anyone.
        from deadlines.services import cancel_open_filing_deadlines

        label = NextStep(data["next_step"]).label
        cancel_open_filing_deadlines(
            case=process.case, by=user, reason=_("Cancelled: %(decision)s") % {"decision": label}
        )
        return label

    def exhaustion_argued(self, activation, data, user):
        process = activation.process
        process.exhaustion_basis = data["basis"]
        process.exhaustion_argument = data["argument"]
        process.exhaustion_confirmed = None
        process.save()
        return process.get_exhaustion_basis_display()

    def exhaustion_reviewed(self, activation, data, user):
        process = activation.process
        process.exhaustion_confirmed = data["confirmed"]
        process.exhaustion_comments = data.get("comments", "")
        process.save()
        if not data["confirmed"]:
            return _("Returned: %(comments)s") % {"comments": process.exhaustion_comments}
        latest = (
            process.case.proceedings.filter(decided_on__isnull=False)
            .order_by("-decided_on", "-id")
            .first()
        )
        if latest is not None:
            # Hook for #5: the 5-year delay rule (rule 99(c)) runs from exhaustion.
            lifecycle.sync_event_deadlines(
                case=process.case,
                trigger="domestic_exhaustion",
                event_date=latest.decided_on,
                source_key=f"process:{process.pk}:exhaustion",
                by=user,
            )
        return _("Exhaustion confirmed")

    def draft_ready(self, activation, data, user):
        notes = (data.get("notes") or "").strip()
        return _("Draft sent for review") + (f": {notes}" if notes else "")

    def submission_reviewed(self, activation, data, user):
        process = activation.process
        process.review_decision = data["decision"]
        process.review_comments = data.get("comments", "")
        process.review_rounds += 1
        process.submission_approved = data["decision"] == ReviewDecision.APPROVE
        process.save()
        if process.submission_approved:
            return _("Approved (round %(n)s)") % {"n": process.review_rounds}
        return _("Returned (round %(n)s): %(comments)s") % {
            "n": process.review_rounds,
            "comments": process.review_comments,
        }

    def submitted(self, activation, data, user):
        process = activation.process
        committee.record_submission(
            case=process.case,
            by=user,
            state=data["state"],
            submitted_on=data["submitted_on"],
            channel=data["channel"],
            proof=data["proof"],
            interim_measures=data.get("interim_measures", False),
        )
        process.interim_measures = bool(data.get("interim_measures"))
        process.save()
        # Hook for #5: submitting in time meets the rule 99(c) delay deadlines (5 y / 3 y).
        lifecycle.sync_event_deadlines(
            case=process.case,
            trigger="hrc_submission",
            event_date=data["submitted_on"],
            source_key=f"process:{process.pk}:submission",
            by=user,
        )
        lifecycle.case_set_stage(case=process.case, stage=Stage.SUBMITTED, by=user)
        return _("Submitted on %(date)s by %(channel)s") % {
            "date": data["submitted_on"].isoformat(),
            "channel": data["channel"],
        }

    def registered(self, activation, data, user):
        case = activation.process.case
        communication = committee.record_registration(
            case=case,
            by=user,
            number=data["number"],
            registered_on=data["registered_on"],
            transmitted_on=data["transmitted_on"],
        )
        # Hook for #5: State observations are due 6 months after transmittal (rule 92).
        lifecycle.sync_event_deadlines(
            case=case,
            trigger="hrc_transmittal",
            event_date=communication.transmitted_on,
            source_key=f"communication:{communication.pk}:transmitted",
            by=user,
        )
        lifecycle.case_set_stage(case=case, stage=Stage.COMMITTEE, by=user)
        return _("Communication %(number)s, transmitted on %(date)s") % {
            "number": communication.number,
            "date": communication.transmitted_on.isoformat(),
        }

    def interim_measures_recorded(self, activation, data, user):
        committee.record_interim_measures(
            case=activation.process.case,
            by=user,
            requested_on=data["requested_on"],
            granted_on=data.get("granted_on") if data.get("granted") else None,
        )
        if data.get("granted"):
            return _("Interim measures granted on %(date)s") % {
                "date": data["granted_on"].isoformat()
            }
        return _("Interim measures not granted")

    def observations_received(self, activation, data, user):
        case = activation.process.case
        committee.record_dates(case=case, by=user, state_observations_on=data["received_on"])
        lifecycle.deadlines_met(
            case=case,
            rule_codes=["hrc-state-observations"],
            by=user,
            reason=_("Met: State party observations received on %(date)s")
            % {"date": data["received_on"].isoformat()},
        )
        return _("Observations received on %(date)s") % {"date": data["received_on"].isoformat()}

    def comments_sent(self, activation, data, user):
        committee.record_dates(
            case=activation.process.case, by=user, author_comments_on=data["sent_on"]
        )
        return _("Comments sent on %(date)s") % {"date": data["sent_on"].isoformat()}

    def committee_decided(self, activation, data, user):
        communication = committee.record_decision(
            case=activation.process.case,
            by=user,
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            document_symbol=data["document_symbol"],
            remedies_ordered=data.get("remedies_ordered", ""),
            violation_ids=[int(pk) for pk in data.get("violations_found") or []],
        )
        return f"{communication.get_outcome_display()} — {communication.document_symbol}"

    def follow_up_recorded(self, activation, data, user):
        process = activation.process
        assessment = committee.record_follow_up(
            case=process.case,
            by=user,
            assessed_on=data["assessed_on"],
            grade=data.get("grade", ""),
            state_reply_summary=data.get("state_reply_summary", ""),
            notes=data.get("notes", ""),
        )
        process.follow_up_done = bool(data.get("concluded"))
        process.save()
        grade = assessment.get_grade_display() if assessment.grade else _("no grade")
        return _("Assessment of %(date)s: %(grade)s%(end)s") % {
            "date": assessment.assessed_on.isoformat(),
            "grade": grade,
            "end": _("; follow-up concluded") if process.follow_up_done else "",
        }

    # ----------------------------------------------------------------------------------------
    # Gateway conditions

    def is_accepted(self, activation):
        return activation.process.screening_decision in (
            ScreeningDecision.STRATEGIC,
            ScreeningDecision.PRIMARY_AID,
        )

    def is_declined(self, activation):
        return activation.process.screening_decision == ScreeningDecision.DECLINE

    def goes_to_court(self, activation):
        return activation.process.aid_outcome == AidOutcome.LITIGATE

    def is_settled(self, activation):
        return activation.process.aid_outcome == AidOutcome.SETTLED

    def goes_to_next_instance(self, activation):
        return activation.process.next_step == NextStep.NEXT_INSTANCE

    def is_settled_domestically(self, activation):
        return activation.process.next_step == NextStep.SETTLED

    def is_exhaustion_confirmed(self, activation):
        return bool(activation.process.exhaustion_confirmed)

    def is_submission_approved(self, activation):
        return activation.process.submission_approved

    def has_interim_measures(self, activation):
        return activation.process.interim_measures

    def awaits_observations(self, activation):
        communication = committee.communication_for(activation.process.case)
        return bool(
            communication
            and communication.transmitted_on
            and not communication.state_observations_on
        )

    def awaits_comments(self, activation):
        communication = committee.communication_for(activation.process.case)
        return bool(
            communication
            and communication.state_observations_on
            and not communication.author_comments_on
        )

    def awaits_decision(self, activation):
        communication = committee.communication_for(activation.process.case)
        return bool(communication and communication.author_comments_on)

    def has_views(self, activation):
        communication = committee.communication_for(activation.process.case)
        return communication is not None and communication.outcome == CommitteeOutcome.VIEWS

    def is_follow_up_done(self, activation):
        return activation.process.follow_up_done

    # ----------------------------------------------------------------------------------------
    # Exits

    def _close(self, activation, reason_code):
        process = activation.process
        process.exit_reason = reason_code
        process.save()
        lifecycle.case_close(case=process.case, reason_code=reason_code, by=current_actor())

    def close_declined(self, activation):
        self._close(activation, ClosureReason.DECLINED)

    def close_referred(self, activation):
        self._close(activation, ClosureReason.REFERRED)

    def close_aid_completed(self, activation):
        self._close(activation, ClosureReason.AID_COMPLETED)

    def close_settled(self, activation):
        self._close(activation, ClosureReason.SETTLED)

    def close_inadmissible(self, activation):
        self._close(activation, ClosureReason.INADMISSIBLE)

    def close_views_followed_up(self, activation):
        self._close(activation, ClosureReason.VIEWS_IMPLEMENTED)

    # ----------------------------------------------------------------------------------------
    # URLs: only human steps get pages; gateways and exits are engine-internal.

    def _get_urls(self):
        from django.urls import include, path
        from viewflow.urls import Viewset

        from .nodes import CaseTask as _CaseTask
        from .nodes import Intake as _Intake

        urlpatterns = Viewset._get_urls(self)
        for node in self.nodes():
            if isinstance(node, _CaseTask | _Intake):
                node.parent = self
                patterns, app_name, namespace = node.urls
                urlpatterns.append(path("", include((patterns, app_name), namespace=namespace)))
        return urlpatterns
