"""System checks: a production deployment without real encryption keys or 2FA must not start."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from casework.storage import DEV_DOCUMENT_KEY, keyring


@register(Tags.security, deploy=True)
def check_document_keys(app_configs=None, **kwargs) -> list[Error]:
    try:
        keyring()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="remedy.E001")]
    if not settings.DEBUG and DEV_DOCUMENT_KEY in settings.REMEDY_DOCUMENT_KEYS:
        return [
            Error(
                "REMEDY_DOCUMENT_KEYS contains the public development key.",
                hint="Generate a real key: manage.py rotate_document_keys --generate-key",
                id="remedy.E002",
            )
        ]
    return []


@register(Tags.security)
def check_two_factor_enforced(app_configs=None, **kwargs) -> list[Error]:
    required = [
        "django_otp.middleware.OTPMiddleware",
        "security.middleware.RequireTwoFactorMiddleware",
    ]
    missing = [name for name in required if name not in settings.MIDDLEWARE]
    if missing:
        return [
            Error(
                "Two-factor login is mandatory; middleware missing: " + ", ".join(missing),
                id="remedy.E003",
            )
        ]
    return []
