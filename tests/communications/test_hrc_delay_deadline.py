"""`sync_hrc_delay_deadline`: the rule 99(c) deadline from the same safe date as the check (#11)."""

from __future__ import annotations

import datetime as dt

from casework import services as case_services
from casework.models import Instance, Outcome, ProcedureType
from communications import selectors
from communications.models import Communication, OtherProcedure
from communications.services import sync_hrc_delay_deadline
from deadlines import services as deadline_services
from deadlines.models import Deadline, DeadlineStatus, Trigger

D = dt.date.fromisoformat
REASON = "Exhaustion confirmed"


def delay_deadlines(case, code="hrc-delay-5y"):
    return Deadline.objects.filter(case=case, rule__code=code)


def add_proceeding(case, by, level, decided):
    return case_services.proceeding_record(
        case=case,
        by=by,
        level=level,
        procedure_type=ProcedureType.ADMIN_OFFENCE,
        body="Prosecutor General's Office" if level == Instance.PROSECUTOR else "Court",
        filed_on=D(decided),
        decided_on=D(decided),
        outcome=Outcome.DISMISSED,
    )


def test_counted_from_the_cassation_not_the_prosecutors_refusal(org, ready_case):
    add_proceeding(ready_case, org.lawyer, Instance.PROSECUTOR, "2024-01-15")
    deadline = sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    assert deadline.trigger_date == D("2021-09-14")
    assert deadline.due_date == D("2026-09-14")
    assessment = selectors.assess_case(ready_case, submission_date=D("2026-12-01"))
    assert deadline.due_date == assessment.last_day_to_submit  # the same safe date


def test_syncing_twice_changes_nothing(org, ready_case):
    first = sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    rows = first.history.count()
    again = sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    assert again.pk == first.pk
    assert again.history.count() == rows
    assert delay_deadlines(ready_case).count() == 1


def test_exhaustion_recorded_with_the_prosecutors_date_is_counted_from_the_cassation(
    org, ready_case
):
    add_proceeding(ready_case, org.lawyer, Instance.PROSECUTOR, "2024-01-15")
    # What the exhaustion step records (before issue #11): the latest decision of any kind.
    [recorded] = deadline_services.sync_for_event(
        case=ready_case,
        trigger=Trigger.DOMESTIC_EXHAUSTION,
        event_date=D("2024-01-15"),
        source_key="process:7:exhaustion",
        by=org.lawyer,
    )
    assert recorded.due_date == D("2026-09-14")  # not 2029-01-15
    assert recorded.trigger_date == D("2021-09-14")
    deadline = sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    assert deadline.pk == recorded.pk
    assert delay_deadlines(ready_case).count() == 1


def test_nothing_is_created_by_proceedings_before_exhaustion(org, ready_case):
    add_proceeding(ready_case, org.lawyer, Instance.PROSECUTOR, "2024-01-15")
    assert not delay_deadlines(ready_case).exists()


def test_a_new_ordinary_decision_moves_the_tracked_limit(org, case):
    first = add_proceeding(case, org.lawyer, Instance.FIRST_INSTANCE, "2022-03-01")
    add_proceeding(case, org.lawyer, Instance.APPEAL, "2022-05-02")
    sync_hrc_delay_deadline(case, by=org.lawyer, reason=REASON)
    assert delay_deadlines(case).get().due_date == D("2027-05-02")
    cassation = add_proceeding(case, org.lawyer, Instance.CASSATION, "2022-11-30")
    assert delay_deadlines(case).get().due_date == D("2027-11-30")
    add_proceeding(case, org.lawyer, Instance.SUPERVISORY_REVIEW, "2023-06-01")
    assert delay_deadlines(case).get().due_date == D("2027-11-30")  # never extended
    case_services.related_remove(cassation, by=org.lawyer, reason="Entered by mistake")
    assert delay_deadlines(case).get().due_date == D("2027-05-02")
    assert first.pk  # the first instance stays


def test_a_met_limit_stays_met(org, ready_case):
    deadline = sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    deadline_services.deadline_complete(deadline=deadline, by=org.lawyer)
    again = sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    assert again.status == DeadlineStatus.DONE
    assert delay_deadlines(ready_case).count() == 1


def test_a_concluded_barring_procedure_adds_the_three_year_limit(org, ready_case):
    communication = Communication.objects.get(case=ready_case)
    OtherProcedure.objects.create(
        communication=communication,
        body="Committee against Torture",
        kind="treaty_body",
        status="concluded",
        concluded_on=D("2022-06-30"),
    )
    sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    three = delay_deadlines(ready_case, "hrc-delay-3y-other-procedure").get()
    assert three.due_date == D("2025-06-30")
    assessment = selectors.assess_case(ready_case, submission_date=D("2025-01-01"))
    assert assessment.last_day_to_submit == three.due_date  # the earlier one is safe


def test_a_special_procedure_adds_no_three_year_limit(org, ready_case):
    OtherProcedure.objects.create(
        communication=Communication.objects.get(case=ready_case),
        body="Working Group on Arbitrary Detention",
        kind="special_procedure",
        status="concluded",
        concluded_on=D("2022-06-30"),
    )
    sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    assert not delay_deadlines(ready_case, "hrc-delay-3y-other-procedure").exists()


def test_without_any_decision_there_is_no_limit(org, case):
    assert sync_hrc_delay_deadline(case, by=org.lawyer, reason=REASON) is None
    assert not delay_deadlines(case).exists()


def record_exhaustion(case, by, on):
    return deadline_services.sync_for_event(
        case=case,
        trigger=Trigger.DOMESTIC_EXHAUSTION,
        event_date=D(on),
        source_key="process:7:exhaustion",
        by=by,
    )


def test_exhaustion_confirmed_again_writes_nothing_new(org, ready_case):
    add_proceeding(ready_case, org.lawyer, Instance.PROSECUTOR, "2024-01-15")
    [first] = record_exhaustion(ready_case, org.lawyer, "2024-01-15")
    rows = first.history.count()
    [again] = record_exhaustion(ready_case, org.lawyer, "2024-01-15")
    assert again.pk == first.pk and again.history.count() == rows
    assert delay_deadlines(ready_case).count() == 1


def test_the_service_then_the_workflow_track_one_open_limit(org, ready_case):
    sync_hrc_delay_deadline(ready_case, by=org.lawyer, reason=REASON)
    record_exhaustion(ready_case, org.lawyer, "2021-09-14")
    open_ones = delay_deadlines(ready_case).filter(status=DeadlineStatus.OPEN)
    assert open_ones.count() == 1
    assert open_ones.get().due_date == D("2026-09-14")


def test_exhaustion_without_recorded_decisions_keeps_the_callers_date(org, case):
    [deadline] = record_exhaustion(case, org.lawyer, "2022-02-01")
    assert deadline.due_date == D("2027-02-01")
