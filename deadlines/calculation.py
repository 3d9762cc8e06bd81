"""Deadline arithmetic: pure functions, no ORM, plain dataclasses in and out.

The numbers (periods, which event starts them, whether a last day on a non-working day moves)
are data in `DeadlineRule`; this module only knows how to count. `services` adapts rows to
`RuleSpec` and `WorkingCalendar` and stores the result.

Counting follows the general rule of Kazakh procedural codes: a period starts on the day after
the event that triggers it (unless a rule says the trigger day counts); a period in months or
years ends on the same day number of the last month, or on that month's last day when it has no
such day; a last day that is not a working day moves to the next working day where the rule says
so. UN Human Rights Committee periods do not move.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class PeriodUnit(StrEnum):
    HOURS = "hours"  # urgent steps (interim measures): counted from a moment, never moved
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    YEARS = "years"


class Rollover(StrEnum):
    """What happens to a last day that falls on a weekend or public holiday."""

    NEXT_WORKING_DAY = "next_working_day"
    NONE = "none"


class DeadlineError(ValueError):
    """The period cannot be computed (e.g. it runs past the last representable date)."""


@dataclass(frozen=True)
class RuleSpec:
    """The arithmetic part of a deadline rule."""

    code: str
    amount: int
    unit: PeriodUnit
    rollover: Rollover = Rollover.NEXT_WORKING_DAY
    trigger_day_counts: bool = False

    def __post_init__(self) -> None:
        if self.amount < 1:
            raise DeadlineError(f"Rule {self.code}: the period must be at least 1.")


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days: weekdays, minus holidays, plus transferred working days.

    `holidays` maps a date to its name (public holidays, observed days and days off transferred
    by the government); `working_days` are weekend days the government made working days.
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    working_days: frozenset[dt.date] = frozenset()
    weekend: frozenset[int] = frozenset({5, 6})  # Saturday, Sunday (date.weekday())

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def why_not_working(self, day: dt.date) -> str:
        """A short reason a day is not a working day ("" when it is one)."""
        if self.is_working_day(day):
            return ""
        if day in self.holidays:
            return self.holidays[day]
        return "weekend"

    def next_working_day(self, day: dt.date) -> dt.date:
        # A year without a working day does not exist; the bound only guards bad data.
        for _ in range(366):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise DeadlineError("No working day within a year: check the calendar overrides.")


@dataclass(frozen=True)
class DeadlineResult:
    rule: str
    trigger: dt.date
    due: dt.date
    explanation: str


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day number `months` later; the last day of the month when it has no such day.

    31 Jan + 1 month = 28 Feb (29 Feb in a leap year); 29 Feb 2024 + 60 months = 28 Feb 2029.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DeadlineError("The deadline falls outside the supported date range.")
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _describe(day: dt.date) -> str:
    return f"{day.isoformat()} ({day.strftime('%A')})"


def _period_label(rule: RuleSpec) -> str:
    singular = {
        PeriodUnit.HOURS: "hour",
        PeriodUnit.DAYS: "day",
        PeriodUnit.WORKING_DAYS: "working day",
        PeriodUnit.MONTHS: "month",
        PeriodUnit.YEARS: "year",
    }[rule.unit]
    plural = "" if rule.amount == 1 else "s"
    return f"{rule.amount} {singular}{plural}"


def _count_working_days(rule: RuleSpec, trigger: dt.date, cal: WorkingCalendar) -> dt.date:
    remaining = rule.amount
    day = trigger
    if rule.trigger_day_counts and cal.is_working_day(day):
        remaining -= 1
    while remaining > 0:
        day = cal.next_working_day(day)
        remaining -= 1
    return day


def compute_due_date(rule: RuleSpec, trigger: dt.date, cal: WorkingCalendar) -> DeadlineResult:
    """The last day of the period `rule` that starts with the event on `trigger`."""
    if rule.unit == PeriodUnit.HOURS:
        raise DeadlineError(
            f"Rule {rule.code}: a period in hours starts at a moment, not a day (compute_due_at)."
        )
    try:
        if rule.unit == PeriodUnit.WORKING_DAYS:
            due = _count_working_days(rule, trigger, cal)
            explanation = f"{_period_label(rule)} → {_describe(due)}"
            return DeadlineResult(rule.code, trigger, due, explanation)
        if rule.unit == PeriodUnit.DAYS:
            end = trigger + dt.timedelta(days=rule.amount)
        elif rule.unit == PeriodUnit.MONTHS:
            end = add_months(trigger, rule.amount)
        else:
            end = add_months(trigger, rule.amount * 12)
        if rule.trigger_day_counts:
            end -= dt.timedelta(days=1)
    except OverflowError as exc:
        raise DeadlineError("The deadline falls outside the supported date range.") from exc

    explanation = f"{_period_label(rule)} → {_describe(end)}"
    reason = cal.why_not_working(end)
    if not reason:
        return DeadlineResult(rule.code, trigger, end, explanation)
    if rule.rollover == Rollover.NONE:
        explanation += f" [{reason}; not moved: this period does not move to a working day]"
        return DeadlineResult(rule.code, trigger, end, explanation)
    due = cal.next_working_day(end)
    if reason != "weekend":
        explanation = explanation[: -len(")")] + f", {reason})"
    explanation += f" → next working day {due.isoformat()}"
    return DeadlineResult(rule.code, trigger, due, explanation)


@dataclass(frozen=True)
class MomentResult:
    rule: str
    trigger: dt.datetime
    due: dt.datetime
    explanation: str


def compute_due_at(rule: RuleSpec, trigger: dt.datetime) -> MomentResult:
    """The moment a period in hours ends: `trigger` plus the hours, whatever the calendar.

    Urgent periods (a follow-up 48 hours after an interim-measures request) run through nights,
    weekends and holidays; they never move to a working day. `trigger` must be timezone-aware.
    """
    if rule.unit != PeriodUnit.HOURS:
        raise DeadlineError(f"Rule {rule.code}: only a period in hours ends at a moment.")
    if trigger.tzinfo is None:
        raise DeadlineError(f"Rule {rule.code}: the starting moment needs its time zone.")
    try:
        due = trigger + dt.timedelta(hours=rule.amount)
    except OverflowError as exc:
        raise DeadlineError("The deadline falls outside the supported date range.") from exc
    explanation = f"{_period_label(rule)} from {trigger.isoformat(timespec='minutes')} → "
    explanation += f"{due.isoformat(timespec='minutes')} (hours are not moved to a working day)"
    return MomentResult(rule.code, trigger, due, explanation)
