"""Demo users can log in with the documented second factor; real users' codes stay private."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.security import (
    DEMO_BACKUP_CODES,
    DEMO_TOTP_SECRET_BASE32,
    setup_demo_2fa,
)
from tests.conftest import PASSWORD
from tests.logins import otp_device_for


def _password_step(client, username):
    return client.post(
        reverse("login"),
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": PASSWORD},
    )


def test_setup_is_idempotent(org):
    setup_demo_2fa(org.lawyer)
    setup_demo_2fa(org.lawyer)
    assert TOTPDevice.objects.filter(user=org.lawyer).count() == 1
    assert StaticToken.objects.filter(device__user=org.lawyer).count() == len(DEMO_BACKUP_CODES)


def test_demo_secret_matches_the_documented_base32_secret(org):
    import base64

    device = setup_demo_2fa(org.lawyer)
    assert device.bin_key == base64.b32decode(DEMO_TOTP_SECRET_BASE32)


def test_demo_user_logs_in_with_the_code_demo_totp_prints(client, org):
    setup_demo_2fa(org.lawyer)
    out = io.StringIO()
    call_command("demo_totp", "lawyer", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    _password_step(client, "lawyer")
    response = client.post(
        reverse("login"), {"login_view-current_step": "token", "token-otp_token": code}
    )
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200


def test_demo_user_logs_in_with_a_backup_code(client, org):
    setup_demo_2fa(org.lawyer)
    _password_step(client, "lawyer")
    response = client.post(
        reverse("login"),
        {"login_view-current_step": "backup", "backup-otp_token": DEMO_BACKUP_CODES[0]},
    )
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200


def test_seeding_again_restores_used_backup_codes(org):
    setup_demo_2fa(org.lawyer)
    StaticToken.objects.filter(device__user=org.lawyer, token=DEMO_BACKUP_CODES[0]).delete()
    setup_demo_2fa(org.lawyer)
    assert StaticToken.objects.filter(device__user=org.lawyer).count() == len(DEMO_BACKUP_CODES)


def test_demo_totp_refuses_a_real_users_device(org):
    otp_device_for(org.lawyer)  # a non-demo secret
    with pytest.raises(CommandError, match="no demo two-factor device"):
        call_command("demo_totp", "lawyer")


def test_demo_totp_code_is_the_standard_totp_of_the_secret(org):
    import base64

    setup_demo_2fa(org.lawyer)
    out = io.StringIO()
    call_command("demo_totp", "lawyer", stdout=out)
    expected = TOTP(base64.b32decode(DEMO_TOTP_SECRET_BASE32)).token()
    assert out.getvalue().strip() == f"{expected:06d}"
