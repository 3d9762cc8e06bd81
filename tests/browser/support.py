"""What every browser test shares: Debian's Chromium through Playwright, logged-in pages, shots.

Never a downloaded browser: `make` installs Debian's chromium; without it the tests skip.
Screenshots go to tests/artifacts/ (git-ignored) so a person can look at the pages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser(monkeypatch):
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; restored after the test, so it never leaks
    # into other tests (manage.py check --deploy refuses it).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def page_for(browser, user, *, width: int = 1280, lang: str = ""):
    """A page whose session is logged in and second-factor verified as `user`; `lang` ("ru",
    "kk") picks the interface language as the language switcher's cookie does."""
    from tests.logins import verified_session_cookie

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    cookies = [verified_session_cookie(user, domain="localhost")]
    if lang:
        cookies.append(
            {"name": "django_language", "value": lang, "domain": "localhost", "path": "/"}
        )
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
