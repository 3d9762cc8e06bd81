"""The pure arithmetic, without the database: plain dataclasses in and out."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines.calculation import (
    DeadlineError,
    PeriodUnit,
    Rollover,
    RuleSpec,
    WorkingCalendar,
    add_months,
    compute_due_date,
)

D = dt.date
WEEKENDS_ONLY = WorkingCalendar()
NAURYZ_2026 = WorkingCalendar(
    holidays={D(2026, 3, d): "Nauryz" for d in (21, 22, 23, 24, 25)},
)


def spec(amount: int, unit: PeriodUnit, **kwargs) -> RuleSpec:
    return RuleSpec(code="test", amount=amount, unit=unit, **kwargs)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 1, 15), 1, D(2026, 2, 15)),
        (D(2025, 12, 31), 2, D(2026, 2, 28)),
        (D(2024, 2, 29), 60, D(2029, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_number_or_takes_the_last_day(start, months, end):
    assert add_months(start, months) == end


def test_add_months_beyond_year_9999_is_a_clear_error():
    with pytest.raises(DeadlineError, match="supported date range"):
        add_months(D(9999, 6, 1), 12)


def test_day_period_past_year_9999_is_a_clear_error():
    with pytest.raises(DeadlineError, match="supported date range"):
        compute_due_date(spec(10, PeriodUnit.DAYS), D(9999, 12, 30), WEEKENDS_ONLY)


def test_period_starts_the_day_after_the_event():
    result = compute_due_date(spec(10, PeriodUnit.DAYS), D(2026, 1, 5), WEEKENDS_ONLY)
    assert result.due == D(2026, 1, 15)


def test_counted_trigger_day_shortens_the_period_by_one_day():
    rule = spec(10, PeriodUnit.DAYS, trigger_day_counts=True)
    assert compute_due_date(rule, D(2026, 1, 5), WEEKENDS_ONLY).due == D(2026, 1, 14)


def test_counted_trigger_day_counts_as_the_first_working_day():
    rule = spec(2, PeriodUnit.WORKING_DAYS, trigger_day_counts=True)
    assert compute_due_date(rule, D(2026, 1, 5), WEEKENDS_ONLY).due == D(2026, 1, 6)


def test_weekend_last_day_moves_to_monday():
    result = compute_due_date(spec(1, PeriodUnit.MONTHS), D(2026, 1, 28), WEEKENDS_ONLY)
    assert result.due == D(2026, 3, 2)
    assert result.explanation == "1 month → 2026-02-28 (Saturday) → next working day 2026-03-02"


def test_last_day_on_a_holiday_run_moves_past_all_of_it():
    result = compute_due_date(spec(1, PeriodUnit.MONTHS), D(2026, 2, 21), NAURYZ_2026)
    assert result.due == D(2026, 3, 26)


def test_rule_without_rollover_keeps_a_weekend_last_day():
    rule = spec(6, PeriodUnit.MONTHS, rollover=Rollover.NONE)
    result = compute_due_date(rule, D(2025, 8, 31), WEEKENDS_ONLY)
    assert result.due == D(2026, 2, 28)


def test_working_days_skip_weekends_and_holidays():
    rule = spec(10, PeriodUnit.WORKING_DAYS)
    result = compute_due_date(rule, D(2026, 3, 16), NAURYZ_2026)
    assert result.due == D(2026, 4, 2)
    assert result.explanation == "10 working days → 2026-04-02 (Thursday)"


def test_a_transferred_working_saturday_counts_as_a_working_day():
    cal = WorkingCalendar(working_days=frozenset({D(2026, 1, 10)}))
    assert compute_due_date(spec(1, PeriodUnit.WORKING_DAYS), D(2026, 1, 9), cal).due == D(
        2026, 1, 10
    )


def test_a_period_must_be_positive():
    with pytest.raises(DeadlineError):
        spec(0, PeriodUnit.DAYS)


def test_a_calendar_without_working_days_is_reported_not_looped_forever():
    cal = WorkingCalendar(weekend=frozenset(range(7)))
    with pytest.raises(DeadlineError, match="No working day"):
        compute_due_date(spec(1, PeriodUnit.DAYS), D(2026, 1, 1), cal)


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)),
    amount=st.integers(min_value=1, max_value=24),
    # Periods in hours end at a moment, not a day: tests/deadlines/test_hours.py.
    unit=st.sampled_from([u for u in PeriodUnit if u != PeriodUnit.HOURS]),
)
def test_a_moved_deadline_is_a_working_day_after_the_event(start, amount, unit):
    result = compute_due_date(spec(amount, unit), start, NAURYZ_2026)
    assert result.due > start
    assert NAURYZ_2026.is_working_day(result.due)


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)),
    months=st.integers(min_value=1, max_value=120),
)
def test_month_arithmetic_lands_in_the_right_month_on_the_same_or_last_day(start, months):
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == start.day or (end.day < start.day and (end + dt.timedelta(days=1)).day == 1)
