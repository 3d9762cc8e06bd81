"""Exactly one login page exists (issue 10, item 10).

django-two-factor-auth mounts its own wizard at /account/login/. It lacked the bounded password
form, so a 300-character username reached django-axes and crashed its varchar(255) record on
PostgreSQL (a 500). That URL now only redirects to the one login page; two_factor's other pages
(setup, backup tokens, profile) keep working.
"""

from __future__ import annotations

from django.contrib.auth.views import LoginView as DjangoLoginView
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from two_factor.views import LoginView as TwoFactorLoginView

from security.views import LoginView as RemedyLoginView
from tests.logins import otp_device_for


def _views(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), getattr(pattern.callback, "view_class", None)


def test_only_one_url_serves_a_login_form():
    login_views = [
        route
        for route, view_class in _views(get_resolver().url_patterns)
        if view_class is not None and issubclass(view_class, DjangoLoginView | TwoFactorLoginView)
    ]
    assert login_views == ["accounts/login/"]
    assert resolve("/accounts/login/").func.view_class is RemedyLoginView


def test_two_factor_default_login_url_redirects_to_the_login_page(client, db):
    response = client.get("/account/login/?next=/cases/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/cases/"


def test_overlong_username_posted_to_the_old_login_url_is_not_processed(client, org):
    response = client.post(
        "/account/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": "x" * 300,
            "auth-password": "whatever-password",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_overlong_username_on_the_login_page_is_a_form_error(client, org):
    response = client.post(
        reverse("login"),
        {
            "login_view-current_step": "auth",
            "auth-username": "x" * 300,
            "auth-password": "whatever-password",
        },
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_two_factor_login_name_still_reverses_for_its_own_views():
    # two_factor's OTPRequiredMixin reverses "two_factor:login"; it must land on the one page.
    assert reverse("two_factor:login") == "/account/login/"


def test_two_factor_setup_backup_tokens_and_profile_pages_still_work(client, org):
    otp_device_for(org.lawyer)
    client.force_login(org.lawyer)
    assert client.get(reverse("two_factor:profile")).status_code == 200
    assert client.get(reverse("two_factor:backup_tokens")).status_code == 200
    assert client.get(reverse("two_factor:setup")).status_code == 302  # enrolled already
