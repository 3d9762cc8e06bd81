"""Changing deadlines. Every write is audited through `casework.audit.save_audited`.

Hooks for the other apps:
- `sync_for_proceeding(proceeding, by=...)`: call after saving a Proceeding (the UI does); it
  sends `proceeding_synced` when done.
- `sync_rule_deadline(case=..., rule_code=..., event_date=..., ...)`: the one deadline of a rule
  a case has once (communications uses it for the rule 99(c) limits).
- `sync_for_event(case=..., trigger=..., event_date=..., source_key=..., by=...)`: call when a
  workflow records an event that starts a period (Committee transmittal, exhaustion, ...).
- `sync_moment_deadlines(case=..., trigger=..., event_at=..., source_key=..., by=...)`: an
  event recorded with its time (urgent interim measures): periods in hours end at a moment.
- `revoke_calendar_tokens(user)`: emergency lockdown (security) kills every feed address.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.audit import save_audited
from casework.models import Case, Proceeding, User
from casework.selectors import can_change_case, can_view_case

from . import selectors
from .calculation import DeadlineError, DeadlineResult, PeriodUnit, compute_due_at, compute_due_date
from .models import (
    CalendarFeedToken,
    Deadline,
    DeadlineRule,
    DeadlineStatus,
    Trigger,
)

# Sent (kwargs `proceeding`, `by`) once a proceeding's deadlines are synced, so that apps above
# this one follow the change without deadlines importing them: communications re-derives the
# rule 99(c) deadline, whose start (the last ordinary decision) only the admissibility rules know.
proceeding_synced = Signal()
# Sent (kwargs `case`, `trigger`, `event_date`) before an event's deadlines are computed; a
# receiver may answer with the date the periods really start from. Communications answers for
# exhaustion: rule 99(c) runs from the last *ordinary* decision, which the caller may not know.
event_start = Signal()
# Sent (kwargs `case`, `trigger`, `event_date`, `by`) once an event's deadlines are synced, so
# that a deadline a case has once (rule 99(c)) is not tracked twice.
event_synced = Signal()


def compute(rule: DeadlineRule, trigger_date: dt.date) -> DeadlineResult:
    """Apply `rule` to an event on `trigger_date` with the rule's working calendar."""
    if rule.date_set_per_case or not rule.period_amount:
        raise DeadlineError(
            f"Rule {rule.code}: the date is set in each case (e.g. by the Committee); enter it "
            "on the case's deadlines page."
        )
    return compute_due_date(
        selectors.rule_spec(rule), trigger_date, selectors.calendar_for(rule, trigger_date)
    )


def default_assignee(case: Case, by: User | None) -> User | None:
    """The responsible lawyer; failing that whoever opened the case; failing that the actor."""
    for candidate in (case.responsible_lawyer, case.created_by, by):
        if candidate is not None and candidate.is_active:
            return candidate
    return None


def proceeding_source_key(proceeding_pk: int) -> str:
    return f"proceeding:{proceeding_pk}"


