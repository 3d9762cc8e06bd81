"""Template context for every page: the signed-in user's unread notices (casework.notices)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .notices import unread_for


def notices(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"unread_notices": SimpleLazyObject(lambda: unread_for(user) if user else [])}
