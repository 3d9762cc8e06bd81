"""The per-user iCalendar feed: valid RFC 5545, no names, secret address revocable and rotated."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from casework.models import CaseParty, PartyRole, Person
from casework.services import revoke_case_access
from deadlines import services
from deadlines.ical import escape_text, fold
from deadlines.models import CalendarFeedToken, Trigger

D = dt.date


@pytest.fixture
def named_case(case, org):
    """A case whose victim has a name, whose title names her, and which has three deadlines:
    the transmittal starts two awaited ones (State observations, the State's request to examine
    admissibility separately), and one set by hand."""
    case.title = "Beating of Aigul Ivanova at the Almaty rally"
    case.save()
    person = Person.objects.create(full_name="Aigul Ivanova")
    CaseParty.objects.create(case=case, role=PartyRole.VICTIM, person=person)
    services.sync_for_event(
        case=case,
        trigger=Trigger.HRC_TRANSMITTAL,
        event_date=D(2025, 8, 31),
        source_key="communication:1:transmittal",
        by=org.lawyer,
    )
    services.deadline_add_manual(
        case=case, by=org.lawyer, title="Call Aigul Ivanova, about comments", due_date=D(2026, 5, 4)
    )
    return case


def feed(client, token):
    return client.get(reverse("deadlines:feed", kwargs={"token": token}))


def test_feed_lists_reference_and_kind_but_no_name(client, named_case, org):
    token = services.calendar_token_rotate(user=org.lawyer)
    response = feed(client, token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    unfolded = body.replace("\r\n ", "")
    assert f"SUMMARY:{named_case.reference}: State party observations due (HRC)" in unfolded
    assert f"SUMMARY:{named_case.reference}: Deadline set by hand" in unfolded
    assert "DTSTART;VALUE=DATE:20260228" in unfolded
    assert "Ivanova" not in body
    assert "Aigul" not in body
    assert "rally" not in body


def test_feed_is_valid_icalendar(client, named_case, org):
    body = feed(client, services.calendar_token_rotate(user=org.lawyer)).content
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # every line break is CRLF
    assert all(len(line) <= 75 for line in lines)
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    text = body.decode().replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 3
    for required in ("VERSION:2.0", "PRODID:", "UID:deadline-", "DTSTAMP:"):
        assert required in text
    assert re.search(r"^DTSTAMP:\d{8}T\d{6}Z\r$", text, re.MULTILINE)


def test_feed_parses_with_a_strict_reader(client, named_case, org):
    """Unfold and split every content line into name, parameters and value (RFC 5545 §3.1)."""
    body = feed(client, services.calendar_token_rotate(user=org.lawyer)).content.decode()
    content_line = re.compile(r"^[A-Z-]+(;[A-Z-]+=[^;:]+)*:.*$")
    for line in body.replace("\r\n ", "").split("\r\n")[:-1]:
        assert content_line.match(line), line


def test_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "Ж" * 100
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
        part.encode().decode()  # would raise on a split character
    assert folded.replace("\r\n ", "") == line


def test_text_values_are_escaped():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_only_the_hash_of_the_token_is_stored(org):
    token = services.calendar_token_rotate(user=org.lawyer)
    stored = CalendarFeedToken.objects.get()
    assert stored.token_hash != token
    assert token not in stored.token_hash
    assert len(token) >= 40


def test_a_revoked_address_stops_working(client, named_case, org):
    token = services.calendar_token_rotate(user=org.lawyer)
    assert services.revoke_calendar_tokens(org.lawyer) == 1
    assert feed(client, token).status_code == 404


def test_rotating_replaces_the_old_address(client, named_case, org):
    old = services.calendar_token_rotate(user=org.lawyer)
    new = services.calendar_token_rotate(user=org.lawyer)
    assert feed(client, old).status_code == 404
    assert feed(client, new).status_code == 200
    assert CalendarFeedToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_lockdown_revocation_is_audited(org):
    services.calendar_token_rotate(user=org.lawyer)
    services.revoke_calendar_tokens(org.lawyer, by=org.administrator, reason="Emergency lockdown")
    entry = CalendarFeedToken.objects.get().history.latest()
    assert entry.history_user == org.administrator
    assert entry.history_change_reason == "Emergency lockdown"


def test_an_unknown_token_is_not_found(client, db):
    assert feed(client, "not-a-real-token").status_code == 404


def test_a_deactivated_user_feed_stops(client, named_case, org):
    token = services.calendar_token_rotate(user=org.lawyer)
    org.lawyer.is_active = False
    org.lawyer.save()
    assert feed(client, token).status_code == 404


def test_a_case_the_user_can_no_longer_open_leaves_the_feed(client, named_case, org):
    token = services.calendar_token_rotate(user=org.lawyer)
    revoke_case_access(case=named_case, user=org.lawyer, by=org.supervisor)
    body = feed(client, token).content.decode()
    assert "BEGIN:VEVENT" not in body


def test_the_feed_shows_only_the_users_own_deadlines(client, named_case, org):
    token = services.calendar_token_rotate(user=org.supervisor)
    assert "BEGIN:VEVENT" not in feed(client, token).content.decode()


def test_user_creates_and_revokes_the_address_from_the_page(client, org):
    client.force_login(org.lawyer)
    url = reverse("deadlines:calendar")
    response = client.post(url, {"action": "rotate"})
    assert response.status_code == 200
    match = re.search(r'value="(https?://[^"]+\.ics)"', response.content.decode())
    assert match, "the new address is shown once"
    assert client.get(match.group(1)).status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    client.post(url, {"action": "revoke"})
    assert client.get(match.group(1)).status_code == 404
    assert "You have no active calendar address." in client.get(url).content.decode()


def test_emergency_lockdown_kills_the_feed(client, named_case, org):
    from security.services import lockdown_user

    token = services.calendar_token_rotate(user=org.lawyer)
    lockdown_user(user=org.lawyer, by=org.administrator, reason="Phone seized at the border")
    assert feed(client, token).status_code == 404
    assert CalendarFeedToken.objects.get().revoked_at is not None