def _apply_rule(
    *,
    case: Case,
    rule: DeadlineRule,
    event_date: dt.date,
    source_key: str,
    proceeding: Proceeding | None,
    by: User | None,
    event_label: str,
) -> Deadline | None:
    """Create the deadline `rule` implies for the event, or move the existing one.

    None when the case is closed and had no such deadline: closing a case ends its work.
    """
    result = compute(rule, event_date)
    same_event = Deadline.objects.select_for_update(of=("self",)).filter(
        case=case, rule=rule, source_key=source_key
    )
    existing = same_event.first()
    if existing is None and case.is_closed:
        return None  # nobody acts on a closed case: recording its history adds no work
    if existing is None:
        deadline = Deadline(
            case=case,
            rule=rule,
            source_key=source_key,
            proceeding=proceeding,
            trigger_date=event_date,
            due_date=result.due,
            explanation=result.explanation,
            assignee=default_assignee(case, by),
            created_by=by,
        )
        reason = _("Deadline created: %(event)s on %(date)s") % {
            "event": event_label,
            "date": event_date.isoformat(),
        }
        try:
            with transaction.atomic():
                return save_audited(deadline, by=by, reason=reason)
        except (IntegrityError, ValidationError):
            # Recorded at the same moment by someone else (the unique constraint caught it):
            # theirs stands; bring it in line with this event below.
            existing = same_event.first()
            if existing is None:
                raise
    if existing.status == DeadlineStatus.DONE:
        return existing  # met is met: a later correction of the event does not reopen it
    if existing.status == DeadlineStatus.OPEN and existing.trigger_date == event_date:
        return existing
    if existing.status == DeadlineStatus.CANCELLED and (
        case.is_closed or existing.trigger_date is not None
    ):
        # Cancelled on purpose (a decision not to appeal, a closed case), not because its event
        # was removed: recording the event again must not bring it back.
        return existing
    if existing.status == DeadlineStatus.CANCELLED:
        reason = _("Deadline reopened: %(event)s recorded again on %(date)s") % {
            "event": event_label,
            "date": event_date.isoformat(),
        }
        existing.status = DeadlineStatus.OPEN
        existing.completed_at = None
        existing.completed_by = None
    else:
        reason = _(
            "Deadline moved from %(old)s to %(new)s: event date corrected from %(was)s to %(now)s"
        ) % {
            "old": existing.due_date.isoformat(),
            "new": result.due.isoformat(),
            "was": existing.trigger_date.isoformat() if existing.trigger_date else "—",
            "now": event_date.isoformat(),
        }
    existing.trigger_date = event_date
    existing.due_date = result.due
    existing.explanation = result.explanation
    if proceeding is not None:
        existing.proceeding = proceeding
    return save_audited(existing, by=by, reason=reason)


def _cancel(
    deadlines: Iterable[Deadline], *, by: User | None, reason: str, event_removed: bool = False
) -> list[Deadline]:
    """Cancel open deadlines. `event_removed`: the event that started them is no longer on
    record (its date is cleared), so recording it again reopens them; other cancellations stay."""
    cancelled = []
    for deadline in deadlines:
        if deadline.status != DeadlineStatus.OPEN:
            continue
        deadline.status = DeadlineStatus.CANCELLED
        if event_removed:
            deadline.trigger_date = None
        deadline.completed_at = timezone.now()
        deadline.completed_by = by
        cancelled.append(save_audited(deadline, by=by, reason=reason))
    return cancelled


def _mark_met(deadline: Deadline, *, by: User | None, reason: str) -> Deadline:
    deadline.status = DeadlineStatus.DONE
    deadline.completed_at = timezone.now()
    deadline.completed_by = by
    return save_audited(deadline, by=by, reason=reason)


@transaction.atomic
def sync_for_proceeding(proceeding: Proceeding, *, by: User | None) -> list[Deadline]:
    """Bring the deadlines a proceeding implies in line with what is recorded about it.

    - A decision date creates the deadlines of the rules for its procedure and instance
      (civil first-instance decision → civil appeal; civil appeal decision → cassation; ...).
      Decision dates stand in for "final form", "delivery" or "entry into force": they are the
      earliest possible start, so the computed date is never later than the real one.
    - A corrected decision date moves those deadlines (the history keeps both dates).
    - A removed decision, or a change of procedure or instance, cancels the ones no longer implied.
    - Filing at the next instance marks the deadline it answers as met (an appeal meets the
      appeal deadline) when it was filed on or before the due date.
    Returns the open deadlines the proceeding now implies.
    """
    case = proceeding.case
    key = proceeding_source_key(proceeding.pk)
    implied: list[Deadline] = []
    if proceeding.decided_on:
        rules = selectors.rules_for_proceeding(
            procedure_type=proceeding.procedure_type, instance=proceeding.level
        )
        label = _("decision of %(body)s") % {"body": proceeding.body}
        for rule in rules:
            deadline = _apply_rule(
                case=case,
                rule=rule,
                event_date=proceeding.decided_on,
                source_key=key,
                proceeding=proceeding,
                by=by,
                event_label=label,
            )
            if deadline is not None:
                implied.append(deadline)
    stale = (
        Deadline.objects.select_for_update(of=("self",))
        .filter(case=case, source_key=key, rule__isnull=False, status=DeadlineStatus.OPEN)
        .exclude(pk__in=[d.pk for d in implied])
    )
    reason = (
        _("Cancelled: the proceeding no longer implies this deadline")
        if proceeding.decided_on
        else _("Cancelled: the decision date was removed")
    )
    _cancel(list(stale), by=by, reason=reason, event_removed=True)
    _mark_met_by_filing(proceeding, by=by)
    proceeding_synced.send(sender=Proceeding, proceeding=proceeding, by=by)
    return [d for d in implied if d.status == DeadlineStatus.OPEN]


