"""Every path of the litigation flow, driven through the real forms and handlers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from casework.models import (
    AuthorisationKind,
    ClosureReason,
    Instance,
    PartyRole,
    Person,
    Stage,
)
from casework.services import authorisation_record, party_add
from communications import selectors as communication_selectors
from communications.models import Communication, InterimMeasuresRequest
from monitoring.models import Assessment, DialogueStatus
from workflows import selectors, services
from workflows.flows import LitigationFlow

from .conftest import open_node_names, open_task


def test_full_route_ends_with_views_followed_up_and_closed_case(route):
    route.advance_to("follow_up")
    # The first round lists two remedies; the dialogue goes on, and so does monitoring.
    route.do("follow_up", route.follow_up_data(dialogue="ongoing", concluded=""))
    assert open_node_names(route.process) == {"follow_up"}
    route.do(
        "follow_up",
        route.follow_up_data(
            assessed_on="2026-11-24",
            grade="B",
            dialogue=DialogueStatus.CLOSED_UNSATISFACTORY,
            concluded="on",
        ),
    )

    route.refresh()
    assert route.process.status == PROCESS.DONE
    assert route.case.stage == Stage.CLOSED
    assert route.case.closure_reason == ClosureReason.VIEWS_IMPLEMENTED
    communication = Communication.objects.get(case=route.case)
    assert communication.number == "4321/2026"
    assert communication.transmitted_on == dt.date(2026, 7, 3)
    assert communication.outcome == "views"
    # Two remedies, each assessed in both rounds (issue 16: follow-up per remedy).
    assert Assessment.objects.filter(recommendation__case=route.case).count() == 4
    assert set(route.case.violations.values_list("found_violated", flat=True)) == {True}


def test_each_step_moves_the_case_to_its_stage(route):
    expected = {
        "primary_aid": Stage.PRIMARY_AID,
        "file_proceeding": Stage.DOMESTIC,
        "argue_exhaustion": Stage.EXHAUSTION,
        "draft_communication": Stage.DRAFTING,
        "state_observations": Stage.COMMITTEE,
        "follow_up": Stage.FOLLOW_UP,
    }
    for node, stage in expected.items():
        route.advance_to(node)
        route.refresh()
        assert route.case.stage == stage, node


def test_screening_decline_closes_the_case(route):
    route.do("screen", {"decision": "decline", "reason": "Outside our mandate."})
    route.refresh()
    assert route.process.status == PROCESS.DONE
    assert route.case.closure_reason == ClosureReason.DECLINED
    assert route.case.stage == Stage.CLOSED
    assert open_node_names(route.process) == set()


def test_decline_needs_reasons(route):
    with pytest.raises(ValidationError) as error:
        route.do("screen", {"decision": "decline", "reason": " "})
    assert "reason" in error.value.message_dict
    assert open_task(route.process, "screen") is not None


def test_referral_closes_the_case_as_referred(route):
    route.do("screen", {"decision": "refer", "reason": "Labour dispute: refer to the ombudsman."})
    route.refresh()
    assert route.case.closure_reason == ClosureReason.REFERRED


def test_primary_aid_only_case_cannot_go_to_court(route):
    route.do("screen", {"decision": "primary_aid"})
    route.do("assign")
    with pytest.raises(ValidationError) as error:
        route.do("primary_aid", {"outcome": "litigate"})
    assert "outcome" in error.value.message_dict


def test_recording_an_activity_keeps_primary_aid_open(route):
    route.advance_to("primary_aid")
    kept_open = route.do(
        "primary_aid",
        {
            "action": "record",
            "activity_kind": "consultation",
            "activity_on": "2026-01-20",
            "activity_text": "Explained the complaint procedure.",
            "outcome": "",
        },
    )
    assert kept_open is False
    assert open_task(route.process, "primary_aid").status == STATUS.ASSIGNED
    assert route.case.activities.filter(kind="consultation").count() == 1
    route.do("primary_aid", {"outcome": "completed"})
    route.refresh()
    assert route.case.closure_reason == ClosureReason.AID_COMPLETED


def test_settlement_after_a_decision_closes_the_case(route):
    route.advance_to("decide_next")
    route.do("decide_next", {"next_step": "settled"})
    route.refresh()
    assert route.case.closure_reason == ClosureReason.SETTLED


def test_three_domestic_instances_in_a_row(route):
    route.advance_to("decide_next")
    route.do("decide_next", {"next_step": "next_instance", "next_instance": "appeal"})
    route.do("file_proceeding")
    route.do("record_decision")
    route.do("decide_next", {"next_step": "next_instance", "next_instance": "cassation"})
    route.do("file_proceeding")
    route.do("record_decision")
    route.do("decide_next", {"next_step": "exhausted"})

    levels = list(route.case.proceedings.order_by("filed_on").values_list("level", flat=True))
    assert levels == [Instance.FIRST_INSTANCE, Instance.APPEAL, Instance.CASSATION]
    assert all(p.decided_on for p in route.case.proceedings.all())
    assert open_node_names(route.process) == {"argue_exhaustion"}


def test_instance_order_is_enforced(route):
    route.advance_to("decide_next")
    route.do("decide_next", {"next_step": "next_instance", "next_instance": "cassation"})
    with pytest.raises(ValidationError) as error:
        route.do("file_proceeding", {"level": "cassation"})
    assert "level" in error.value.message_dict
    assert route.case.proceedings.count() == 1
    assert open_task(route.process, "file_proceeding") is not None


def test_unconfirmed_exhaustion_returns_to_domestic_decision(route):
    route.advance_to("confirm_exhaustion")
    route.do("confirm_exhaustion", {"confirmed": "no", "comments": "Appeal is still open."})
    assert open_node_names(route.process) == {"decide_next"}
    route.refresh()
    assert route.process.exhaustion_confirmed is False


def test_approval_returned_twice_before_acceptance(route):
    route.advance_to("approve_submission")
    assert communication_selectors.submission_approved(route.case) is False
    route.do("approve_submission", {"decision": "return", "comments": "Section III is thin."})
    route.do("draft_communication")
    route.do("approve_submission", {"decision": "return", "comments": "Translate annex 4."})
    route.do("draft_communication")
    assert communication_selectors.submission_approved(route.case) is False
    route.do("approve_submission", {"decision": "approve"})

    route.refresh()
    assert route.process.review_rounds == 3
    assert communication_selectors.submission_approved(route.case) is True
    drafts = route.process.task_set.filter(flow_task=LitigationFlow.draft_communication)
    assert drafts.filter(status=STATUS.DONE).count() == 3
    assert open_node_names(route.process) == {"submit"}


def test_returning_a_draft_needs_comments(route):
    route.advance_to("approve_submission")
    with pytest.raises(ValidationError):
        route.do("approve_submission", {"decision": "return", "comments": ""})


def submitted_before_interim_flow(route) -> None:
    """A route whose submission ticked "interim measures requested" before issue #11 moved
    them into their own flow: the process still carries the flag its split reads."""
    route.refresh()
    route.process.interim_measures = True
    route.process.save(update_fields=["interim_measures"])


def test_legacy_interim_task_still_runs_in_parallel_and_records_on_the_request(route):
    route.advance_to("submit")
    submitted_before_interim_flow(route)
    route.do("submit")
    assert open_node_names(route.process) == {"interim_measures", "register"}

    route.do("register")
    route.do("state_observations")
    route.do("author_comments")
    assert open_node_names(route.process) == {"interim_measures"}  # the join waits

    route.do("interim_measures")
    assert open_node_names(route.process) == {"committee_decision"}
    request = InterimMeasuresRequest.objects.get(case=route.case)
    assert request.response == "granted"
    assert request.response_on == dt.date(2026, 6, 5)
    assert (
        timezone.localdate(request.sent_at) == dt.date(2026, 6, 1) and not request.sent_time_known
    )


def test_a_new_submission_no_longer_opens_the_committee_stage_interim_task(route):
    route.advance_to("submit")
    route.do("submit", {"interim_measures": "on"})  # an old form's field is ignored
    assert open_node_names(route.process) == {"register"}


def test_without_interim_measures_only_registration_follows_submission(route):
    route.advance_to("submit")
    route.do("submit")
    assert open_node_names(route.process) == {"register"}


def test_inadmissibility_closes_the_case(route):
    route.advance_to("committee_decision")
    route.do(
        "committee_decision",
        {"outcome": "inadmissible", "violations_found": [], "remedies_ordered": ""},
    )
    route.refresh()
    assert route.case.closure_reason == ClosureReason.INADMISSIBLE
    assert route.process.status == PROCESS.DONE


def test_registration_and_exhaustion_start_deadlines(route, monkeypatch):
    from deadlines import services as deadline_services

    calls = []
    monkeypatch.setattr(deadline_services, "sync_for_event", lambda **kw: calls.append(kw))
    route.advance_to("state_observations")
    triggers = {(c["trigger"], c["event_date"]) for c in calls}
    assert ("hrc_transmittal", dt.date(2026, 7, 3)) in triggers
    # Exhaustion starts the rule 99(c) limit from the last ordinary decision (16 Feb 2026).
    from deadlines.models import Deadline

    limit = Deadline.objects.get(case=route.case, rule__code="hrc-delay-5y")
    assert limit.due_date == dt.date(2031, 2, 16)


def test_consent_withdrawal_cancels_every_open_task_at_once(route, org):
    # The client is the author of the communication: the draft package needs their details.
    client = Person.objects.create(
        full_name="Client Person",
        full_name_cyrillic="Клиент Персонов",
        birth_date=dt.date(1980, 1, 1),
        nationality="Казахстан",
        nationality_en="Kazakhstan",
        address="г. Алматы",
    )
    party_add(case=route.case, by=org.lawyer, role=PartyRole.CLIENT, person=client)
    poa = authorisation_record(
        case=route.case,
        by=org.lawyer,
        person=client,
        kind=AuthorisationKind.POWER_OF_ATTORNEY,
        signed_on=dt.date(2026, 1, 15),
    )
    route.advance_to("submit")
    submitted_before_interim_flow(route)
    route.do("submit")
    assert len(open_node_names(route.process)) == 2

    services.process_stop(
        process=route.process,
        exit="withdrawn",
        by=org.lawyer,
        effective_on=dt.date(2026, 6, 10),
        notes="Client called: withdraws for fear of reprisals.",
    )

    route.refresh()
    assert open_node_names(route.process) == set()
    assert route.process.status == PROCESS.CANCELED
    assert route.case.closure_reason == ClosureReason.WITHDRAWN
    poa.refresh_from_db()
    assert poa.withdrawn_on == dt.date(2026, 6, 10)
    cancelled = route.process.task_set.filter(status=STATUS.CANCELED)
    assert cancelled.count() == 2
    for task in cancelled:
        last = task.history.order_by("-history_id").first()
        assert last.history_user == org.lawyer
        assert "withdraws for fear" in last.history_change_reason


def test_transfer_stops_the_flow_and_closes_the_case(route, org):
    route.advance_to("file_proceeding")
    services.process_stop(
        process=route.process,
        exit="transferred",
        by=org.supervisor,
        effective_on=dt.date(2026, 3, 1),
        notes="Transferred to a partner NGO in Bishkek.",
    )
    route.refresh()
    assert route.case.closure_reason == ClosureReason.TRANSFERRED
    assert open_node_names(route.process) == set()


def test_a_stopped_case_cannot_be_stopped_again(route, org):
    services.process_stop(
        process=route.process,
        exit="settled",
        by=org.supervisor,
        effective_on=dt.date(2026, 3, 1),
        notes="Settled.",
    )
    with pytest.raises(ValidationError):
        services.process_stop(
            process=route.process,
            exit="withdrawn",
            by=org.supervisor,
            effective_on=dt.date(2026, 3, 1),
            notes="Again.",
        )


def test_a_case_joins_the_route_only_once(route, org):
    with pytest.raises(ValidationError):
        services.start_flow_for_case(case=route.case, by=org.lawyer)


def test_completed_task_cannot_be_completed_again(route, org):
    task = route.task("screen")
    route.do("screen")
    task.refresh_from_db()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.complete_task(task=task, by=org.supervisor, data={"decision": "decline"})


def test_flow_summary_shows_history_and_next_steps(route, org):
    route.advance_to("file_proceeding")
    summary = selectors.case_flow_summary(route.case, org.lawyer)
    assert [row.title for row in summary.history][:3] == [
        "Put on the litigation route",
        "Screen the case",
        "Assign a responsible lawyer",
    ]
    assert summary.history[1].owner == org.supervisor
    assert summary.history[1].outcome == "Accept as a strategic case"
    assert [row.title for row in summary.open_tasks] == ["File at a domestic instance"]
    assert summary.open_tasks[0].url  # the responsible lawyer can open it
    assert summary.next_steps == ["Record the decision"]


@pytest.mark.parametrize(
    ("stage", "entry"),
    [
        (Stage.INTAKE, "screen"),
        (Stage.PRIMARY_AID, "primary_aid"),
        (Stage.EXHAUSTION, "argue_exhaustion"),
        (Stage.DRAFTING, "draft_communication"),
        (Stage.FOLLOW_UP, "follow_up"),
    ],
)
def test_an_existing_case_joins_the_route_at_its_stage(org, case, stage, entry):
    from casework.services import case_update

    case_update(
        case=case,
        by=org.lawyer,
        data={"stage": stage, "responsible_lawyer": org.lawyer, "is_strategic": True},
        expected_version=None,
    )
    process = services.start_flow_for_case(case=case, by=org.lawyer)
    assert open_node_names(process) == {entry}


def test_a_case_in_court_joins_at_its_pending_decision(org, case):
    from casework.services import case_update, proceeding_record

    proceeding = proceeding_record(
        case=case,
        by=org.lawyer,
        level="first_instance",
        body="District court",
        filed_on=dt.date(2026, 2, 1),
    )
    case_update(
        case=case,
        by=org.lawyer,
        data={"stage": Stage.DOMESTIC, "responsible_lawyer": org.lawyer},
        expected_version=None,
    )
    process = services.start_flow_for_case(case=case, by=org.lawyer)
    assert open_node_names(process) == {"record_decision"}
    process.refresh_from_db()
    assert process.current_proceeding == proceeding


def test_a_case_before_the_committee_joins_where_the_communication_stands(org, case, kz):
    from casework.services import case_update

    Communication.objects.create(
        case=case,
        state=kz,
        submitted_on=dt.date(2026, 3, 1),
        number="999/2026",
        registered_on=dt.date(2026, 4, 1),
        transmitted_on=dt.date(2026, 4, 2),
        state_observations_on=dt.date(2026, 9, 1),
    )
    case_update(
        case=case,
        by=org.lawyer,
        data={"stage": Stage.COMMITTEE, "responsible_lawyer": org.lawyer, "is_strategic": True},
        expected_version=None,
    )
    process = services.start_flow_for_case(case=case, by=org.lawyer)
    assert open_node_names(process) == {"author_comments"}
    task = open_task(process, "author_comments")
    services.complete_task(task=task, by=org.lawyer, data={"sent_on": "2026-10-01"})
    assert open_node_names(process) == {"committee_decision"}


def test_transmittal_creates_the_state_observations_deadline(route):
    from deadlines.models import Deadline

    route.advance_to("state_observations")
    deadline = Deadline.objects.get(case=route.case, rule__code="hrc-state-observations")
    assert deadline.trigger_date == dt.date(2026, 7, 3)
    assert deadline.due_date == dt.date(2027, 1, 3)  # 6 months, no roll-forward (UN rule)


def test_stage_track_marks_done_current_and_todo(route, org):
    route.advance_to("argue_exhaustion")
    track = dict(selectors.case_flow_summary(route.case, org.lawyer).stages)
    assert track["Domestic proceedings"] == "done"
    assert track["Exhaustion assessment"] == "current"
    assert track["Closed"] == "todo"


def test_observations_received_meet_the_state_observations_deadline(route):
    from deadlines.models import Deadline, DeadlineStatus

    route.advance_to("state_observations")
    route.do("state_observations")
    deadline = Deadline.objects.get(case=route.case, rule__code="hrc-state-observations")
    assert deadline.status == DeadlineStatus.DONE
    assert "observations received" in deadline.history.latest("history_date").history_change_reason


def test_closing_a_case_cancels_its_open_deadlines(route, org):
    from casework import services as case_services
    from deadlines.models import Deadline, DeadlineStatus

    route.advance_to("state_observations")
    case_services.case_close(case=route.case, reason_code="withdrawn", by=org.supervisor)
    statuses = set(Deadline.objects.filter(case=route.case).values_list("status", flat=True))
    assert DeadlineStatus.OPEN not in statuses


def test_deciding_to_stop_cancels_the_open_filing_deadline(route):
    """After a first-instance decision the appeal period runs; choosing not to appeal ends it."""
    from deadlines.models import Deadline, DeadlineStatus

    route.advance_to("decide_next")
    appeal_deadline = Deadline.objects.get(case=route.case, rule__code="kz-civil-appeal")
    assert appeal_deadline.status == DeadlineStatus.OPEN
    route.do("decide_next", {"next_step": "exhausted"})
    appeal_deadline.refresh_from_db()
    assert appeal_deadline.status == DeadlineStatus.CANCELLED
    assert "Stop" in appeal_deadline.history.latest("history_date").history_change_reason


def test_appeal_deadline_stays_open_when_the_lawyer_appeals(route):
    from deadlines.models import Deadline, DeadlineStatus

    route.advance_to("decide_next")
    route.do("decide_next", {"next_step": "next_instance", "next_instance": "appeal"})
    deadline = Deadline.objects.get(case=route.case, rule__code="kz-civil-appeal")
    assert deadline.status == DeadlineStatus.OPEN


def test_confirming_exhaustion_sets_the_safe_rule_99c_limit_and_the_basis(route, org):
    """The 5 years run from the last ordinary decision (cassation), set by the flow itself."""
    from communications import services as communication_services
    from deadlines.models import Deadline

    route.advance_to("argue_exhaustion")
    communication_services.communication_save(
        case=route.case, by=org.lawyer, communication=None, data={"state": route.kz}
    )
    route.do("argue_exhaustion", {"basis": "prolonged", "argument": "Three years pending."})
    route.do("confirm_exhaustion")
    last_ordinary = route.case.proceedings.order_by("-decided_on").first().decided_on
    deadline = Deadline.objects.get(case=route.case, rule__code="hrc-delay-5y")
    assert deadline.due_date == last_ordinary.replace(year=last_ordinary.year + 5)
    communication = Communication.objects.get(case=route.case)
    assert communication.exhaustion_basis == "unreasonably_prolonged"


def test_views_adopted_start_the_states_180_day_reply_as_awaited(route):
    from deadlines.models import Deadline

    route.advance_to("committee_decision")
    route.do("committee_decision")
    reply = Deadline.objects.get(case=route.case, rule__code__contains="follow-up")
    assert reply.is_awaited


def test_filing_at_an_instance_records_claims_and_the_courts_names(route):
    route.advance_to("file_proceeding")
    route.do(
        "file_proceeding",
        {
            "body_ru": "Алмалинский районный суд",
            "body_en": "Almalinsky District Court",
            "claims_raised": "19 (2); 21",
            "covenant_invoked": "true",
        },
    )
    proceeding = route.process.current_proceeding
    assert (proceeding.body_ru, proceeding.body_en) == (
        "Алмалинский районный суд",
        "Almalinsky District Court",
    )
    assert proceeding.claims_raised == "19(2), 21"
    assert proceeding.covenant_invoked is True


def test_a_malformed_claim_is_refused_on_the_task(route):
    route.advance_to("file_proceeding")
    with pytest.raises(ValidationError):
        route.do("file_proceeding", {"claims_raised": "article nineteen"})
    assert open_node_names(route.process) == {"file_proceeding"}


def test_recording_the_decision_records_the_claims_raised_and_the_covenant(route):
    route.advance_to("record_decision")
    route.do("record_decision", {"claims_raised": "21; 19(2)", "covenant_invoked": "true"})
    proceeding = route.case.proceedings.get()
    assert proceeding.claims_raised == "21, 19(2)"
    assert proceeding.covenant_invoked is True


def test_the_decision_form_offers_what_the_filing_step_recorded(route):
    from workflows.forms import RecordDecisionForm

    route.advance_to("file_proceeding")
    route.do("file_proceeding", {"claims_raised": "21", "covenant_invoked": "true"})
    form = RecordDecisionForm(case=route.case, process=route.process, user=route.org.lawyer)
    assert form.fields["claims_raised"].initial == "21"
    assert form.fields["covenant_invoked"].initial is True
    # A completion without those fields keeps them instead of erasing them.
    route.do("record_decision")
    proceeding = route.case.proceedings.get()
    assert (proceeding.claims_raised, proceeding.covenant_invoked) == ("21", True)


def test_a_covenant_invoked_without_its_articles_is_refused_at_the_decision(route):
    route.advance_to("record_decision")
    with pytest.raises(ValidationError):
        route.do("record_decision", {"claims_raised": "", "covenant_invoked": "true"})
    assert open_node_names(route.process) == {"record_decision"}


def test_an_argument_confirmed_before_the_communication_exists_reaches_it(route, org):
    """The usual order: exhaustion is confirmed, then the communication is written. The
    route's argument must reach the communication, where the admissibility check reads it."""
    from communications import selectors as communication_selectors
    from communications import services as communication_services

    route.advance_to("argue_exhaustion")
    assert not Communication.objects.filter(case=route.case).exists()
    route.do("argue_exhaustion", {"basis": "prolonged", "argument": "Three years pending."})
    route.do("confirm_exhaustion")
    communication = communication_services.communication_save(
        case=route.case, by=org.lawyer, communication=None, data={"state": route.kz}
    )
    communication.refresh_from_db()
    assert communication.exhaustion_basis == "unreasonably_prolonged"
    assert communication.exhaustion_notes == "Three years pending."
    data = communication_selectors.admissibility_input_for(route.case)
    assert data.exhaustion_argument is not None
    assert data.exhaustion_argument.basis == "unreasonably_prolonged"
    assert data.exhaustion_argument.explanation == "Three years pending."


