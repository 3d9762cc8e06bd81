"""Sessions end after an idle period and after an absolute lifetime."""

from __future__ import annotations

import time

from django.urls import reverse

from security.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY


def _age_session(client, *, started_ago: int, seen_ago: int) -> None:
    session = client.session
    now = int(time.time())
    session[SESSION_STARTED_KEY] = now - started_ago
    session[SESSION_SEEN_KEY] = now - seen_ago
    session.save()


def test_active_session_continues(client, org, settings):
    client.force_login(org.lawyer)
    _age_session(client, started_ago=3600, seen_ago=60)
    assert client.get(reverse("cases:list")).status_code == 200


def test_idle_session_is_ended(client, org, settings):
    client.force_login(org.lawyer)
    _age_session(client, started_ago=3600, seen_ago=settings.REMEDY_SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_session_older_than_its_lifetime_is_ended_even_if_active(client, org, settings):
    client.force_login(org.lawyer)
    _age_session(client, started_ago=settings.SESSION_COOKIE_AGE + 1, seen_ago=5)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_activity_moves_the_idle_clock(client, org):
    client.force_login(org.lawyer)
    _age_session(client, started_ago=600, seen_ago=120)
    client.get(reverse("cases:list"))
    assert int(time.time()) - client.session[SESSION_SEEN_KEY] < 5
