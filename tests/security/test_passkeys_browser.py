"""WebAuthn in Chromium: add a passkey beside TOTP, then log in with it.

A virtual authenticator (Chrome DevTools Protocol, `WebAuthn.addVirtualAuthenticator`) stands in
for a phone's passkey or a security key: CTAP2, internal transport, resident keys, user
verification that succeeds.
"""

from __future__ import annotations

import re

from two_factor.plugins.webauthn.models import WebauthnDevice

from casework.models import AccessLog
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.conftest import PASSWORD

pytestmark = BROWSER_TEST


def with_virtual_authenticator(page) -> str:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    page._remedy_cdp = cdp  # keep the session (and its authenticator) alive with the page
    return added["authenticatorId"]


def test_a_passkey_is_added_and_then_logs_in(browser, live_server, org):
    page = page_for(browser, org.lawyer)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    authenticator = with_virtual_authenticator(page)
    assert authenticator

    page.goto(f"{live_server.url}/security/passkeys/add/")
    page.wait_for_url(re.compile(r"/security/passkeys/$"))
    assert "Passkey added" in page.content()
    assert WebauthnDevice.objects.filter(user=org.lawyer).count() == 1
    shot(page, "passkeys_list")

    page.locator("form[action$='/accounts/logout/'] button").click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("[name=auth-username]", org.lawyer.username)
    page.fill("[name=auth-password]", PASSWORD)
    page.get_by_role("button", name="Next").click()
    # The token step (TOTP first) offers the passkey as the other way in.
    offer = page.get_by_role("button", name=re.compile("WebAuthn", re.I))
    shot(page, "login_offers_passkey")
    offer.click()
    page.wait_for_url(re.compile(r"/cases/$"))
    assert page.locator("h1").inner_text() == "Cases"
    device = WebauthnDevice.objects.get(user=org.lawyer)
    assert device.last_used_at is not None
    assert not [e for e in errors if "Content Security Policy" in e or "TypeError" in e], errors
    assert not AccessLog.objects.exists()


def test_totp_login_still_works_with_a_passkey_registered(browser, live_server, org):
    from tests.logins import totp_code

    page = page_for(browser, org.lawyer)
    with_virtual_authenticator(page)
    page.goto(f"{live_server.url}/security/passkeys/add/")
    page.wait_for_url(re.compile(r"/security/passkeys/$"))
    page.locator("form[action$='/accounts/logout/'] button").click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("[name=auth-username]", org.lawyer.username)
    page.fill("[name=auth-password]", PASSWORD)
    page.get_by_role("button", name="Next").click()
    page.fill("[name=token-otp_token]", totp_code(org.lawyer))
    page.get_by_role("button", name="Next").click()
    page.wait_for_url(re.compile(r"/cases/$"))


def test_the_sessions_page_in_the_browser(browser, live_server, org):
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/security/sessions/")
    assert page.locator("h1").inner_text() == "Your active sessions"
    assert page.locator("tbody tr").count() == 1
    assert "this browser" in page.locator("tbody").inner_text()
    shot(page, "security_sessions")
