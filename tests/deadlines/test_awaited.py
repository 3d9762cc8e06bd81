"""Deadlines the State party or the Committee must meet are awaited, never our overdue (#11).

Also: the author's comments, whose date the Committee sets in each case, entered by the lawyer.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from deadlines import selectors, services
from deadlines.models import Deadline, DeadlineRule, Trigger
from deadlines.reminders import due_reminders, send_deadline_reminder

D = dt.date


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def transmitted(case, org):
    """Transmitted more than three years ago: the State's six months passed long since."""
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    services.sync_for_event(
        case=case,
        trigger=Trigger.HRC_TRANSMITTAL,
        event_date=today() - dt.timedelta(days=1205 + 183),
        source_key="communication:1:transmittal",
        by=org.lawyer,
    )
    return case


def observations(case) -> Deadline:
    return Deadline.objects.get(case=case, rule__code="hrc-state-observations")


def test_an_awaited_deadline_is_never_in_the_overdue_list(org, transmitted):
    assert observations(transmitted).due_date < today()
    assert not selectors.overdue_deadlines(org.lawyer).filter(case=transmitted).exists()
    assert selectors.awaited_past_due(org.lawyer).filter(case=transmitted).count() == 2


def test_our_own_late_deadline_is_still_overdue(org, transmitted):
    services.deadline_add_manual(
        case=transmitted, by=org.lawyer, title="File the reply", due_date=today() - dt.timedelta(3)
    )
    assert selectors.overdue_deadlines(org.lawyer).filter(case=transmitted).count() == 1


def test_lists_show_awaited_with_the_date_never_days_overdue(client, org, transmitted):
    client.force_login(org.lawyer)
    for url in (
        reverse("deadlines:mine"),
        reverse("cases:deadlines", args=[transmitted.reference]),
        reverse("deadlines:detail", args=[observations(transmitted).pk]),
    ):
        body = client.get(url).content.decode()
        assert "awaited from the State party" in body, url
        assert "days overdue" not in body and "day overdue" not in body, url
        assert observations(transmitted).due_date.isoformat() in body, url
        assert "follow up with the Committee" in body, url


def test_the_case_badge_does_not_count_awaited_deadlines_as_overdue(org, transmitted):
    deadline, overdue = selectors.next_open_deadline(transmitted)
    assert overdue == 0
    assert deadline.is_awaited
    from django.template.loader import render_to_string

    from deadlines.templatetags.deadlines import deadline_badge

    html = render_to_string("deadlines/_badge.html", deadline_badge(transmitted))
    assert "Awaited:" in html and "overdue" not in html


def test_the_badge_prefers_our_own_next_deadline(org, transmitted):
    ours = services.deadline_add_manual(
        case=transmitted, by=org.lawyer, title="Comments", due_date=today() + dt.timedelta(3)
    )
    deadline, overdue = selectors.next_open_deadline(transmitted)
    assert (deadline, overdue) == (ours, 0)


# --- reminders --------------------------------------------------------------------------------


@pytest.fixture
def awaited(case, org):
    """The State's follow-up reply after Views: 180 days, awaited."""
    org.lawyer.email = "lawyer@example.org"
    org.lawyer.save()
    [deadline] = services.sync_for_event(
        case=case,
        trigger=Trigger.HRC_VIEWS_ADOPTED,
        event_date=D(2026, 1, 1),
        source_key="communication:1:views",
        by=org.lawyer,
    )
    assert deadline.due_date == D(2026, 6, 30) and deadline.is_awaited
    return deadline


@pytest.mark.parametrize(
    ("on", "offset"),
    [
        (D(2026, 6, 16), None),  # 14 days before: no countdown for an awaited date
        (D(2026, 6, 29), None),  # the day before
        (D(2026, 6, 30), 0),  # on the day
        (D(2026, 7, 3), 0),  # missed scan: the same-day reminder still goes, once
        (D(2026, 7, 7), -7),  # a week after: nothing recorded, follow up
        (D(2026, 7, 8), None),  # beyond the last reminder
    ],
)
def test_awaited_deadlines_are_reminded_on_the_day_and_a_week_after(awaited, on, offset):
    found = [o for pk, o, _due in due_reminders(on) if pk == awaited.pk]
    assert found == ([] if offset is None else [offset])


def test_an_awaited_reminder_says_follow_up_not_file(awaited):
    assert send_deadline_reminder.call(awaited.pk, 0, awaited.due_date.isoformat()) == "sent"
    [message] = mail.outbox
    assert "follow up with the Committee" in message.subject
    assert "Deadline in" not in message.subject and "today" not in message.subject
    assert "not a time limit of ours" in message.body
    assert "Due:" not in message.body
    send_deadline_reminder.call(awaited.pk, -7, awaited.due_date.isoformat())
    assert "Awaited for 7 days" in mail.outbox[1].subject
    # No date leaves in the mail (issue 17: reference, kind of event and link only).
    for message in mail.outbox:
        text = (message.subject + message.body).replace(awaited.case.reference, "")
        assert "2026" not in text


def test_our_deadlines_keep_the_countdown(case, org):
    ours = services.deadline_add_manual(case=case, by=org.lawyer, title="X", due_date=D(2026, 5, 4))
    assert [o for pk, o, _ in due_reminders(D(2026, 4, 20)) if pk == ours.pk] == [14]
    assert [o for pk, o, _ in due_reminders(D(2026, 5, 5)) if pk == ours.pk] == []


# --- the author's comments: a date the Committee sets ---------------------------------------


def comments_rule() -> DeadlineRule:
    return DeadlineRule.objects.get(code="hrc-author-comments")


def test_the_lawyer_enters_the_authors_comments_date(case, org):
    deadline = services.deadline_add_manual(
        case=case, by=org.lawyer, title="", due_date=D(2026, 9, 1), rule=comments_rule()
    )
    assert deadline.kind_label == "Author's comments on the State's observations (HRC)"
    assert not deadline.is_awaited
    # A second period the Committee sets (comments on the merits) is its own deadline.
    services.deadline_add_manual(
        case=case, by=org.lawyer, title="", due_date=D(2026, 12, 1), rule=comments_rule()
    )
    assert Deadline.objects.filter(case=case, rule=comments_rule()).count() == 2


def test_a_computed_rule_cannot_be_entered_by_hand(case, org):
    with pytest.raises(ValidationError):
        services.deadline_add_manual(
            case=case,
            by=org.lawyer,
            title="",
            due_date=D(2026, 9, 1),
            rule=DeadlineRule.objects.get(code="kz-civil-appeal"),
        )


def test_the_case_page_offers_the_authors_comments(client, org, case):
    client.force_login(org.lawyer)
    url = reverse("cases:deadlines", args=[case.reference])
    assert "Author&#x27;s comments" in client.get(url).content.decode()
    response = client.post(url, {"rule": comments_rule().pk, "due_date": "2026-09-01"})
    assert response.status_code == 302
    assert Deadline.objects.get(case=case).rule == comments_rule()
    empty = client.post(url, {"rule": "", "title": "", "due_date": "2026-09-01"})
    assert empty.status_code == 200
    assert "Say what is due, or choose its kind." in empty.content.decode()


def test_recomputing_leaves_an_entered_date_alone(case, org):
    deadline = services.deadline_add_manual(
        case=case, by=org.lawyer, title="", due_date=D(2026, 9, 1), rule=comments_rule()
    )
    assert services.recompute_open_deadlines(by=None, reason="calendar") == []
    deadline.refresh_from_db()
    assert deadline.due_date == D(2026, 9, 1)
