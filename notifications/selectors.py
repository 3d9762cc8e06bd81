from __future__ import annotations

from django.db.models import QuerySet

from casework.models import User

from .models import Notification


def centre_of(user: User) -> QuerySet[Notification]:
    """What the notification centre lists: the in-app notifications, newest first."""
    return Notification.objects.filter(recipient=user, in_app=True).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()
