"""System checks: a production deployment without real encryption keys or 2FA must not start."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from casework.storage import DEV_DOCUMENT_KEY, keyring
from security.db_roles import current_role_report


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


@register(Tags.database, deploy=True)
def check_runtime_database_role(app_configs=None, databases=None, **kwargs) -> list[Warning]:
    """`check --deploy --database default`: Remedy must not run as the owner of its tables."""
    if not databases or "default" not in databases:
        return []
    report = current_role_report("default")
    if report is None:
        return []
    if report.superuser or report.owns_tables or report.can_change_access_log:
        return [
            Warning(
                f"Remedy connects to PostgreSQL as {report.role!r}, which "
                + ("is a superuser" if report.superuser else f"owns {report.owns_tables} tables")
                + " or may change the access log: it could erase the access log.",
                hint="Run the app as a runtime role and migrate as the owner "
                "(DATABASE_MIGRATE_URL); docs/security.md, 'Database roles'.",
                id="remedy.W010",
            )
        ]
    return []
