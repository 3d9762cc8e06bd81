"""Reminders at 14, 7, 3, 1 days and on the day; each sent once, whatever runs twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from casework.models import (
    CaseParty,
    Instance,
    Outcome,
    PartyRole,
    Person,
    ProcedureType,
    Proceeding,
)
from deadlines import services
from deadlines.models import ReminderLog, ReminderStatus
from deadlines.reminders import (
    due_reminders,
    enqueue_due_reminders,
    reminder_offset,
    send_deadline_reminder,
)

D = dt.date
DUE = D(2026, 5, 4)


@pytest.fixture
def deadline(case, org):
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    return services.deadline_add_manual(
        case=case, by=org.lawyer, title="Reply to Ivanova", due_date=DUE
    )


@pytest.mark.parametrize(
    ("days_left", "offset"),
    [(20, None), (15, None), (14, 14), (10, 14), (7, 7), (5, 7), (3, 3), (2, 3), (1, 1), (0, 0)],
)
def test_the_reminder_due_is_the_nearest_offset_not_yet_passed(days_left, offset):
    assert reminder_offset(days_left) == offset


def test_no_reminder_once_the_day_has_passed():
    assert reminder_offset(-1) is None


def test_running_the_scan_twice_sends_one_email(deadline):
    today = DUE - dt.timedelta(days=7)
    assert enqueue_due_reminders(today) == 1
    assert enqueue_due_reminders(today) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lawyer@example.org"]
    assert ReminderLog.objects.get().offset_days == 7


def test_the_same_reminder_enqueued_twice_is_sent_once(deadline):
    send_deadline_reminder.enqueue(deadline.pk, 3, DUE.isoformat())
    send_deadline_reminder.enqueue(deadline.pk, 3, DUE.isoformat())
    assert len(mail.outbox) == 1


def test_one_email_per_offset_over_the_whole_countdown(deadline):
    for days_before in range(20, -3, -1):
        enqueue_due_reminders(DUE - dt.timedelta(days=days_before))
        enqueue_due_reminders(DUE - dt.timedelta(days=days_before))  # cron overlap
    offsets = sorted(ReminderLog.objects.values_list("offset_days", flat=True))
    assert offsets == [0, 1, 3, 7, 14]
    assert len(mail.outbox) == 5
    assert "today" in mail.outbox[-1].subject


def test_the_reminder_names_the_case_reference_and_never_a_person(deadline, case):
    person = Person.objects.create(full_name="Aigul Ivanova")
    CaseParty.objects.create(case=case, role=PartyRole.VICTIM, person=person)
    enqueue_due_reminders(DUE - dt.timedelta(days=1))
    message = mail.outbox[0]
    text = message.subject + message.body
    assert case.reference in text
    assert "Ivanova" not in text  # not even from the hand-written title
    assert case.title not in text
    assert f"https://remedy.example/deadlines/{deadline.pk}/" in message.body
    # Nor the due date or how it was computed (which decision, served when): case facts.
    assert DUE.isoformat() not in text and "Computed" not in text
    assert DUE.strftime("%d %B") not in text


def test_a_completed_deadline_is_not_reminded(deadline, org):
    services.deadline_complete(deadline=deadline, by=org.lawyer)
    assert due_reminders(DUE - dt.timedelta(days=1)) == []
    assert send_deadline_reminder.enqueue(deadline.pk, 1, DUE.isoformat()).return_value == (
        "closed"
    )
    assert mail.outbox == []


def test_a_moved_deadline_is_reminded_of_its_new_date(case, org):
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    proceeding = Proceeding.objects.create(
        case=case,
        level=Instance.FIRST_INSTANCE,
        procedure_type=ProcedureType.CIVIL,
        body="Court",
        filed_on=D(2025, 12, 1),
        decided_on=D(2026, 1, 28),
        outcome=Outcome.DISMISSED,
    )
    services.sync_for_proceeding(proceeding, by=org.lawyer)  # due Monday 2026-03-02
    enqueue_due_reminders(D(2026, 2, 27))  # the 3-day reminder
    proceeding.decided_on = D(2026, 2, 10)
    proceeding.save()
    services.sync_for_proceeding(proceeding, by=org.lawyer)  # now due 2026-03-10
    enqueue_due_reminders(D(2026, 3, 3))  # the 7-day reminder of the new date
    enqueue_due_reminders(D(2026, 3, 3))
    sent = sorted(ReminderLog.objects.values_list("due_date", "offset_days"))
    assert sent == [(D(2026, 3, 2), 3), (D(2026, 3, 10), 7)]
    assert len(mail.outbox) == 2


def test_a_stale_task_for_an_old_date_is_dropped(deadline):
    result = send_deadline_reminder.enqueue(deadline.pk, 1, "2026-01-01")
    assert result.return_value == "moved"
    assert mail.outbox == []


def test_without_an_address_the_reminder_is_logged_not_retried(case, org):
    deadline = services.deadline_add_manual(case=case, by=org.lawyer, title="X", due_date=DUE)
    enqueue_due_reminders(DUE)
    enqueue_due_reminders(DUE)
    assert mail.outbox == []
    assert ReminderLog.objects.get(deadline=deadline).status == ReminderStatus.NO_ADDRESS


def test_the_command_enqueues_and_reports(deadline, capsys):
    call_command("send_deadline_reminders", today=(DUE - dt.timedelta(days=14)).isoformat())
    assert "1 reminder(s) enqueued." in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_queue_and_worker_send_each_reminder_once(settings, case, org):
    """The real path: scan → rows in the task table → `db_worker` sends, then finds nothing."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    services.deadline_add_manual(case=case, by=org.lawyer, title="X", due_date=DUE)
    today = (DUE - dt.timedelta(days=7)).isoformat()
    call_command("send_deadline_reminders", today=today)
    call_command("send_deadline_reminders", today=today)  # before the worker ran: queued twice
    assert DBTaskResult.objects.count() == 2
    assert mail.outbox == []

    worker = {"batch": True, "reload": False, "startup_delay": False, "verbosity": 0}
    call_command("db_worker", **worker)
    call_command("db_worker", **worker)  # a restarted worker
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.count() == 1
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_sending_the_same_reminder_at_once_send_one_email(case, org):
    """Real row locks: both workers run the task at the same moment; the unique log wins."""
    import threading

    from django.db import connection

    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    deadline = services.deadline_add_manual(case=case, by=org.lawyer, title="X", due_date=DUE)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(send_deadline_reminder.call(deadline.pk, 1, DUE.isoformat()))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["already sent", "sent"]
    assert len(mail.outbox) == 1


def test_no_reminder_to_someone_whose_access_was_revoked(deadline, case, org):
    from casework.services import revoke_case_access

    revoke_case_access(case=case, user=org.lawyer, by=org.supervisor, reason="Left the team")
    enqueue_due_reminders(DUE)
    assert mail.outbox == []
    assert ReminderLog.objects.get().status == ReminderStatus.NO_ACCESS