def _mark_met_by_filing(proceeding: Proceeding, *, by: User | None) -> None:
    if not proceeding.filed_on:
        return
    answered = Deadline.objects.select_for_update(of=("self",)).filter(
        case=proceeding.case,
        status=DeadlineStatus.OPEN,
        rule__fulfilled_by_instance=proceeding.level,
        rule__applies_to_procedure=proceeding.procedure_type,
        trigger_date__lte=proceeding.filed_on,
        due_date__gte=proceeding.filed_on,
    )
    for deadline in answered:
        _mark_met(
            deadline,
            by=by,
            reason=_("Met: filed with %(body)s on %(date)s")
            % {
                "body": proceeding.body,
                "date": proceeding.filed_on.isoformat(),
            },
        )


def _mark_met_by_event(*, case: Case, trigger: str, event_date: dt.date, by: User | None) -> None:
    """An event that answers a deadline (submission answers the delay rules) marks it met."""
    answered = Deadline.objects.select_for_update(of=("self",)).filter(
        case=case,
        status=DeadlineStatus.OPEN,
        rule__fulfilled_by_trigger=trigger,
        due_date__gte=event_date,
    )
    for deadline in answered:
        _mark_met(
            deadline,
            by=by,
            reason=_("Met: %(event)s on %(date)s")
            % {"event": Trigger(trigger).label, "date": event_date.isoformat()},
        )


@transaction.atomic
def cancel_for_source(*, case: Case, source_key: str, by: User | None, reason: str = "") -> int:
    """Cancel the open deadlines an event produced, e.g. when its record is deleted."""
    rows = Deadline.objects.select_for_update(of=("self",)).filter(
        case=case, source_key=source_key, status=DeadlineStatus.OPEN
    )
    return len(
        _cancel(
            list(rows),
            by=by,
            reason=reason or _("Cancelled: the event was removed"),
            event_removed=True,
        )
    )


@transaction.atomic
def sync_for_event(
    *,
    case: Case,
    trigger: str,
    event_date: dt.date | None,
    source_key: str,
    by: User | None,
) -> list[Deadline]:
    """Create or move the deadlines an event starts (rules whose trigger is `trigger`).

    `source_key` names the event (e.g. "communication:7:transmittal") so that recording it
    again with a corrected date moves the deadlines instead of adding new ones.
    `event_date=None` means the event was withdrawn: its open deadlines are cancelled.
    Rules tied to a procedure and instance are left to `sync_for_proceeding`.
    """
    if trigger not in Trigger.values:
        raise ValidationError(_("Unknown deadline trigger: %(trigger)s") % {"trigger": trigger})
    if not source_key:
        raise ValidationError(_("Name the event that starts the deadline."))
    if event_date is None:
        rows = Deadline.objects.select_for_update(of=("self",)).filter(
            case=case, source_key=source_key, rule__trigger=trigger, status=DeadlineStatus.OPEN
        )
        _cancel(list(rows), by=by, reason=_("Cancelled: the event was withdrawn"))
        return []
    for _receiver, answer in event_start.send(
        sender=Deadline, case=case, trigger=trigger, event_date=event_date
    ):
        if isinstance(answer, dt.date):
            event_date = answer
    label = Trigger(trigger).label
    rules = selectors.rules_for_trigger(trigger).filter(applies_to_procedure="")
    _mark_met_by_event(case=case, trigger=trigger, event_date=event_date, by=by)
    deadlines = [
        _apply_rule(
            case=case,
            rule=rule,
            event_date=event_date,
            source_key=source_key,
            proceeding=None,
            by=by,
            event_label=str(label),
        )
        for rule in rules
    ]
    event_synced.send(sender=Deadline, case=case, trigger=trigger, event_date=event_date, by=by)
    # A receiver may have corrected one of them (the rule 99(c) start): return what is stored.
    return list(Deadline.objects.filter(pk__in=[d.pk for d in deadlines if d is not None]))


