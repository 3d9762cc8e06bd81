"""In the browser: the break-glass notice on the recipient's pages and the names warning."""

from __future__ import annotations

import pytest

from casework import services
from casework.selectors import VIEW_IDENTITY
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.casework.ui_fixtures import case_file  # noqa: F401

pytestmark = BROWSER_TEST


def test_break_glass_notice_and_names_warning(browser, live_server, org, case_file):  # noqa: F811
    case = case_file.case
    case.responsible_lawyer = org.lawyer
    case.save()
    services.grant_case_access(
        case=case,
        user=org.supervisor,
        perms=[VIEW_IDENTITY],
        by=org.supervisor,
        reason="The responsible lawyer is unreachable; the hearing is tomorrow",
    )
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/cases/")
    notice = page.locator("#notices")
    assert notice.is_visible()
    assert "granted themselves access" in notice.inner_text()
    shot(page, "break-glass-notice")

    page.goto(f"{live_server.url}/cases/{case.reference}/activities/add/")
    page.select_option("select[name=kind]", "call")
    page.fill("textarea[name=text]", "Called Zhumabekova about the hearing")
    page.click("main button[type=submit]")
    assert page.locator("input[type=checkbox][name=confirm_names]").is_visible()
    assert "“Zhumabekova” is the name of a person" in page.content()
    shot(page, "names-warning")
    page.check("input[name=confirm_names]")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/cases/{case.reference}/activities/")
    assert "Called Zhumabekova about the hearing" in page.content()


@pytest.mark.parametrize(("lang", "width"), [("ru", 1280), ("kk", 390), ("en", 390)])
def test_the_duress_alarm_is_in_the_administrators_banner_and_bell(
    browser, live_server, org, lang, width
):
    from django.test import RequestFactory

    from security.duress import raise_alarm

    request = RequestFactory().post("/account/login/", REMOTE_ADDR="203.0.113.7")
    incident = raise_alarm(user=org.lawyer, request=request, ip="203.0.113.7")
    page = page_for(browser, org.administrator, width=width, lang=lang)
    page.goto(f"{live_server.url}/cases/")
    banner = page.locator("#notices")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "203.0.113.7" in text and org.lawyer.get_full_name() in text
    expected = {"ru": "паролем под принуждением", "kk": "Мәжбүрлеу құпиясөзімен", "en": "duress"}
    assert expected[lang] in text
    assert page.locator("#notification-count").inner_text().split()[0] == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"duress-alarm-banner-{lang}-{width}")
    banner.locator("button[type=submit]").click()
    page.wait_for_url(f"**/security/incidents/{incident.pk}/")
    assert page.locator("#notices").count() == 0
