"""Two-factor login is mandatory for every staff account."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD
from tests.logins import force_login_unverified, otp_device_for, totp_code


def _login_wizard(client, username: str, password: str = PASSWORD):
    return client.post(
        reverse("login"),
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )


def test_password_only_session_without_device_is_sent_to_enrol(client, org):
    force_login_unverified(client, org.lawyer)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:setup"))


def test_enrolment_page_is_reachable_before_verification(client, org):
    force_login_unverified(client, org.lawyer)
    assert client.get(reverse("two_factor:setup")).status_code == 200


def test_password_only_session_of_user_with_device_is_ended(client, org):
    otp_device_for(org.lawyer)
    force_login_unverified(client, org.lawyer)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_verified_session_reaches_the_app(client, org):
    client.force_login(org.lawyer)
    assert client.get(reverse("cases:list")).status_code == 200


def test_admin_password_login_is_replaced_by_the_two_factor_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_wizard_asks_for_the_token_after_the_password(client, org):
    otp_device_for(org.lawyer)
    response = _login_wizard(client, "lawyer")
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == "token"
    assert "_auth_user_id" not in client.session


def test_full_login_with_password_and_totp_code(client, org):
    otp_device_for(org.lawyer)
    _login_wizard(client, "lawyer")
    response = client.post(
        reverse("login"),
        {"login_view-current_step": "token", "token-otp_token": totp_code(org.lawyer)},
    )
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200


def test_wrong_totp_code_does_not_log_in(client, org):
    otp_device_for(org.lawyer)
    _login_wizard(client, "lawyer")
    code = totp_code(org.lawyer)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post(
        reverse("login"), {"login_view-current_step": "token", "token-otp_token": wrong}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_backup_code_logs_in_once(client, org):
    otp_device_for(org.lawyer)
    static = StaticDevice.objects.create(user=org.lawyer, name="backup", confirmed=True)
    static.token_set.create(token="abcd1234")
    _login_wizard(client, "lawyer")
    response = client.post(
        reverse("login"), {"login_view-current_step": "backup", "backup-otp_token": "abcd1234"}
    )
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200
    assert not static.token_set.exists()


def test_user_without_device_logs_in_then_must_enrol(client, org):
    response = _login_wizard(client, "lawyer")
    assert response.status_code == 302
    response = client.get(reverse("cases:list"))
    assert response["Location"].startswith(reverse("two_factor:setup"))


@pytest.mark.parametrize("limit", [5])
def test_five_failed_passwords_lock_the_username_from_that_address(client, org, limit):
    for _ in range(limit - 1):
        assert _login_wizard(client, "lawyer", "wrong password").status_code == 200
    response = _login_wizard(client, "lawyer", "wrong password")
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    # The right password does not help while locked out.
    assert _login_wizard(client, "lawyer").status_code == 429


def test_lockout_is_per_username_and_address(client, org):
    for _ in range(5):
        _login_wizard(client, "lawyer", "wrong password")
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    response = _login_wizard(other, "lawyer")
    assert response.status_code == 302  # same user, another address: not locked


def test_client_login_helper_still_counts_failures_through_axes(client, org):
    assert client.login(username="lawyer", password="wrong") is False
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username="lawyer").exists()


def test_enrolled_device_is_a_confirmed_totp_device(org):
    device = otp_device_for(org.lawyer)
    assert isinstance(device, TOTPDevice)
    assert device.confirmed
