"""At login, the language a person chose on /account/ becomes the interface language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from .models import Preference

LANGUAGE_PENDING_KEY = "remedy_preferred_language"


@receiver(user_logged_in, dispatch_uid="accounts.remember_preferred_language")
def remember_preferred_language(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    language = Preference.objects.filter(user=user).values_list("language", flat=True).first()
    if language:
        request.session[LANGUAGE_PENDING_KEY] = language


def set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class PreferredLanguageMiddleware:
    """Sets the language cookie once after a login (the switcher in the top bar still works)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and LANGUAGE_PENDING_KEY in session:
            language = session.pop(LANGUAGE_PENDING_KEY)
            if language in dict(settings.LANGUAGES):
                set_language_cookie(response, language)
        return response
