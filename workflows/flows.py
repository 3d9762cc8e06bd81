"""The litigation flow: every case's legal route from intake to the follow-up of the Views.

This file is the process graph and nothing else; read it top to bottom like DOMAIN.md, "The life
of a case". Each human step is a `CaseTask`: its form, the handler in `workflows.steps` that
records it through the services of the app that owns the data, the stage the case enters, the
role permission of the node (`.Permission`) and — in `CaseTask` — the guardian permission on the
case. Gateways read the decisions recorded on the process. Exits at any point (client withdrew,
transferred, settled) stop the process from outside the graph: `workflows.services.process_stop`
cancels every open task at once and closes the case.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.lock import select_for_update_lock

from casework.models import Stage
from casework.selectors import CHANGE, MANAGE_TEAM

from . import steps
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
from .interim_forms import (
    InterimBreachForm,
    InterimComplianceForm,
    InterimResponseForm,
    SendInterimRequestForm,
)
from .models import AidOutcome, CaseProcess, NextStep, ScreeningDecision
from .nodes import CaseTask, CaseTaskUrls, Intake
from .task_views import IntakeView

INTAKE = "workflows.intake_case"
LITIGATE = "workflows.litigate_case"
SUPERVISE = "workflows.supervise_case"


def is_accepted(activation) -> bool:
    return activation.process.screening_decision in (
        ScreeningDecision.STRATEGIC,
        ScreeningDecision.PRIMARY_AID,
    )


def committee_waits_for(step: str):
    """Gateway condition: the communication's next Committee stage is `step`."""
    return lambda activation: activation.process.committee_step == step