@transaction.atomic
def recompute_open_deadlines(
    *, by: User | None, reason: str, rule: DeadlineRule | None = None
) -> list[Deadline]:
    """Re-apply the current rules and calendar to open rule-based deadlines; move changed ones.

    Run after an administrator corrects the calendar (a government transfer of a day off) or
    edits a rule: a deadline computed before the correction must not keep a wrong date.
    Returns the deadlines that moved.
    """
    rows = (
        Deadline.objects.select_for_update(of=("self",))
        .select_related("rule")
        .filter(
            status=DeadlineStatus.OPEN,
            rule__isnull=False,
            rule__date_set_per_case=False,
            trigger_date__isnull=False,
        )
    )
    if rule is not None:
        rows = rows.filter(rule=rule)
    moved = []
    for deadline in rows.order_by("pk"):
        try:
            result = compute(deadline.rule, deadline.trigger_date)
        except DeadlineError:
            continue
        if result.due == deadline.due_date and result.explanation == deadline.explanation:
            continue
        old_due = deadline.due_date
        deadline.due_date = result.due
        deadline.explanation = result.explanation
        text = _("Recomputed (%(reason)s): %(old)s → %(new)s") % {
            "reason": reason,
            "old": old_due.isoformat(),
            "new": result.due.isoformat(),
        }
        moved.append(save_audited(deadline, by=by, reason=text))
    return moved


@transaction.atomic
def cancel_open_for_case(*, case: Case, by: User | None, reason: str = "") -> int:
    """Cancel every open deadline of a case, e.g. when the case is closed."""
    rows = Deadline.objects.select_for_update(of=("self",)).filter(
        case=case, status=DeadlineStatus.OPEN
    )
    return len(_cancel(list(rows), by=by, reason=reason or _("Cancelled: the case was closed")))


@transaction.atomic
def sync_for_case(case: Case, *, by: User | None) -> int:
    """Re-derive the deadlines of every proceeding of a case (demo data, repairs)."""
    count = 0
    for proceeding in case.proceedings.order_by("filed_on", "id"):
        count += len(sync_for_proceeding(proceeding, by=by))
    return count


def _require_change(case: Case, by: User) -> None:
    if not can_change_case(by, case):
        raise ValidationError(_("You may not change the deadlines of this case."))


@transaction.atomic
def deadline_add_manual(
    *,
    case: Case,
    by: User,
    title: str,
    due_date: dt.date,
    assignee: User | None = None,
    notes: str = "",
    reason: str = "",
    rule: DeadlineRule | None = None,
) -> Deadline:
    """A deadline no rule computes (a date the Committee set, a court's order, ...).

    `rule`: a rule whose date is set in each case (the author's comments: the Committee sets
    the date in its letter), so the deadline carries the rule's name, source and party.
    """
    _require_change(case, by)
    if rule is not None and not rule.date_set_per_case:
        raise ValidationError(
            {"rule": _("This rule computes its date; it cannot be entered by hand.")}
        )
    assignee = assignee or default_assignee(case, by)
    if assignee is not None and not can_view_case(assignee, case):
        raise ValidationError(
            {"assignee": _("%(user)s cannot open this case.") % {"user": assignee}}
        )
    deadline = Deadline(
        case=case,
        rule=rule,
        title=title.strip(),
        due_date=due_date,
        assignee=assignee,
        notes=notes,
        # Each entered date is its own event: the Committee may set several comment periods.
        source_key=f"{Trigger.MANUAL}:{secrets.token_hex(6)}" if rule else Trigger.MANUAL,
        created_by=by,
    )
    return save_audited(deadline, by=by, reason=reason or _("Deadline added by hand"))


