"""Production settings: hashing, lockout, headers, and `check --deploy` with production env."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from casework.storage import DEV_DOCUMENT_KEY, generate_key

ROOT = Path(__file__).resolve().parents[2]


def test_argon2_is_the_first_password_hasher():
    # tests/conftest.py appends a cheap hasher for fixture users; the first one is what hashes.
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_passwords_need_twelve_characters_and_are_checked_against_common_ones():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short", "password1234", "123456789012"):
        try:
            validate_password(weak)
        except ValidationError:
            continue
        raise AssertionError(f"{weak!r} was accepted")


def test_axes_is_first_and_locks_username_ip_pairs_after_five():
    assert settings.AUTHENTICATION_BACKENDS[0].startswith("axes.backends.")
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME


def test_responses_carry_a_strict_content_security_policy(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_cannot_be_framed(client, db):
    assert client.get(reverse("login"))["X-Frame-Options"] == "DENY"


def _run_check(env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    # A production environment: only what a service manager would set, nothing from this test
    # process (test runners set variables such as DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "q8#Zp2vLx!9sTm4Rw7Yb1Nc6Hd3Kf5Gj0Qa8Ue2Io4Py6Tr9Ew1Sx3Cz5Vb7Nm0Lk2",
            "ALLOWED_HOSTS": "remedy.example.org",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_environment():
    result = _run_check({"REMEDY_DOCUMENT_KEYS": generate_key()})
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_document_keys():
    result = _run_check({})
    assert result.returncode != 0
    assert "remedy.E001" in result.stdout + result.stderr


def test_check_deploy_refuses_the_public_development_key():
    result = _run_check({"REMEDY_DOCUMENT_KEYS": DEV_DOCUMENT_KEY})
    assert result.returncode != 0
    assert "remedy.E002" in result.stdout + result.stderr
