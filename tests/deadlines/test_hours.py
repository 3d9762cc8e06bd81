"""Periods in hours (urgent interim measures): they end at a moment and never move."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deadlines import services
from deadlines.calculation import (
    DeadlineError,
    PeriodUnit,
    RuleSpec,
    WorkingCalendar,
    compute_due_at,
    compute_due_date,
)
from deadlines.models import Deadline

UTC5 = dt.timezone(dt.timedelta(hours=5))
HOURS_48 = RuleSpec(code="follow-up", amount=48, unit=PeriodUnit.HOURS)


def test_48_hours_from_friday_evening_end_on_sunday_evening_unmoved():
    sent = dt.datetime(2026, 3, 20, 18, 30, tzinfo=UTC5)  # Friday, the eve of Nauryz
    result = compute_due_at(HOURS_48, sent)
    assert result.due == dt.datetime(2026, 3, 22, 18, 30, tzinfo=UTC5)
    assert "not moved" in result.explanation


def test_hours_cross_midnight_and_the_year():
    sent = dt.datetime(2026, 12, 31, 23, 59, tzinfo=UTC5)
    due = compute_due_at(RuleSpec(code="send", amount=24, unit=PeriodUnit.HOURS), sent).due
    assert due == dt.datetime(2027, 1, 1, 23, 59, tzinfo=UTC5)


def test_a_moment_without_time_zone_is_refused():
    with pytest.raises(DeadlineError, match="time zone"):
        compute_due_at(HOURS_48, dt.datetime(2026, 3, 20, 18, 30))


def test_a_period_in_hours_has_no_due_day_and_days_no_due_moment():
    with pytest.raises(DeadlineError, match="moment"):
        compute_due_date(HOURS_48, dt.date(2026, 3, 20), WorkingCalendar())
    with pytest.raises(DeadlineError, match="hours"):
        compute_due_at(
            RuleSpec(code="d", amount=7, unit=PeriodUnit.DAYS),
            dt.datetime(2026, 3, 20, tzinfo=UTC5),
        )


@pytest.mark.django_db
def test_an_hour_deadline_keeps_its_moment_and_its_local_day(case, org):
    opened = timezone.make_aware(dt.datetime(2026, 3, 20, 23, 0))
    (deadline,) = services.sync_moment_deadlines(
        case=case, trigger="interim_opened", event_at=opened, source_key="interim:1", by=org.lawyer
    )
    assert deadline.due_at == opened + dt.timedelta(hours=24)
    assert deadline.due_date == dt.date(2026, 3, 21)
    # Recording the same event again does not add or move anything.
    services.sync_moment_deadlines(
        case=case, trigger="interim_opened", event_at=opened, source_key="interim:1", by=org.lawyer
    )
    assert Deadline.objects.filter(case=case, source_key="interim:1").count() == 1


@pytest.mark.django_db
def test_recomputing_leaves_hour_deadlines_alone(case, org):
    opened = timezone.make_aware(dt.datetime(2026, 3, 20, 23, 0))
    (deadline,) = services.sync_moment_deadlines(
        case=case, trigger="interim_opened", event_at=opened, source_key="interim:1", by=org.lawyer
    )
    assert services.recompute_open_deadlines(by=org.lawyer, reason="calendar corrected") == []
    deadline.refresh_from_db()
    assert deadline.due_at == opened + dt.timedelta(hours=24)


@pytest.mark.django_db
def test_existing_date_deadlines_have_no_moment(case, org):
    deadlines = services.sync_for_event(
        case=case,
        trigger="hrc_transmittal",
        event_date=dt.date(2026, 7, 3),
        source_key="communication:1:transmitted",
        by=org.lawyer,
    )
    assert deadlines and all(d.due_at is None for d in deadlines)