@transaction.atomic
def sync_rule_deadline(
    *,
    case: Case,
    rule_code: str,
    event_date: dt.date | None,
    source_key: str,
    by: User | None,
    reason: str,
) -> Deadline | None:
    """Keep the one deadline of `rule_code` in a case in line with the event that starts it.

    For rules a case has once (the rule 99(c) limits): a deadline of the rule recorded under
    another source (e.g. by an older workflow step) is adopted rather than duplicated; further
    open duplicates are cancelled. `event_date=None` (the event is no longer on record) cancels
    the open one. Idempotent: an unchanged event writes nothing. None when the rule is missing
    or inactive, or nothing applies.
    """
    rule = DeadlineRule.objects.filter(code=rule_code, is_active=True).first()
    if rule is None:
        return None
    rows = list(
        Deadline.objects.select_for_update(of=("self",))
        .filter(case=case, rule=rule)
        .order_by("-created_at", "-pk")
    )
    rank = {DeadlineStatus.OPEN: 0, DeadlineStatus.DONE: 1, DeadlineStatus.CANCELLED: 2}
    rows.sort(key=lambda d: (rank[d.status], d.source_key != source_key))
    keep = rows[0] if rows else None
    duplicates = [d for d in rows[1:] if d.status == DeadlineStatus.OPEN]
    _cancel(duplicates, by=by, reason=_("Cancelled: the same time limit is already tracked"))
    if event_date is None:
        if keep is not None and keep.status == DeadlineStatus.OPEN:
            _cancel([keep], by=by, reason=reason, event_removed=True)
        return None
    return _apply_rule(
        case=case,
        rule=rule,
        event_date=event_date,
        # An adopted deadline keeps the source it was recorded under, so that recording that
        # event again finds it instead of adding a second one.
        source_key=keep.source_key if keep is not None else source_key,
        proceeding=None,
        by=by,
        event_label=reason,
    )


@transaction.atomic
def deadline_complete(*, deadline: Deadline, by: User, reason: str = "") -> Deadline:
    """Mark a deadline as met."""
    deadline = (
        Deadline.objects.select_for_update(of=("self",)).select_related("case").get(pk=deadline.pk)
    )
    _require_change(deadline.case, by)
    if deadline.status != DeadlineStatus.OPEN:
        raise ValidationError(_("This deadline is no longer open."))
    return _mark_met(deadline, by=by, reason=reason or _("Marked as met"))


