"""Active sessions: see your own, sign any of them out; administrators for any account."""

from __future__ import annotations

import pytest
from django.contrib.auth import login
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.urls import reverse

from security.sessions import IP_KEY, USER_AGENT_KEY, active_sessions, session_id

PHONE = "Mozilla/5.0 (Linux; Android 14) Mobile Safari"
LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def signed_in(user, user_agent: str, ip: str) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[USER_AGENT_KEY] = user_agent
    session[IP_KEY] = ip
    session.save()
    return client


@pytest.fixture
def devices(org):
    return signed_in(org.lawyer, LAPTOP, "10.0.0.5"), signed_in(org.lawyer, PHONE, "10.0.0.9")


def test_login_records_the_browser_and_address(org):
    request = RequestFactory().get("/", HTTP_USER_AGENT=PHONE, REMOTE_ADDR="192.0.2.7")
    SessionMiddleware(lambda r: None).process_request(request)
    login(request, org.lawyer, backend="django.contrib.auth.backends.ModelBackend")
    assert request.session[USER_AGENT_KEY] == PHONE
    assert request.session[IP_KEY] == "192.0.2.7"


def test_a_user_sees_their_own_sessions_and_no_one_elses(client, org, devices):
    signed_in(org.supervisor, "Supervisor's browser", "10.0.0.77")
    laptop, _phone = devices
    response = laptop.get(reverse("security:sessions"))
    assert response.status_code == 200
    sessions = response.context["sessions"]
    assert {s.user_agent for s in sessions} == {LAPTOP, PHONE}
    assert [s.current for s in sessions] == [True, False]  # this browser first
    body = response.content.decode()
    assert "10.0.0.9" in body and "Supervisor" not in body
    # The page never shows a session key (a key is a login).
    for key in Session.objects.values_list("session_key", flat=True):
        assert key not in body


def test_a_user_signs_out_their_lost_phone(org, devices):
    laptop, phone = devices
    phone_session = next(s for s in active_sessions(org.lawyer) if s.user_agent == PHONE)
    response = laptop.post(reverse("security:session_end"), {"session": phone_session.id})
    assert response.status_code == 302
    assert phone.get(reverse("cases:list")).status_code == 302  # back to the login page
    assert laptop.get(reverse("cases:list")).status_code == 200
    history = org.lawyer.history.first()
    assert history.history_user == org.lawyer
    assert "Signed out remotely by lawyer" in history.history_change_reason
    assert PHONE in history.history_change_reason


def test_sign_out_all_other_sessions_keeps_this_one(org, devices):
    laptop, phone = devices
    signed_in(org.lawyer, "third", "10.0.0.3")
    laptop.post(reverse("security:session_end"), {"session": "others"})
    assert [s.user_agent for s in active_sessions(org.lawyer)] == [LAPTOP]
    assert phone.get(reverse("cases:list")).status_code == 302


def test_the_current_session_is_ended_by_logging_out_not_here(org, devices):
    laptop, _ = devices
    current = session_id(laptop.session.session_key)
    response = laptop.post(reverse("security:session_end"), {"session": current}, follow=True)
    assert "To end this session, log out." in response.content.decode()
    assert len(active_sessions(org.lawyer)) == 2


def test_a_user_cannot_end_someone_elses_session(org, devices):
    _, phone = devices
    supervisor = signed_in(org.supervisor, LAPTOP, "10.0.0.1")
    target = session_id(phone.session.session_key)
    supervisor.post(reverse("security:session_end"), {"session": target})
    assert phone.get(reverse("cases:list")).status_code == 200


@pytest.mark.parametrize("value", ["", "x" * 32, "../../etc", "0" * 31, "others; DROP"])
def test_garbage_session_ids_change_nothing(org, devices, value):
    laptop, _ = devices
    response = laptop.post(reverse("security:session_end"), {"session": value}, follow=True)
    assert response.status_code == 200
    assert len(active_sessions(org.lawyer)) == 2


def test_an_administrator_signs_out_any_account(org, devices):
    _, phone = devices
    admin = signed_in(org.administrator, LAPTOP, "10.0.0.2")
    page = admin.get(reverse("security:user_sessions", args=[org.lawyer.pk]))
    assert page.status_code == 200
    assert {s.user_agent for s in page.context["sessions"]} == {LAPTOP, PHONE}
    target = session_id(phone.session.session_key)
    response = admin.post(
        reverse("security:user_session_end", args=[org.lawyer.pk]), {"session": target}
    )
    assert response.status_code == 302
    assert phone.get(reverse("cases:list")).status_code == 302
    history = org.lawyer.history.first()
    assert history.history_user == org.administrator
    assert "Signed out remotely by admin" in history.history_change_reason


def test_an_administrator_signs_out_every_session_of_an_account(org, devices):
    admin = signed_in(org.administrator, LAPTOP, "10.0.0.2")
    admin.post(reverse("security:user_session_end", args=[org.lawyer.pk]), {"session": "others"})
    assert active_sessions(org.lawyer) == []
    assert admin.get(reverse("cases:list")).status_code == 200


@pytest.mark.parametrize("role", ["lawyer", "supervisor", "branch_head", "analyst"])
def test_other_roles_cannot_reach_another_accounts_sessions(org, devices, role):
    client = signed_in(getattr(org, role), LAPTOP, "10.0.0.2")
    before = len(active_sessions(org.lawyer))
    url = reverse("security:user_sessions", args=[org.other_lawyer.pk])
    assert client.get(url).status_code == 404
    end = reverse("security:user_session_end", args=[org.lawyer.pk])
    assert client.post(end, {"session": "others"}).status_code == 404
    assert len(active_sessions(org.lawyer)) == before


def test_unknown_account_is_404(org):
    admin = signed_in(org.administrator, LAPTOP, "10.0.0.2")
    assert admin.get(reverse("security:user_sessions", args=[999999])).status_code == 404


def test_sessions_page_reads_sessions_in_bounded_queries(org, django_assert_max_num_queries):
    laptop = signed_in(org.lawyer, LAPTOP, "10.0.0.5")
    for n in range(15):
        signed_in(org.lawyer, f"browser {n}", "10.0.0.6")
        signed_in(org.supervisor, f"other {n}", "10.0.0.7")
    with django_assert_max_num_queries(10):
        response = laptop.get(reverse("security:sessions"))
    assert len(response.context["sessions"]) == 16
