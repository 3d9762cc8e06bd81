"""Recording events creates the deadlines the rules imply; correcting them moves the deadlines."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError

from casework.models import Instance, Outcome, ProcedureType, Proceeding
from deadlines import services
from deadlines.models import Deadline, DeadlineRule, DeadlineStatus, Trigger
from tests.conftest import make_user

D = dt.date


def record(case, *, level=Instance.FIRST_INSTANCE, procedure=ProcedureType.CIVIL, **fields):
    fields.setdefault("filed_on", D(2025, 11, 3))
    fields.setdefault("body", "Almaly District Court of Almaty")
    if fields.get("decided_on"):
        fields.setdefault("outcome", Outcome.DISMISSED)
    return Proceeding.objects.create(case=case, level=level, procedure_type=procedure, **fields)


def test_a_civil_first_instance_decision_creates_the_appeal_deadline(case, org):
    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    assert deadline.rule.code == "kz-civil-appeal"
    assert deadline.trigger_date == D(2026, 1, 28)
    assert deadline.due_date == D(2026, 3, 2)
    assert deadline.proceeding == proceeding
    assert deadline.explanation.endswith("next working day 2026-03-02")


def test_the_deadline_goes_to_the_responsible_lawyer(case, org):
    case.responsible_lawyer = org.other_lawyer
    case.save()
    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.supervisor)
    assert deadline.assignee == org.other_lawyer


def test_without_a_responsible_lawyer_the_case_opener_gets_the_deadline(case, org):
    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.supervisor)
    assert deadline.assignee == org.lawyer


def test_an_undecided_proceeding_creates_nothing(case, org):
    proceeding = record(case)
    assert services.sync_for_proceeding(proceeding, by=org.lawyer) == []
    assert not Deadline.objects.exists()


@pytest.mark.parametrize(
    ("procedure", "level", "code"),
    [
        (ProcedureType.CIVIL, Instance.APPEAL, "kz-civil-cassation"),
        (ProcedureType.ADMINISTRATIVE, Instance.FIRST_INSTANCE, "kz-appk-appeal"),
        (ProcedureType.ADMIN_OFFENCE, Instance.FIRST_INSTANCE, "kz-admin-offence-appeal"),
        (ProcedureType.CRIMINAL, Instance.FIRST_INSTANCE, "kz-criminal-appeal"),
    ],
)
def test_each_procedure_and_instance_maps_to_its_rule(case, org, procedure, level, code):
    proceeding = record(case, procedure=procedure, level=level, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    assert deadline.rule.code == code


def test_syncing_again_changes_nothing(case, org):
    proceeding = record(case, decided_on=D(2026, 1, 28))
    services.sync_for_proceeding(proceeding, by=org.lawyer)
    services.sync_for_proceeding(proceeding, by=org.lawyer)
    deadline = Deadline.objects.get()
    assert deadline.history.count() == 1


def test_correcting_the_decision_date_moves_the_deadline_and_history_keeps_both(case, org):
    proceeding = record(case, decided_on=D(2026, 1, 28))
    services.sync_for_proceeding(proceeding, by=org.lawyer)
    proceeding.decided_on = D(2026, 1, 15)
    proceeding.save()
    [moved] = services.sync_for_proceeding(proceeding, by=org.supervisor)

    assert Deadline.objects.count() == 1
    assert moved.due_date == D(2026, 2, 16)  # 15 Feb 2026 is a Sunday
    latest, first = moved.history.order_by("-history_id")[:2]
    assert first.due_date == D(2026, 3, 2)
    assert latest.due_date == D(2026, 2, 16)
    assert latest.history_user == org.supervisor
    assert "2026-03-02" in latest.history_change_reason
    assert "2026-02-16" in latest.history_change_reason


def test_removing_the_decision_cancels_and_restoring_it_reopens(case, org):
    proceeding = record(case, decided_on=D(2026, 1, 28))
    services.sync_for_proceeding(proceeding, by=org.lawyer)
    proceeding.decided_on = None
    proceeding.outcome = Outcome.PENDING
    proceeding.save()
    assert services.sync_for_proceeding(proceeding, by=org.lawyer) == []
    assert Deadline.objects.get().status == DeadlineStatus.CANCELLED

    proceeding.decided_on = D(2026, 1, 29)
    proceeding.save()
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    assert deadline.status == DeadlineStatus.OPEN
    assert deadline.due_date == D(2026, 3, 2)
    assert Deadline.objects.count() == 1


def test_changing_the_instance_cancels_the_deadline_no_longer_implied(case, org):
    proceeding = record(case, decided_on=D(2026, 1, 28))
    services.sync_for_proceeding(proceeding, by=org.lawyer)
    proceeding.procedure_type = ProcedureType.ADMINISTRATIVE
    proceeding.save()
    [new] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    assert new.rule.code == "kz-appk-appeal"
    old = Deadline.objects.get(rule__code="kz-civil-appeal")
    assert old.status == DeadlineStatus.CANCELLED


def test_filing_the_appeal_in_time_marks_the_appeal_deadline_met(case, org):
    first = record(case, decided_on=D(2026, 1, 28))
    services.sync_for_proceeding(first, by=org.lawyer)
    appeal = record(case, level=Instance.APPEAL, filed_on=D(2026, 2, 20), body="Almaty City Court")
    services.sync_for_proceeding(appeal, by=org.lawyer)
    deadline = Deadline.objects.get(rule__code="kz-civil-appeal")
    assert deadline.status == DeadlineStatus.DONE
    assert "Almaty City Court" in deadline.history.latest().history_change_reason


def test_a_late_appeal_does_not_mark_the_deadline_met(case, org):
    first = record(case, decided_on=D(2026, 1, 28))
    services.sync_for_proceeding(first, by=org.lawyer)
    appeal = record(case, level=Instance.APPEAL, filed_on=D(2026, 3, 3))
    services.sync_for_proceeding(appeal, by=org.lawyer)
    assert Deadline.objects.get(rule__code="kz-civil-appeal").status == DeadlineStatus.OPEN


def test_a_met_deadline_is_not_reopened_by_a_later_correction(case, org):
    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    services.deadline_complete(deadline=deadline, by=org.lawyer)
    proceeding.decided_on = D(2026, 1, 10)
    proceeding.save()
    assert services.sync_for_proceeding(proceeding, by=org.lawyer) == []
    assert Deadline.objects.get().status == DeadlineStatus.DONE


def test_an_inactive_rule_creates_nothing(case, org):
    DeadlineRule.objects.filter(code="kz-civil-appeal").update(is_active=False)
    proceeding = record(case, decided_on=D(2026, 1, 28))
    assert services.sync_for_proceeding(proceeding, by=org.lawyer) == []


def test_committee_transmittal_starts_the_state_observations_period(case, org):
    deadlines = services.sync_for_event(
        case=case,
        trigger=Trigger.HRC_TRANSMITTAL,
        event_date=D(2025, 8, 31),
        source_key="communication:1:transmittal",
        by=org.lawyer,
    )
    # Transmittal also starts the State's 2 months to ask for admissibility separately.
    by_code = {d.rule.code: d for d in deadlines}
    assert set(by_code) == {"hrc-state-observations", "hrc-state-admissibility-request"}
    deadline = by_code["hrc-state-observations"]
    assert deadline.due_date == D(2026, 2, 28)  # a Saturday: UN periods do not move
    assert by_code["hrc-state-admissibility-request"].due_date == D(2025, 10, 31)
    assert all(d.is_awaited for d in deadlines)


def test_correcting_an_event_date_moves_its_deadline(case, org):
    kwargs = {
        "case": case,
        "trigger": Trigger.DOMESTIC_EXHAUSTION,
        "source_key": "exhaustion",
        "by": org.lawyer,
    }
    services.sync_for_event(event_date=D(2024, 2, 29), **kwargs)
    [moved] = services.sync_for_event(event_date=D(2024, 3, 1), **kwargs)
    assert Deadline.objects.count() == 1
    assert moved.due_date == D(2029, 3, 1)
    assert moved.history.count() == 2


def test_withdrawing_an_event_cancels_its_deadlines(case, org):
    kwargs = {
        "case": case,
        "trigger": Trigger.OTHER_PROCEDURE_CONCLUDED,
        "source_key": "echr",
        "by": org.lawyer,
    }
    services.sync_for_event(event_date=D(2024, 2, 29), **kwargs)
    assert services.sync_for_event(event_date=None, **kwargs) == []
    assert Deadline.objects.get().status == DeadlineStatus.CANCELLED


def test_an_unknown_trigger_is_refused_clearly(case, org):
    with pytest.raises(ValidationError, match="Unknown deadline trigger"):
        services.sync_for_event(
            case=case, trigger="nonsense", event_date=D(2026, 1, 1), source_key="x", by=None
        )


def test_a_lawyer_adds_a_manual_deadline(case, org):
    deadline = services.deadline_add_manual(
        case=case, by=org.lawyer, title="Comments on State observations", due_date=D(2026, 5, 4)
    )
    assert deadline.rule is None
    assert deadline.assignee == org.lawyer
    assert deadline.history.get().history_user == org.lawyer


def test_a_manual_deadline_needs_a_title(case, org):
    with pytest.raises(ValidationError):
        services.deadline_add_manual(case=case, by=org.lawyer, title="  ", due_date=D(2026, 5, 4))


def test_someone_who_cannot_change_the_case_cannot_add_deadlines(case, org):
    with pytest.raises(ValidationError):
        services.deadline_add_manual(
            case=case, by=org.other_lawyer, title="Anything", due_date=D(2026, 5, 4)
        )


def test_a_manual_deadline_cannot_go_to_someone_who_cannot_open_the_case(case, org):
    with pytest.raises(ValidationError):
        services.deadline_add_manual(
            case=case,
            by=org.lawyer,
            title="Anything",
            due_date=D(2026, 5, 4),
            assignee=org.other_lawyer,
        )


def test_completing_records_who_and_when(case, org):
    deadline = services.deadline_add_manual(
        case=case, by=org.lawyer, title="File", due_date=D(2026, 5, 4)
    )
    done = services.deadline_complete(deadline=deadline, by=org.lawyer)
    assert done.status == DeadlineStatus.DONE
    assert done.completed_by == org.lawyer
    assert done.completed_at is not None
    with pytest.raises(ValidationError, match="no longer open"):
        services.deadline_complete(deadline=done, by=org.lawyer)


def test_cancelling_needs_a_reason(case, org):
    deadline = services.deadline_add_manual(
        case=case, by=org.lawyer, title="File", due_date=D(2026, 5, 4)
    )
    with pytest.raises(ValidationError):
        services.deadline_cancel(deadline=deadline, by=org.lawyer, reason=" ")
    services.deadline_cancel(deadline=deadline, by=org.lawyer, reason="Client withdrew")
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.CANCELLED
    assert "Client withdrew" in deadline.history.latest().history_change_reason


def test_inactive_responsible_lawyer_is_passed_over(case, org):
    gone = make_user("gone", role=None, branch=org.almaty, is_active=False)
    case.responsible_lawyer = gone
    case.save()
    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.supervisor)
    assert deadline.assignee == org.lawyer


def test_recording_a_proceeding_through_the_case_service_creates_its_deadline(case, org):
    from casework import services as case_services

    case_services.proceeding_record(
        case=case,
        by=org.lawyer,
        level=Instance.FIRST_INSTANCE,
        procedure_type=ProcedureType.CIVIL,
        body="Medeu District Court",
        filed_on=D(2025, 11, 3),
        decided_on=D(2026, 1, 28),
        outcome=Outcome.DISMISSED,
    )
    deadline = Deadline.objects.get()
    assert deadline.due_date == D(2026, 3, 2)
    assert deadline.history.get().history_user == org.lawyer


def test_deleting_the_proceeding_cancels_its_open_deadlines(case, org):
    from casework.services import related_remove

    proceeding = record(case, decided_on=D(2026, 1, 28))
    services.sync_for_proceeding(proceeding, by=org.lawyer)
    related_remove(proceeding, by=org.supervisor, reason="Recorded in the wrong case")
    deadline = Deadline.objects.get()
    assert deadline.status == DeadlineStatus.CANCELLED
    assert deadline.proceeding is None
    assert deadline.history.filter(history_user=org.supervisor).exists()


def test_a_closed_case_gets_no_new_deadlines(case, org):
    case.stage = "closed"
    case.save()
    proceeding = record(case, decided_on=D(2026, 1, 28))
    assert services.sync_for_proceeding(proceeding, by=org.lawyer) == []
    assert not Deadline.objects.exists()


def test_closing_a_case_cancels_its_open_deadlines(case, org):
    services.deadline_add_manual(case=case, by=org.lawyer, title="A", due_date=D(2026, 5, 4))
    services.deadline_add_manual(case=case, by=org.lawyer, title="B", due_date=D(2026, 6, 4))
    assert services.cancel_open_for_case(case=case, by=org.supervisor) == 2
    assert set(Deadline.objects.values_list("status", flat=True)) == {DeadlineStatus.CANCELLED}


def test_the_workflow_hook_records_the_committee_transmittal(case, org):
    services.sync_for_event(
        case=case,
        trigger="hrc_transmittal",
        event_date=D(2026, 3, 20),
        source_key="communication:9:transmitted",
        by=org.lawyer,
    )
    deadline = Deadline.objects.get(rule__code="hrc-state-observations")
    assert deadline.due_date == D(2026, 9, 20)  # a Sunday: UN periods do not move


def test_a_calendar_correction_moves_open_deadlines_when_recomputed(case, org):
    from django.core.management import call_command

    from deadlines.models import CalendarDay, CalendarDayKind

    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)  # due Mon 2026-03-02
    CalendarDay.objects.create(
        date=D(2026, 3, 2), kind=CalendarDayKind.HOLIDAY, name="Day off transferred"
    )
    out = StringIO()
    call_command("recompute_deadlines", reason="government decree", stdout=out)
    assert "1 deadline(s) moved." in out.getvalue()
    deadline.refresh_from_db()
    assert deadline.due_date == D(2026, 3, 3)
    assert "government decree" in deadline.history.latest().history_change_reason


def test_saving_a_calendar_correction_in_the_admin_moves_deadlines(client, case, org):
    from django.urls import reverse

    from tests.conftest import make_user

    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    admin = make_user("root", role=None, branch=org.almaty, is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:deadlines_calendarday_add"),
        {"calendar": "KZ", "date": "2026-03-02", "kind": "holiday", "name": "Transfer"},
        follow=True,
    )
    assert "1 open deadline(s) moved" in response.content.decode()
    deadline.refresh_from_db()
    assert deadline.due_date == D(2026, 3, 3)
    assert deadline.history.latest().history_user == admin


def test_editing_a_rule_period_moves_its_open_deadlines(case, org):
    proceeding = record(case, procedure=ProcedureType.CRIMINAL, decided_on=D(2026, 2, 13))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    rule = deadline.rule
    rule.period_amount = 30
    rule.save()
    [moved] = services.recompute_open_deadlines(
        by=org.administrator, reason="rule edited", rule=rule
    )
    assert moved.due_date == D(2026, 3, 16)


def test_submitting_the_communication_in_time_meets_the_delay_rule(case, org):
    services.sync_for_event(
        case=case,
        trigger=Trigger.DOMESTIC_EXHAUSTION,
        event_date=D(2024, 2, 29),
        source_key="exhaustion",
        by=org.lawyer,
    )
    services.sync_for_event(
        case=case,
        trigger=Trigger.HRC_SUBMISSION,
        event_date=D(2026, 5, 4),
        source_key="communication:1:submitted",
        by=org.lawyer,
    )
    deadline = Deadline.objects.get(rule__code="hrc-delay-5y")
    assert deadline.status == DeadlineStatus.DONE
    assert "submitted" in deadline.history.latest().history_change_reason


def test_a_submission_after_the_window_does_not_meet_the_delay_rule(case, org):
    services.sync_for_event(
        case=case,
        trigger=Trigger.DOMESTIC_EXHAUSTION,
        event_date=D(2020, 2, 29),
        source_key="exhaustion",
        by=org.lawyer,
    )
    services.sync_for_event(
        case=case,
        trigger=Trigger.HRC_SUBMISSION,
        event_date=D(2025, 3, 1),
        source_key="communication:1:submitted",
        by=org.lawyer,
    )
    assert Deadline.objects.get(rule__code="hrc-delay-5y").status == DeadlineStatus.OPEN


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_event_recorded_twice_at_once_makes_one_deadline(case, org):
    import threading

    from django.db import connection

    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def record_transmittal() -> None:
        try:
            barrier.wait(timeout=10)
            services.sync_for_event(
                case=case,
                trigger=Trigger.HRC_TRANSMITTAL,
                event_date=D(2025, 8, 31),
                source_key="communication:1:transmittal",
                by=org.lawyer,
            )
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=record_transmittal) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert Deadline.objects.filter(rule__code="hrc-state-observations").count() == 1


def test_a_deliberately_cancelled_deadline_stays_cancelled_when_synced_again(case, org):
    """A lawyer who decided not to appeal must not see the appeal deadline come back."""
    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    services.deadline_cancel(deadline=deadline, by=org.lawyer, reason="No appeal: client's choice")
    assert services.sync_for_proceeding(proceeding, by=org.lawyer) == []
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.CANCELLED


def test_filing_deadlines_are_cancelled_when_no_further_instance_is_sought(case, org):
    proceeding = record(case, decided_on=D(2026, 1, 28))
    [deadline] = services.sync_for_proceeding(proceeding, by=org.lawyer)
    assert services.cancel_open_filing_deadlines(case=case, by=org.lawyer, reason="Stop") == 1
    services.sync_for_proceeding(proceeding, by=org.lawyer)
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.CANCELLED
