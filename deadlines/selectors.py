"""Reading deadlines and calendars. Every deadline list starts from `cases_visible_to`."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.db.models import Q, QuerySet
from django.utils import timezone

from casework.identity import cases_with_identity_for
from casework.models import Case, Role, User
from casework.selectors import cases_visible_to

from .calculation import PeriodUnit, Rollover, RuleSpec, WorkingCalendar
from .models import CalendarDay, CalendarDayKind, Deadline, DeadlineRule, DeadlineStatus, Party

UPCOMING_DAYS = 14


@lru_cache(maxsize=64)
def _public_holidays(country: str, year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    """Public holidays (observed days and transferred days off included) from `holidays`."""
    calendar = holidays.country_holidays(country, years=year, observed=True)
    days = {day: name for day, name in calendar.items() if day.year == year}
    working = frozenset(
        day for day in getattr(calendar, "weekend_workdays", ()) if day.year == year
    )
    return days, working


def working_calendar(country: str, first_year: int, last_year: int) -> WorkingCalendar:
    """The calendar for the years [first_year, last_year], administrator corrections applied."""
    days: dict[dt.date, str] = {}
    working: set[dt.date] = set()
    # One year of margin: a last day on 31 December may move into January.
    for year in range(first_year, min(last_year + 1, dt.MAXYEAR) + 1):
        year_days, year_working = _public_holidays(country, year)
        days.update(year_days)
        working |= year_working
    corrections = CalendarDay.objects.filter(
        calendar=country,
        date__gte=dt.date(first_year, 1, 1),
        date__lte=dt.date(min(last_year + 1, dt.MAXYEAR), 12, 31),
    )
    for correction in corrections:
        if correction.kind == CalendarDayKind.HOLIDAY:
            days[correction.date] = correction.name
            working.discard(correction.date)
        else:
            days.pop(correction.date, None)
            working.add(correction.date)
    return WorkingCalendar(holidays=days, working_days=frozenset(working))


def calendar_for(rule: DeadlineRule, trigger: dt.date) -> WorkingCalendar:
    """The calendar covering every day the period can reach (generously: holidays are cheap)."""
    amount = rule.period_amount or 0
    span = {
        PeriodUnit.HOURS: amount // (24 * 365) + 1,
        PeriodUnit.DAYS: amount // 365 + 1,
        PeriodUnit.WORKING_DAYS: amount // 200 + 1,
        PeriodUnit.MONTHS: amount // 12 + 1,
        PeriodUnit.YEARS: amount,
    }[PeriodUnit(rule.period_unit)]
    return working_calendar(rule.calendar, trigger.year, min(trigger.year + span, dt.MAXYEAR))


def rule_spec(rule: DeadlineRule) -> RuleSpec:
    """The arithmetic of a computed rule (never called for a rule whose date is set per case)."""
    return RuleSpec(
        code=rule.code,
        amount=rule.period_amount,
        unit=PeriodUnit(rule.period_unit),
        rollover=Rollover(rule.rollover),
        trigger_day_counts=rule.trigger_day_counts,
    )


def _computed_rules() -> QuerySet[DeadlineRule]:
    # A rule whose date is set in each case has no period: nothing computes it.
    return DeadlineRule.objects.filter(is_active=True, date_set_per_case=False)


def rules_for_proceeding(*, procedure_type: str, instance: str) -> QuerySet[DeadlineRule]:
    return _computed_rules().filter(
        applies_to_procedure=procedure_type, applies_to_instance=instance
    )


def rules_for_trigger(trigger: str) -> QuerySet[DeadlineRule]:
    return _computed_rules().filter(trigger=trigger)


def rules_entered_by_hand() -> QuerySet[DeadlineRule]:
    """Rules whose date the lawyer enters (e.g. the author's comments, set by the Committee)."""
    return DeadlineRule.objects.filter(is_active=True, date_set_per_case=True).order_by("name")


def awaited_q() -> Q:
    """Deadlines the State party or the Committee must meet: awaited, never our overdue."""
    return Q(rule__isnull=False) & ~Q(rule__party=Party.OURS)


def deadlines_visible_to(user: User) -> QuerySet[Deadline]:
    """Deadlines of the cases `user` may open: the one gate for every deadline list."""
    return Deadline.objects.filter(case__in=cases_visible_to(user)).select_related(
        "case", "case__branch", "rule", "assignee"
    )


def _open(user: User) -> QuerySet[Deadline]:
    return deadlines_visible_to(user).filter(status=DeadlineStatus.OPEN)


def oversees_everyone(user: User) -> bool:
    return user.has_role(Role.SUPERVISOR, Role.ADMINISTRATOR)


def my_deadlines(user: User) -> QuerySet[Deadline]:
    return _open(user).filter(assignee=user)


def branch_deadlines(user: User) -> QuerySet[Deadline]:
    if not user.branch_id:
        return Deadline.objects.none()
    return _open(user).filter(case__branch_id=user.branch_id)


def _overseen(user: User) -> QuerySet[Deadline]:
    """Supervisors see everyone's items; branch heads their branch's; others their own."""
    if oversees_everyone(user):
        return _open(user)
    if user.has_role(Role.BRANCH_HEAD):
        return branch_deadlines(user)
    return my_deadlines(user)


def overdue_deadlines(user: User, *, today: dt.date | None = None) -> QuerySet[Deadline]:
    """Our own open deadlines whose date has passed; awaited ones are never overdue for us."""
    today = today or timezone.localdate()
    return _overseen(user).filter(due_date__lt=today).exclude(awaited_q())


def awaited_past_due(user: User, *, today: dt.date | None = None) -> QuerySet[Deadline]:
    """Awaited deadlines whose date passed with nothing recorded: follow up with the Committee."""
    today = today or timezone.localdate()
    return _overseen(user).filter(awaited_q(), due_date__lt=today)


def upcoming_deadlines(user: User, *, today: dt.date | None = None) -> QuerySet[Deadline]:
    today = today or timezone.localdate()
    return _overseen(user).filter(
        due_date__gte=today, due_date__lte=today + dt.timedelta(days=UPCOMING_DAYS)
    )


def case_deadlines(case: Case) -> QuerySet[Deadline]:
    """All deadlines of a case the caller has already opened through `get_case_for`."""
    return case.deadlines.select_related("rule", "assignee", "proceeding")


def next_open_deadline(case: Case) -> tuple[Deadline | None, int]:
    """The next open deadline of `case` (ours before awaited ones) and how many of ours are
    overdue; the State's and the Committee's are awaited, never counted as overdue."""
    today = timezone.localdate()
    items = list(
        Deadline.objects.filter(case=case, status=DeadlineStatus.OPEN)
        .select_related("rule")
        .order_by("due_date", "id")[:50]
    )
    ours = [item for item in items if not item.is_awaited]
    overdue = sum(1 for item in ours if item.due_date < today)
    # Our own next deadline first; an awaited one (the State's) only when we have none.
    first = ours[0] if ours else (items[0] if items else None)
    return first, overdue


def filing_deadlines(case: Case, instance: str | None = None) -> list[Deadline]:
    """The case's open deadlines that a filing at a domestic instance answers (an appeal answers
    the appeal period), soonest first; only those of `instance` when given."""
    rows = Deadline.objects.filter(
        case=case, status=DeadlineStatus.OPEN, rule__fulfilled_by_instance__gt=""
    )
    if instance:
        rows = rows.filter(rule__fulfilled_by_instance=instance)
    return list(rows.select_related("rule").order_by("due_date", "id"))


def proceeding_deadlines(case: Case, proceeding_pk: int) -> list[Deadline]:
    """The open deadlines a proceeding's decision set off (its source), soonest first."""
    return list(
        Deadline.objects.filter(case=case, status=DeadlineStatus.OPEN, proceeding_id=proceeding_pk)
        .select_related("rule")
        .order_by("due_date", "id")
    )


def case_has_rule_deadline(case: Case, rule_code: str) -> bool:
    """Whether the case already tracks a deadline of the rule (any status)."""
    return Deadline.objects.filter(case=case, rule__code=rule_code).exists()


def identity_case_ids(user: User) -> set[int]:
    """Cases whose client/victim identity `user` may see (decided by `casework.identity`)."""
    return set(cases_with_identity_for(user).values_list("pk", flat=True))


def feed_deadlines(user: User) -> QuerySet[Deadline]:
    """What a user's calendar feed shows: their open deadlines in cases they may still open."""
    return my_deadlines(user).order_by("due_date", "id")
