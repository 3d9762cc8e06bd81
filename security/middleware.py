"""Request-level guards: mandatory two-factor login, session timeouts, no cached pages."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django_otp import user_has_device

# Pages a signed-in user may reach before finishing two-factor login: the login wizard itself,
# enrolling a first device (and its QR code), logging out, and switching language.
TWO_FACTOR_EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "two_factor:login",
        "two_factor:setup",
        "two_factor:qr",
        "two_factor:setup_complete",
        # The WebAuthn ceremony's scripts, fetched by the login and enrolment pages.
        "two_factor:two_factor_webauthn:create_credential",
        "two_factor:two_factor_webauthn:get_credential",
    }
)

SESSION_STARTED_KEY = "remedy_session_started"
SESSION_SEEN_KEY = "remedy_session_seen"
# Write the "last seen" time at most this often, so idle tracking does not save every request.
SEEN_GRANULARITY = 60


def _url_name(request: HttpRequest) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


def _with_next(url: str, request: HttpRequest) -> str:
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


class RequireTwoFactorMiddleware:
    """Every authenticated session must be verified with a second factor (django-otp).

    A user without a device is sent to enrol one; a password-only session of a user who has a
    device (for example from a login form that skipped the token step) is ended. Anonymous
    requests pass through: the views' own login_required sends them to the login page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return self.get_response(request)
        if _url_name(request) in TWO_FACTOR_EXEMPT_URL_NAMES:
            return self.get_response(request)
        if user_has_device(user, confirmed=True):
            logout(request)
            return HttpResponseRedirect(_with_next(reverse("login"), request))
        return HttpResponseRedirect(_with_next(reverse("two_factor:setup"), request))


class SessionTimeoutMiddleware:
    """End a session after REMEDY_SESSION_IDLE_TIMEOUT idle seconds or SESSION_COOKIE_AGE total.

    Django's own expiry slides with every save; the absolute limit is kept here so a session on
    an unattended (or seized) laptop cannot be kept alive forever.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(SESSION_STARTED_KEY)
            seen = session.get(SESSION_SEEN_KEY)
            if started is None:
                session[SESSION_STARTED_KEY] = now
                session[SESSION_SEEN_KEY] = now
            elif (
                now - started > settings.SESSION_COOKIE_AGE
                or now - (seen or started) > settings.REMEDY_SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("Your session expired. Please log in again."))
                return HttpResponseRedirect(_with_next(reverse("login"), request))
            elif seen is None or now - seen >= SEEN_GRANULARITY:
                session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Nothing a signed-in user receives may be kept in the browser's cache.

    A seized laptop's cache would otherwise hold case pages, victims' names and downloaded
    documents (ASVS 8.2.1). One rule for every response to an authenticated request (pages,
    redirects, errors, downloads, feeds) so a new page cannot forget it; static files are exempt.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Decide before the view runs: a logout inside the view must not make its page cacheable.
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (authenticated or (user is not None and user.is_authenticated)) and not (
            request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/"))
        ):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
