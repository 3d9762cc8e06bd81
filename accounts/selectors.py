"""Reads for the staff pages: who works here, who is locked out, who logged in when."""

from __future__ import annotations

from dataclasses import dataclass

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django_otp import devices_for_user

from casework.models import User


@dataclass(frozen=True)
class StaffFilter:
    text: str = ""
    role: str = ""
    branch_id: int | None = None
    status: str = ""  # "", "active", "inactive", "locked"


def locked_usernames() -> set[str]:
    """Usernames (lower-case) with a lockout in force at any address (django-axes)."""
    rows = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    return {name.lower() for name in rows.values_list("username", flat=True) if name}


def staff_list(criteria: StaffFilter, *, reader: User | None = None) -> QuerySet[User]:
    """Staff matching `criteria`; none for an inactive reader (a locked-down account's duress
    session names no colleague: docs/security.md, "Duress login")."""
    if reader is not None and not reader.is_active:
        return User.objects.none()
    users = User.objects.select_related("branch").prefetch_related("groups")
    if criteria.text:
        words = criteria.text.split()[:5]
        for word in words:
            users = users.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
    if criteria.role:
        users = users.filter(groups__name=criteria.role)
    if criteria.branch_id:
        users = users.filter(branch_id=criteria.branch_id)
    if criteria.status == "active":
        users = users.filter(is_active=True)
    elif criteria.status == "inactive":
        users = users.filter(is_active=False)
    elif criteria.status == "locked":
        names = locked_usernames()
        users = users.alias(login=Lower("username")).filter(login__in=names)
    return users.distinct().order_by("last_name", "first_name", "username")


def lockouts_of(user: User) -> list[AccessAttempt]:
    return list(
        AccessAttempt.objects.filter(username__iexact=user.username).order_by("-attempt_time")
    )


def last_logins(user: User, *, limit: int = 10) -> list[AccessLog]:
    """Successful logins (django-axes' access log): when, from where, with which browser."""
    return list(
        AccessLog.objects.filter(username__iexact=user.username).order_by("-attempt_time")[:limit]
    )


def second_factors(user: User) -> list:
    return list(devices_for_user(user, confirmed=None))


def history_of(user: User, *, limit: int = 50) -> list:
    return list(user.history.select_related("history_user").order_by("-history_date")[:limit])