@transaction.atomic
def deadline_cancel(*, deadline: Deadline, by: User, reason: str) -> Deadline:
    """Cancel a deadline that no longer applies; the reason is required and kept."""
    deadline = (
        Deadline.objects.select_for_update(of=("self",)).select_related("case").get(pk=deadline.pk)
    )
    _require_change(deadline.case, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the deadline no longer applies.")})
    if deadline.status != DeadlineStatus.OPEN:
        raise ValidationError(_("This deadline is no longer open."))
    _cancel([deadline], by=by, reason=_("Cancelled: %(reason)s") % {"reason": reason.strip()})
    return deadline


@transaction.atomic
def cancel_open_filing_deadlines(*, case: Case, by: User | None, reason: str) -> int:
    """The lawyer decided not to go to a further domestic instance: its filing period is moot."""
    rows = Deadline.objects.select_for_update(of=("self",)).filter(
        case=case, status=DeadlineStatus.OPEN, rule__fulfilled_by_instance__gt=""
    )
    return len(_cancel(list(rows), by=by, reason=reason))


@transaction.atomic
def deadlines_complete_for_rules(
    *,
    case: Case,
    rule_codes: Iterable[str],
    by: User | None,
    reason: str,
    source_key: str | None = None,
) -> int:
    """Mark open deadlines of the given rules as met (e.g. the communication was submitted).

    `source_key`: only those one event produced (one interim-measures request among several).
    """
    rows = Deadline.objects.select_for_update(of=("self",)).filter(
        case=case, status=DeadlineStatus.OPEN, rule__code__in=list(rule_codes)
    )
    if source_key is not None:
        rows = rows.filter(source_key=source_key)
    return len([_mark_met(row, by=by, reason=reason) for row in rows])


@transaction.atomic
def sync_moment_deadlines(
    *,
    case: Case,
    trigger: str,
    event_at: dt.datetime,
    source_key: str,
    by: User | None,
) -> list[Deadline]:
    """Create the deadlines an event recorded with its time starts (rules whose trigger it is).

    A period in hours ends at a moment (`due_at`; `due_date` is its local day); a period in
    days counts from the event's local day as usual. One deadline per rule and event: recording
    the event again leaves an existing one as it is (an urgent step is not re-dated silently).
    Nothing is created on a closed case.
    """
    if trigger not in Trigger.values:
        raise ValidationError(_("Unknown deadline trigger: %(trigger)s") % {"trigger": trigger})
    if timezone.is_naive(event_at):
        raise ValidationError(_("The moment of the event needs its time zone."))
    if case.is_closed:
        return []
    created = []
    label = Trigger(trigger).label
    for rule in selectors.rules_for_trigger(trigger).filter(applies_to_procedure=""):
        existing = Deadline.objects.filter(case=case, rule=rule, source_key=source_key).first()
        if existing is not None:
            created.append(existing)
            continue
        day = timezone.localdate(event_at)
        if rule.period_unit == PeriodUnit.HOURS:
            moment = compute_due_at(selectors.rule_spec(rule), event_at)
            due_at, due_date = moment.due, timezone.localdate(moment.due)
            explanation = moment.explanation
        else:
            result = compute(rule, day)
            due_at, due_date, explanation = None, result.due, result.explanation
        deadline = Deadline(
            case=case,
            rule=rule,
            source_key=source_key,
            trigger_date=day,
            due_date=due_date,
            due_at=due_at,
            explanation=explanation,
            assignee=default_assignee(case, by),
            created_by=by,
        )
        reason = _("Deadline created: %(event)s at %(moment)s") % {
            "event": label,
            "moment": timezone.localtime(event_at).isoformat(timespec="minutes"),
        }
        created.append(save_audited(deadline, by=by, reason=reason))
    return created


# --- Calendar feed addresses -------------------------------------------------------------------


@transaction.atomic
def calendar_token_rotate(*, user: User) -> str:
    """Revoke the user's feed addresses and issue a new one. The token is returned only here."""
    revoke_calendar_tokens(user, by=user, reason=_("Replaced by a new feed address"))
    token = secrets.token_urlsafe(32)
    feed = CalendarFeedToken(user=user, token_hash=CalendarFeedToken.hash_token(token))
    save_audited(feed, by=user, reason=_("Calendar feed address created"))
    return token


@transaction.atomic
def revoke_calendar_tokens(user: User, *, by: User | None = None, reason: str = "") -> int:
    """Revoke every active calendar-feed address of `user` (also used by emergency lockdown)."""
    now = timezone.now()
    count = 0
    for feed in CalendarFeedToken.objects.select_for_update().filter(
        user=user, revoked_at__isnull=True
    ):
        feed.revoked_at = now
        save_audited(feed, by=by, reason=reason or _("Calendar feed address revoked"))
        count += 1
    return count


def calendar_token_user(token: str) -> User | None:
    """The active user an active feed token belongs to, or None (unknown, revoked, inactive)."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=CalendarFeedToken.hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    CalendarFeedToken.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.user


__all__ = [
    "DeadlineError",
    "calendar_token_rotate",
    "calendar_token_user",
    "cancel_for_source",
    "cancel_open_filing_deadlines",
    "cancel_open_for_case",
    "compute",
    "deadline_add_manual",
    "deadline_cancel",
    "deadline_complete",
    "deadlines_complete_for_rules",
    "recompute_open_deadlines",
    "revoke_calendar_tokens",
    "sync_for_case",
    "sync_rule_deadline",
    "sync_for_event",
    "sync_for_proceeding",
    "sync_moment_deadlines",
]
