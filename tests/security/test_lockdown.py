"""Emergency lockdown: one action cuts every way in a detained colleague's devices still have."""

from __future__ import annotations

import io

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django_otp import devices_for_user

from casework.models import User
from security.services import lockdown_user
from tests.logins import otp_device_for


@pytest.fixture
def lawyer_sessions(org):
    """The lawyer is logged in on two devices; the supervisor on one."""
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(org.lawyer)
    bystander = Client()
    bystander.force_login(org.supervisor)
    return clients, bystander


def _calendar_token(user):
    from deadlines.services import calendar_token_rotate

    return calendar_token_rotate(user=user)


def test_lockdown_disables_the_account_and_scrubs_the_password(org):
    lockdown_user(user=org.lawyer, by=org.administrator, reason="Detained on 3 March")
    lawyer = User.objects.get(pk=org.lawyer.pk)
    assert not lawyer.is_active
    assert not lawyer.has_usable_password()


def test_lockdown_ends_every_session_of_the_user_and_no_other(org, lawyer_sessions):
    clients, bystander = lawyer_sessions
    result = lockdown_user(user=org.lawyer, by=org.administrator, reason="Phone seized")
    assert result.sessions_ended == 2
    for client in clients:
        response = client.get(reverse("cases:list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert bystander.get(reverse("cases:list")).status_code == 200
    assert Session.objects.count() == 1


def test_lockdown_deletes_two_factor_devices(org):
    otp_device_for(org.lawyer)
    result = lockdown_user(user=org.lawyer, by=org.administrator, reason="Laptop seized")
    assert result.devices_deleted == 1
    assert list(devices_for_user(org.lawyer, confirmed=None)) == []


def test_lockdown_revokes_calendar_feed_tokens(org):
    from deadlines.services import calendar_token_user

    token = _calendar_token(org.lawyer)
    result = lockdown_user(user=org.lawyer, by=org.administrator, reason="Detained")
    assert result.calendar_tokens_revoked == 1
    assert calendar_token_user(token) is None


def test_lockdown_is_recorded_in_history_with_who_and_why(org):
    lockdown_user(user=org.lawyer, by=org.administrator, reason="Detained on 3 March")
    record = org.lawyer.history.latest()
    assert record.history_user == org.administrator
    assert "Detained on 3 March" in record.history_change_reason
    assert record.is_active is False


def test_lockdown_is_logged(org, caplog):
    with caplog.at_level("WARNING", logger="remedy.security"):
        lockdown_user(user=org.lawyer, by=org.administrator, reason="Detained")
    assert "LOCKDOWN user=lawyer" in caplog.text


def test_lockdown_needs_a_reason(org):
    with pytest.raises(ValidationError):
        lockdown_user(user=org.lawyer, by=org.administrator, reason="   ")
    assert User.objects.get(pk=org.lawyer.pk).is_active


def test_administrator_cannot_lock_down_themselves(org):
    with pytest.raises(ValidationError):
        lockdown_user(user=org.administrator, by=org.administrator, reason="oops")


def test_lockdown_command(org):
    out = io.StringIO()
    call_command("lockdown", "lawyer", "--reason", "Detained at the border", stdout=out)
    assert "lawyer is locked down" in out.getvalue()
    lawyer = User.objects.get(pk=org.lawyer.pk)
    assert not lawyer.is_active
    assert "Detained at the border" in lawyer.history.latest().history_change_reason


def test_lockdown_command_rejects_unknown_user(org):
    with pytest.raises(CommandError, match="No account"):
        call_command("lockdown", "nobody", "--reason", "x")


def test_lockdown_command_rejects_empty_reason(org):
    with pytest.raises(CommandError):
        call_command("lockdown", "lawyer", "--reason", "  ")


def test_lockdown_page_locks_down_after_confirmation(client, org):
    client.force_login(org.administrator)
    response = client.post(
        reverse("security:lockdown"),
        {"user": "lawyer", "reason": "Detained", "confirm": "on"},
        follow=True,
    )
    assert response.status_code == 200
    assert b"is locked down" in response.content
    assert not User.objects.get(pk=org.lawyer.pk).is_active


def test_lockdown_page_without_confirmation_changes_nothing(client, org):
    client.force_login(org.administrator)
    response = client.post(reverse("security:lockdown"), {"user": "lawyer", "reason": "Detained"})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    assert User.objects.get(pk=org.lawyer.pk).is_active


@pytest.mark.parametrize("role", ["lawyer", "supervisor", "branch_head", "analyst"])
def test_lockdown_page_is_not_found_for_other_roles(client, org, role):
    client.force_login(getattr(org, role))
    assert client.get(reverse("security:lockdown")).status_code == 404
    response = client.post(
        reverse("security:lockdown"), {"user": "admin", "reason": "coup", "confirm": "on"}
    )
    assert response.status_code == 404
    assert User.objects.get(pk=org.administrator.pk).is_active
