"""Deadline reminders: a scan that enqueues, a task that sends, a log that makes it idempotent.

`due_reminders(today)` lists what should go out (pure over the rows it reads);
`enqueue_due_reminders()` (run by `manage.py send_deadline_reminders`, e.g. from cron every
hour) puts one task per reminder on the queue; the worker (`manage.py db_worker`) runs
`send_deadline_reminder`, which writes the `ReminderLog` row and sends the e-mail in one
transaction. The unique (deadline, due date, offset) constraint means a reminder enqueued twice,
or re-run after a worker restart, is sent once.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from casework.selectors import can_view_case
from notifications.models import Kind
from notifications.services import notify, wants_email

from .models import Deadline, DeadlineStatus, Party, ReminderLog, ReminderStatus

logger = logging.getLogger(__name__)

# Days before the due date at which the assignee is reminded (0 = on the day).
REMINDER_OFFSETS: tuple[int, ...] = (14, 7, 3, 1, 0)
# Awaited deadlines (the State's, the Committee's) need no countdown: the lawyer hears on the
# day and, when nothing arrived, a week later, to follow up with the Committee. Issue #11.
AWAITED_REMINDER_OFFSETS: tuple[int, ...] = (0, -7)


def reminder_offset(days_left: int, offsets: tuple[int, ...] = REMINDER_OFFSETS) -> int | None:
    """Which reminder is due when `days_left` days remain (None: none now).

    The smallest offset at or above `days_left`: if the scan did not run on the 7th day before,
    the "7 days" reminder still goes out on the 6th, once; a deadline created 2 days before its
    date gets the "3 days" reminder at once, then the 1-day and same-day ones. Negative offsets
    (days after the date) exist only for awaited deadlines.
    """
    if days_left < min(offsets):
        return None
    candidates = [offset for offset in offsets if offset >= days_left]
    return min(candidates) if candidates else None


def due_reminders(today: dt.date | None = None) -> list[tuple[int, int, dt.date]]:
    """(deadline id, offset, due date) of every reminder that should go out and has not."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=max(REMINDER_OFFSETS))
    since = today + dt.timedelta(days=min(AWAITED_REMINDER_OFFSETS))
    rows = Deadline.objects.filter(
        status=DeadlineStatus.OPEN, due_date__gte=since, due_date__lte=horizon
    ).values_list("pk", "due_date", "rule__party")
    sent = set(
        ReminderLog.objects.filter(
            deadline__status=DeadlineStatus.OPEN, due_date__gte=since
        ).values_list("deadline_id", "due_date", "offset_days")
    )
    due = []
    for pk, due_date, party in rows:
        awaited = party not in (None, Party.OURS)
        offsets = AWAITED_REMINDER_OFFSETS if awaited else REMINDER_OFFSETS
        offset = reminder_offset((due_date - today).days, offsets)
        if offset is not None and (pk, due_date, offset) not in sent:
            due.append((pk, offset, due_date))
    return due


def enqueue_due_reminders(today: dt.date | None = None) -> int:
    """Put a send task on the queue for every reminder due now. Returns how many."""
    items = due_reminders(today)
    for pk, offset, due_date in items:
        send_deadline_reminder.enqueue(pk, offset, due_date.isoformat())
    return len(items)


def _subject(deadline: Deadline, offset: int) -> str:
    # No date in the e-mail: it leaves our servers, and only the reference, the kind of event
    # and a link may (issue 17); the countdown says when, the page behind the link the rest.
    if deadline.is_awaited:
        # Not ours to file: the reminder says to follow up, never to file.
        if offset < 0:
            text = ngettext(
                "[Remedy] Awaited for %(days)d day: %(reference)s — %(kind)s: follow up with the "
                "Committee",
                "[Remedy] Awaited for %(days)d days: %(reference)s — %(kind)s: follow up with "
                "the Committee",
                -offset,
            )
        else:
            text = _(
                "[Remedy] Awaited now: %(reference)s — %(kind)s: follow up with the Committee "
                "if nothing arrives"
            )
        return text % {
            "days": -offset,
            "reference": deadline.case.reference,
            "kind": deadline.kind_label,
        }
    if offset == 0:
        when = _("today")
    else:
        when = ngettext("in %(days)d day", "in %(days)d days", offset) % {"days": offset}
    # Reference and rule only: e-mail leaves our servers, a client's name must not.
    return _("[Remedy] Deadline %(when)s: %(reference)s — %(kind)s") % {
        "when": when,
        "reference": deadline.case.reference,
        "kind": deadline.kind_label,
    }


def _body(deadline: Deadline) -> str:
    link = settings.REMEDY_BASE_URL.rstrip("/") + reverse(
        "deadlines:detail", kwargs={"pk": deadline.pk}
    )
    lines = [
        _("Case: %(reference)s") % {"reference": deadline.case.reference},
        _("Deadline: %(kind)s") % {"kind": deadline.kind_label},
    ]
    if deadline.is_awaited:
        lines += [
            _("Awaited from: %(who)s") % {"who": deadline.rule.get_party_display()},
            _(
                "This is not a time limit of ours. If nothing has arrived, follow up with the "
                "Committee (Petitions Team), then record what was received or mark it met."
            ),
        ]
    # The due date and how it was computed (which decision, served when) are case facts: they
    # are on the deadline's page, not in the mail.
    if deadline.rule_id and not deadline.rule.verified:
        lines.append(_("Warning: this rule is not verified; check the law."))
    lines += ["", link]
    return "\n".join(lines)


@task()
def send_deadline_reminder(deadline_id: int, offset_days: int, due_date: str) -> str:
    """Send one reminder unless it was already sent or no longer applies. Returns the outcome."""
    with transaction.atomic():
        deadline = (
            Deadline.objects.select_for_update(of=("self",))
            .select_related("case", "rule", "assignee")
            .filter(pk=deadline_id)
            .first()
        )
        if deadline is None or deadline.status != DeadlineStatus.OPEN:
            return "closed"
        if deadline.due_date.isoformat() != due_date:
            return "moved"  # the deadline moved after the scan; the next scan reminds anew
        recipient = deadline.assignee
        address = recipient.email if recipient is not None and recipient.is_active else ""
        status = ReminderStatus.SENT if address else ReminderStatus.NO_ADDRESS
        if address and not can_view_case(recipient, deadline.case):
            status = ReminderStatus.NO_ACCESS  # access was revoked: not even the reference
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    deadline=deadline,
                    offset_days=offset_days,
                    due_date=deadline.due_date,
                    recipient=recipient,
                    status=status,
                )
        except IntegrityError:
            return "already sent"
        if recipient is not None and recipient.is_active and status != ReminderStatus.NO_ACCESS:
            # The bell in Remedy too (notifications); this e-mail stays the reminder's own,
            # sent only to those who want reminders by e-mail.
            notify(
                recipients=[recipient],
                kind=Kind.DEADLINE_REMINDER,
                case=deadline.case,
                url=reverse("deadlines:detail", kwargs={"pk": deadline.pk}),
                days_left=offset_days,
                email=False,
                emailed_elsewhere=True,
            )
        if status != ReminderStatus.SENT:
            logger.warning("Deadline %s: reminder not sent (%s)", deadline.pk, status)
            return str(status.label)
        if not wants_email(recipient, Kind.DEADLINE_REMINDER):
            return "in Remedy only"
        # Sent inside the transaction: if sending fails, the log row is rolled back and the
        # next scan tries again; the row commits only once the mail server has accepted it.
        send_mail(
            _subject(deadline, offset_days),
            _body(deadline),
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
    return "sent"