def test_the_lawyers_own_notes_on_the_communication_are_kept(route, org):
    from communications import services as communication_services

    route.advance_to("argue_exhaustion")
    communication_services.communication_save(
        case=route.case,
        by=org.lawyer,
        communication=None,
        data={"state": route.kz, "exhaustion_notes": "Written on the communication."},
    )
    route.do("argue_exhaustion", {"basis": "prolonged", "argument": "Three years pending."})
    route.do("confirm_exhaustion")
    communication = Communication.objects.get(case=route.case)
    assert communication.exhaustion_notes == "Written on the communication."
    assert communication.exhaustion_basis == "unreasonably_prolonged"


def test_a_case_joining_at_drafting_gets_its_five_year_limit(org, case):
    """An existing case that joins after exhaustion carries the rule 99(c) limit at once,
    counted from its last ordinary decision (cassation), not from a later supervisory review."""
    from casework.services import case_update, proceeding_record
    from deadlines.models import Deadline

    for level, filed, decided in [
        ("first_instance", dt.date(2024, 1, 10), dt.date(2024, 3, 1)),
        ("appeal", dt.date(2024, 3, 20), dt.date(2024, 6, 3)),
        ("cassation", dt.date(2024, 7, 1), dt.date(2024, 10, 15)),
        ("supervisory_review", dt.date(2024, 11, 1), dt.date(2025, 2, 10)),
    ]:
        proceeding_record(
            case=case,
            by=org.lawyer,
            level=level,
            procedure_type="civil",
            body=f"Court ({level})",
            filed_on=filed,
            decided_on=decided,
            outcome="dismissed",
        )
    case_update(
        case=case,
        by=org.lawyer,
        data={"stage": Stage.DRAFTING, "responsible_lawyer": org.lawyer, "is_strategic": True},
        expected_version=None,
    )
    process = services.start_flow_for_case(case=case, by=org.lawyer)
    assert open_node_names(process) == {"draft_communication"}
    limit = Deadline.objects.get(case=case, rule__code="hrc-delay-5y")
    assert limit.due_date == dt.date(2029, 10, 15)
