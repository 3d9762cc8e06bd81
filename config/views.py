"""Error pages the project renders itself (Django's default 400 page has no words for people)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from casework.fields import LONG_TEXT

logger = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request Django refused before any view saw it (SuspiciousOperation): say which limit.

    A form over the body limit (e.g. a megabyte pasted past a field's maxlength) cannot be read
    at all, so nothing of it was saved; the browser's Back button still holds the typed text.
    """
    too_big = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent))
    context = {
        "too_big": too_big,
        "body_limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "text_limit": LONG_TEXT,
    }
    try:
        return render(request, "400.html", context, status=400)
    except Exception:  # noqa: BLE001 - an error page must not fail into a 500
        logger.exception("the 400 page could not be rendered")
        return HttpResponseBadRequest(
            _("The request was refused: it was too large or malformed. Nothing was saved.")
        )
