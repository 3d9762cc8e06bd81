"""Passkeys without a browser: refused responses, removal, history, lockdown."""

from __future__ import annotations

from django.urls import reverse
from two_factor.plugins.webauthn.models import WebauthnDevice

from security.services import lockdown_user


def passkey(user, name="Phone"):
    return WebauthnDevice.objects.create(
        user=user, name=name, public_key="pk", key_handle=f"kh-{name}", sign_count=0
    )


def test_the_add_page_starts_a_ceremony(client, org):
    client.force_login(org.lawyer)
    response = client.get(reverse("security:passkey_add"))
    assert response.status_code == 200
    assert "webauthn_creation_options" in client.session
    body = response.content.decode()
    assert 'name="webauthn-token"' in body
    assert "<script>" not in body  # the ceremony's scripts are files (strict CSP)
    script = client.get(reverse("two_factor:webauthn:create_credential"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("text/javascript")


def test_a_forged_response_saves_nothing(client, org):
    client.force_login(org.lawyer)
    client.get(reverse("security:passkey_add"))
    response = client.post(
        reverse("security:passkey_add"), {"webauthn-token": '{"id": "x"}'}, follow=True
    )
    assert response.status_code == 200
    assert not WebauthnDevice.objects.exists()


def test_a_post_without_a_ceremony_is_explained(client, org):
    client.force_login(org.lawyer)
    response = client.post(reverse("security:passkey_add"), {"webauthn-token": "{}"}, follow=True)
    assert "The passkey request expired" in response.content.decode()
    assert not WebauthnDevice.objects.exists()


def test_removing_a_passkey_is_recorded(client, org):
    device = passkey(org.lawyer)
    client.force_login(org.lawyer)
    assert client.post(reverse("security:passkey_delete", args=[device.pk])).status_code == 302
    assert not WebauthnDevice.objects.exists()
    assert "Passkey removed: Phone" in org.lawyer.history.first().history_change_reason


def test_nobody_removes_someone_elses_passkey(client, org):
    device = passkey(org.supervisor)
    client.force_login(org.lawyer)
    client.post(reverse("security:passkey_delete", args=[device.pk]))
    assert WebauthnDevice.objects.filter(pk=device.pk).exists()


def test_the_list_shows_only_my_passkeys(client, org):
    passkey(org.lawyer, "Laptop")
    passkey(org.supervisor, "Supervisor key")
    client.force_login(org.lawyer)
    body = client.get(reverse("security:passkeys")).content.decode()
    assert "Laptop" in body and "Supervisor key" not in body


def test_lockdown_deletes_passkeys_too(org):
    passkey(org.lawyer)
    result = lockdown_user(user=org.lawyer, by=org.administrator, reason="phone seized")
    assert not WebauthnDevice.objects.exists()
    assert result.devices_deleted >= 1
