"""/account/: a person's own password, second factors, sessions, language and links."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Preference
from tests.conftest import PASSWORD


def test_account_page_links_what_exists_elsewhere(client, org):
    client.force_login(org.lawyer)
    body = client.get(reverse("account:home")).content.decode()
    for name in [
        "account:password",
        "two_factor:profile",
        "two_factor:backup_tokens",
        "security:passkeys",
        "security:sessions",
        "deadlines:calendar",
        "security:duress",
    ]:
        assert reverse(name) in body, name


def test_top_bar_links_the_account_page(client, org):
    client.force_login(org.lawyer)
    body = client.get(reverse("cases:list")).content.decode()
    assert f'href="{reverse("account:home")}"' in body
    assert reverse("staff:list") not in body


def test_password_change_is_recorded(client, org):
    client.force_login(org.lawyer)
    new = "another long passphrase 77"
    response = client.post(
        reverse("account:password"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    org.lawyer.refresh_from_db()
    assert org.lawyer.check_password(new)
    row = org.lawyer.history.order_by("-history_date").first()
    assert row.history_change_reason == "Password changed"


def test_a_wrong_old_password_changes_nothing(client, org):
    client.force_login(org.lawyer)
    response = client.post(
        reverse("account:password"),
        {"old_password": "wrong", "new_password1": "x" * 20, "new_password2": "x" * 20},
    )
    assert response.status_code == 200
    org.lawyer.refresh_from_db()
    assert org.lawyer.check_password(PASSWORD)


def test_language_preference_is_saved_and_applied_at_the_next_login(client, org):
    client.force_login(org.lawyer)
    response = client.post(reverse("account:language"), {"language": "kk"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert Preference.objects.get(user=org.lawyer).language == "kk"

    fresh = Client()
    assert fresh.login(username="lawyer", password=PASSWORD)
    response = fresh.get(reverse("cases:list"))
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"


def test_an_unknown_language_is_refused_with_a_message(client, org):
    client.force_login(org.lawyer)
    response = client.post(reverse("account:language"), {"language": "xx"}, follow=True)
    assert "Choose one of the languages offered." in response.content.decode()
    assert not Preference.objects.filter(user=org.lawyer, language="xx").exists()
