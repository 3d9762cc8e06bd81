"""Test helpers for a site where every session needs a second factor.

Production code has no test switch: RequireTwoFactorMiddleware always demands a session verified
by django-otp. Tests get verified sessions the same way a real login does, by django-otp's
session key pointing at a confirmed device of the user:

- `force_login_verified(client, user)`: Django's force_login, then the OTP step.
- `force_login_unverified(client, user)`: Django's plain force_login (tests of the enforcement).
- `patch_test_client(monkeypatch)` (an autouse fixture in tests/conftest.py calls it) makes the
  test client's `force_login` and `login` do the OTP step too, so feature tests read naturally.
  `login` still goes through authenticate() with a request, so django-axes keeps counting.
- `totp_code(user)` and `verified_session_cookie(user)` for browser (Playwright) tests.
"""

from __future__ import annotations

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY

TEST_DEVICE_NAME = "default"  # two_factor only asks for the device named "default"
TEST_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"  # RFC 6238 test key

_original_force_login = Client.force_login


def otp_device_for(user) -> TOTPDevice:
    """A confirmed TOTP device of `user` (the existing one, or a test device)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=TEST_DEVICE_NAME, key=TEST_TOTP_KEY_HEX, confirmed=True
        )
    return device


def _mark_verified(client: Client, user) -> None:
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = otp_device_for(user).persistent_id
    now = int(time.time())
    session[SESSION_STARTED_KEY] = now
    session[SESSION_SEEN_KEY] = now
    session.save()


def force_login_unverified(client: Client, user, backend: str | None = None) -> None:
    """Password-equivalent login without the second factor (what the middleware must stop)."""
    _original_force_login(client, user, backend)


def force_login_verified(client: Client, user, backend: str | None = None) -> None:
    _original_force_login(client, user, backend)
    _mark_verified(client, user)


def _login_with_request(client: Client, **credentials) -> bool:
    """Client.login, but authenticate() gets a request so django-axes can do its job."""
    from django.contrib.auth import authenticate

    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    user = authenticate(request, **credentials)
    if user is None:
        return False
    force_login_verified(client, user, backend=user.backend)
    return True


def patch_test_client(monkeypatch) -> None:
    """Make Client.force_login/login produce OTP-verified sessions for one test."""
    monkeypatch.setattr(Client, "force_login", force_login_verified)
    monkeypatch.setattr(Client, "login", _login_with_request)


def totp_code(user) -> str:
    """The current six-digit code of `user`'s TOTP device (creating a test device if needed)."""
    device = otp_device_for(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verified_session_cookie(user, *, domain: str = "localhost") -> dict:
    """A session cookie (Playwright `add_cookies` format) for a fully verified login of `user`."""
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    now = int(time.time())
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session["_auth_user_backend"] = "security.duress.DuressAwareModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = otp_device_for(user).persistent_id
    session[SESSION_STARTED_KEY] = now
    session[SESSION_SEEN_KEY] = now
    session.save()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "domain": domain,
        "path": "/",
    }
