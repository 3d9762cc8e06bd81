"""Template context for every page: the bell's count and the banner's alerts (one query)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import TopBar, top_bar


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"top_bar": SimpleLazyObject(lambda: top_bar(user) if user else TopBar())}