class LitigationFlow(CaseTaskUrls, flow.Flow):
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
        Intake(IntakeView.as_view())
        .Annotation(title=gettext_lazy("Intake"))
        .Permission(INTAKE)
        .Next(this.screen)
    )
    # Cases opened elsewhere (case page, the existing caseload) join the route at their stage.
    start_for_case = (
        flow.StartHandle(steps.start_case)
        .Annotation(title=gettext_lazy("Put on the litigation route"))
        .Next(this.join_at_stage)
    )
    join_at_stage = (
        flow.Switch()
        .Case(this.primary_aid, steps.enters_at("primary_aid"))
        .Case(this.file_proceeding, steps.enters_at("file_proceeding"))
        .Case(this.record_decision, steps.enters_at("record_decision"))
        .Case(this.decide_next, steps.enters_at("decide_next"))
        .Case(this.argue_exhaustion, steps.enters_at("argue_exhaustion"))
        .Case(this.draft_communication, steps.enters_at("draft_communication"))
        .Case(this.split_committee, steps.enters_at("committee"))
        .Case(this.follow_up, steps.enters_at("follow_up"))
        .Default(this.screen)
    )

    # 2. Screening by a supervisor.
    screen = (
        CaseTask(ScreenForm, steps.screened, stage=Stage.SCREENING, case_permission=MANAGE_TEAM)
        .Annotation(title=gettext_lazy("Screen the case"))
        .Permission(SUPERVISE)
        .Next(this.route_screening)
    )
    route_screening = (
        flow.Switch()
        .Case(this.assign, is_accepted)
        .Case(
            this.declined, lambda act: act.process.screening_decision == ScreeningDecision.DECLINE
        )
        .Default(this.referred)
    )

    # 3. Assignment of the responsible lawyer (and team).
    assign = (
        CaseTask(AssignForm, steps.assigned, stage=Stage.SCREENING, case_permission=MANAGE_TEAM)
        .Annotation(title=gettext_lazy("Assign a responsible lawyer"))
        .Permission(SUPERVISE)
        .Next(this.primary_aid)
    )

    # 4. Primary legal aid: consultations and complaints, recorded as activities.
    primary_aid = (
        CaseTask(PrimaryAidForm, steps.aid_recorded, stage=Stage.PRIMARY_AID)
        .Annotation(title=gettext_lazy("Primary legal aid"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.route_aid)
    )
    route_aid = (
        flow.Switch()
        .Case(this.file_proceeding, lambda act: act.process.aid_outcome == AidOutcome.LITIGATE)
        .Case(this.settled, lambda act: act.process.aid_outcome == AidOutcome.SETTLED)
        .Default(this.aid_completed)
    )

    # 5. Domestic proceedings, one instance after another (order: Proceeding.clean).
    file_proceeding = (
        CaseTask(FileProceedingForm, steps.proceeding_filed, stage=Stage.DOMESTIC)
        .Annotation(title=gettext_lazy("File at a domestic instance"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.record_decision)
    )
    record_decision = (
        CaseTask(RecordDecisionForm, steps.decision_recorded, stage=Stage.DOMESTIC)
        .Annotation(title=gettext_lazy("Record the decision"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.decide_next)
    )
    decide_next = (
        CaseTask(DecideNextForm, steps.next_decided, stage=Stage.DOMESTIC)
        .Annotation(title=gettext_lazy("Decide the next step"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.route_domestic)
    )
    route_domestic = (
        flow.Switch()
        .Case(this.file_proceeding, lambda act: act.process.next_step == NextStep.NEXT_INSTANCE)
        .Case(this.settled, lambda act: act.process.next_step == NextStep.SETTLED)
        .Default(this.argue_exhaustion)
    )

    # 6. Exhaustion: the lawyer argues, the supervisor confirms.
    argue_exhaustion = (
        CaseTask(ArgueExhaustionForm, steps.exhaustion_argued, stage=Stage.EXHAUSTION)
        .Annotation(title=gettext_lazy("Argue exhaustion of domestic remedies"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.confirm_exhaustion)
    )
    confirm_exhaustion = (
        CaseTask(
            ConfirmExhaustionForm,
            steps.exhaustion_reviewed,
            stage=Stage.EXHAUSTION,
            case_permission=MANAGE_TEAM,
        )
        .Annotation(title=gettext_lazy("Confirm exhaustion"))
        .Permission(SUPERVISE)
        .Next(this.route_exhaustion)
    )
    route_exhaustion = (
        flow.Switch()
        .Case(this.draft_communication, lambda act: bool(act.process.exhaustion_confirmed))
        .Default(this.decide_next)
    )

    # 7. Drafting → approval (any number of rounds) → submission.
    draft_communication = (
        CaseTask(DraftForm, steps.draft_ready, stage=Stage.DRAFTING)
        .Annotation(title=gettext_lazy("Draft the communication"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.approve_submission)
    )
    approve_submission = (
        CaseTask(
            ApproveSubmissionForm,
            steps.submission_reviewed,
            stage=Stage.DRAFTING,
            case_permission=MANAGE_TEAM,
        )
        .Annotation(title=gettext_lazy("Approve the submission"))
        .Permission(SUPERVISE)
        .Next(this.route_approval)
    )
    route_approval = (
        flow.Switch()
        .Case(this.submit, lambda act: act.process.submission_approved)
        .Default(this.draft_communication)
    )
    submit = (
        CaseTask(SubmitForm, steps.submitted, stage=Stage.DRAFTING)
        .Annotation(title=gettext_lazy("Submit to the Committee"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.route_submission)
    )
    # Changed after the approval: back to the supervisor with a new draft (four eyes).
    route_submission = (
        flow.Switch()
        .Case(this.split_committee, lambda act: act.process.submission_approved)
        .Default(this.approve_submission)
    )

    # 8. Before the Committee: registration, State observations, author's comments, then Views or
    # inadmissibility. Urgent interim measures run in their own flow (InterimMeasuresFlow, below);
    # the `interim_measures` branch only serves routes submitted before it existed
    # (`process.interim_measures` is no longer set on new submissions).
    split_committee = (
        flow.Split()
        .Next(this.interim_measures, case=lambda act: act.process.interim_measures)
        .Always(this.committee_stage)
    )
    # Picks up where the communication stands (a case joining the route mid-way skips the rest).
    committee_stage = (
        flow.Switch()
        .Case(this.state_observations, committee_waits_for("state_observations"))
        .Case(this.author_comments, committee_waits_for("author_comments"))
        .Case(this.join_committee, committee_waits_for("committee_decision"))
        .Default(this.register)
    )
    interim_measures = (
        CaseTask(InterimMeasuresForm, steps.interim_measures_recorded, stage=Stage.COMMITTEE)
        .Annotation(title=gettext_lazy("Interim measures (rule 94)"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.join_committee)
    )
    register = (
        CaseTask(RegisterForm, steps.registered, stage=Stage.SUBMITTED)
        .Annotation(title=gettext_lazy("Record registration and transmittal"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.state_observations)
    )
    state_observations = (
        CaseTask(StateObservationsForm, steps.observations_received, stage=Stage.COMMITTEE)
        .Annotation(title=gettext_lazy("State party observations"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.author_comments)
    )
    author_comments = (
        CaseTask(AuthorCommentsForm, steps.comments_sent, stage=Stage.COMMITTEE)
        .Annotation(title=gettext_lazy("Author's comments"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.join_committee)
    )
    join_committee = flow.Join().Next(this.committee_decision)
    committee_decision = (
        CaseTask(CommitteeDecisionForm, steps.committee_decided, stage=Stage.COMMITTEE)
        .Annotation(title=gettext_lazy("Record the Committee's decision"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.route_committee)
    )
    route_committee = flow.Switch().Case(this.follow_up, steps.has_views).Default(this.inadmissible)

    # 9. Follow-up of the Views, then closure.
    follow_up = (
        CaseTask(FollowUpForm, steps.follow_up_recorded, stage=Stage.FOLLOW_UP)
        .Annotation(title=gettext_lazy("Follow up the Views"))
        .Permission(LITIGATE)
        .Assign(steps.responsible_lawyer)
        .Next(this.route_follow_up)
    )
    route_follow_up = (
        flow.Switch()
        .Case(this.views_followed_up, lambda act: act.process.follow_up_done)
        .Default(this.follow_up)
    )

    # Exits inside the graph: each closes the case with its reason.
    declined = flow.Function(steps.close_declined).Next(this.end)
    referred = flow.Function(steps.close_referred).Next(this.end)
    aid_completed = flow.Function(steps.close_aid_completed).Next(this.end)
    settled = flow.Function(steps.close_settled).Next(this.end)
    inadmissible = flow.Function(steps.close_inadmissible).Next(this.end)
    views_followed_up = flow.Function(steps.close_views_followed_up).Next(this.end)
    end = flow.End()


# Urgent steps: the lawyer who works on the case, or the supervisor who staffs it and opened the
# request (a case at screening has no lawyer yet).
URGENT = (CHANGE, MANAGE_TEAM)


class InterimMeasuresFlow(CaseTaskUrls, flow.Flow):
    """Urgent interim measures (rule 94)

    One request, in parallel with the litigation route: opened by a supervisor from screening
    onward (`workflows.services.interim_measures_open`), sent within hours, the Committee's
    answer awaited, the State's compliance watched, and a breach of OP art. 1 recorded when the
    State ignores measures the Committee requested (Valetov v. Kazakhstan,
    CCPR/C/110/D/2104/2011). None of its steps moves the case's stage.
    """

    process_class = CaseProcess
    lock_impl = select_for_update_lock
    process_summary_template = "{{ process.case.reference }}"

    open_request = (
        flow.StartHandle(steps.interim_opened)
        .Annotation(title=gettext_lazy("Open an interim-measures request"))
        .Next(this.send_request)
    )
    send_request = (
        CaseTask(SendInterimRequestForm, steps.interim_sent, case_permission=URGENT)
        .Annotation(title=gettext_lazy("Send the interim-measures request"))
        .Permission(LITIGATE)
        .Assign(steps.interim_assignee)
        .Next(this.await_response)
    )
    await_response = (
        CaseTask(InterimResponseForm, steps.interim_answered, case_permission=URGENT)
        .Annotation(title=gettext_lazy("Record the Committee's response to the interim request"))
        .Permission(LITIGATE)
        .Assign(steps.interim_assignee)
        .Next(this.route_response)
    )
    route_response = (
        flow.Switch().Case(this.watch_compliance, steps.interim_granted).Default(this.closed)
    )
    watch_compliance = (
        CaseTask(InterimComplianceForm, steps.interim_compliance_recorded, case_permission=URGENT)
        .Annotation(title=gettext_lazy("Watch the State's compliance with interim measures"))
        .Permission(LITIGATE)
        .Assign(steps.interim_assignee)
        .Next(this.route_compliance)
    )
    route_compliance = (
        flow.Switch().Case(this.record_breach, steps.interim_breached).Default(this.closed)
    )
    record_breach = (
        CaseTask(InterimBreachForm, steps.interim_breach_recorded, case_permission=MANAGE_TEAM)
        .Annotation(title=gettext_lazy("Record the breach of OP art. 1"))
        .Permission(SUPERVISE)
        .Next(this.closed)
    )
    closed = flow.Function(steps.interim_request_closed).Next(this.end)
    end = flow.End()


# Every flow whose tasks run on a case: task lists, the workload and reassignment read them all.
CASE_FLOWS = (LitigationFlow, InterimMeasuresFlow)
