"""In the browser (issue 17): an administrator onboards a lawyer, who sets a password, enrols an
authenticator and is told of their first task; a locked-out lawyer is unlocked; a lost second
factor is reset and enrolled again."""

from __future__ import annotations

import base64
import re

from django.contrib.auth.hashers import make_password
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from viewflow.workflow.models import Task

from casework.models import User
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.conftest import PASSWORD, make_case
from tests.logins import otp_device_for, totp_code
from workflows import services as flow_services
from workflows.flows import LitigationFlow

pytestmark = BROWSER_TEST

NEW_PASSWORD = "a long passphrase for the new lawyer 2026"


def fresh_page(browser, *, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def code_for_secret(secret_b32: str) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return f"{TOTP(key).token():06d}"


def enrol_authenticator(page) -> None:
    """django-two-factor-auth's wizard: welcome, method (authenticator app), code."""
    for _step in range(4):
        if page.locator("input[name='generator-token']").count():
            break
        if page.locator("input[value='generator']").count():
            page.check("input[value='generator']")
        page.locator("form button[type='submit']").last.click()
    secret = re.search(r"TOTP Secret:\s*<a [^>]*>([A-Z2-7]+)</a>", page.content()).group(1)
    shot(page, "staff_03_enrol_authenticator")
    page.fill("input[name='generator-token']", code_for_secret(secret))
    page.locator("form button[type='submit']").last.click()


def log_in(page, url: str, user: User, password: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name='auth-username']", user.username)
    page.fill("input[name='auth-password']", password)
    page.locator("button[type='submit']").last.click()


def open_task(case, node):
    return Task.objects.filter(process__caseprocess__case=case, flow_task=node).latest("pk")


def test_an_administrator_onboards_a_lawyer_who_enrols_and_hears_of_a_task(
    browser, live_server, org
):
    admin = page_for(browser, org.administrator)
    admin.goto(f"{live_server.url}/staff/")
    admin.click("text=Onboard a person")
    admin.fill("input[name=first_name]", "Aigerim")
    admin.fill("input[name=last_name]", "Nurlanova")
    admin.fill("input[name=email]", "a.nurlanova@example.org")
    admin.select_option("select[name=branch]", str(org.almaty.pk))
    admin.select_option("select[name=role]", "lawyer")
    shot(admin, "staff_01_onboard")
    admin.locator("main button[type=submit]").click()
    link = admin.locator("#invitation-link").inner_text().strip()
    shot(admin, "staff_02_link")
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    newcomer = fresh_page(browser)
    newcomer.goto(f"{live_server.url}{path}")
    newcomer.fill("input[name=new_password1]", NEW_PASSWORD)
    newcomer.fill("input[name=new_password2]", NEW_PASSWORD)
    newcomer.locator("main button[type=submit]").click()
    newcomer.wait_for_url("**/two_factor/setup/**")
    enrol_authenticator(newcomer)
    newcomer.wait_for_url("**/setup/complete/**")
    person = User.objects.get(email="a.nurlanova@example.org")
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()

    # A supervisor makes the newcomer responsible for a case: the first task is theirs.
    case = make_case(by=org.supervisor, branch=org.almaty, title="Dispersal in Almaty")
    flow_services.start_flow_for_case(case=case, by=org.supervisor)
    screen = open_task(case, LitigationFlow.screen)
    flow_services.task_assign(task=screen, to=org.supervisor, by=org.supervisor)
    flow_services.complete_task(task=screen, by=org.supervisor, data={"decision": "strategic"})
    assign = open_task(case, LitigationFlow.assign)
    flow_services.task_assign(task=assign, to=org.supervisor, by=org.supervisor)
    flow_services.complete_task(task=assign, by=org.supervisor, data={"lawyer": person.pk})

    newcomer.goto(f"{live_server.url}/cases/")
    assert newcomer.locator("#notification-count").is_visible()
    newcomer.click("#notification-bell")
    assert "Task assigned to you" in newcomer.content()
    assert case.reference in newcomer.content()
    shot(newcomer, "staff_04_notifications")
    newcomer.locator("form:has-text('Task assigned to you') button").first.click()
    newcomer.wait_for_url("**/workflow/inbox/**")

    phone = fresh_page(browser, width=390)
    phone.context.add_cookies(newcomer.context.cookies())
    phone.goto(f"{live_server.url}/notifications/")
    shot(phone, "staff_05_notifications_mobile")


def test_a_locked_out_lawyer_is_unlocked_by_an_administrator(browser, live_server, org):
    lawyer = org.lawyer
    lawyer.password = make_password(PASSWORD)
    lawyer.save()
    otp_device_for(lawyer)
    page = fresh_page(browser)
    for _attempt in range(5):
        log_in(page, live_server.url, lawyer, "wrong password")
    log_in(page, live_server.url, lawyer, PASSWORD)
    assert "Too many failed logins" in page.content()

    admin = page_for(browser, org.administrator)
    admin.goto(f"{live_server.url}/staff/?status=locked")
    admin.click(f"text={lawyer.get_full_name()}")
    admin.fill("textarea[name=unlock-reason], input[name=unlock-reason]", "Phoned me, typo")
    shot(admin, "staff_06_locked_out")
    admin.click("button:has-text('Unlock')")
    assert "The login lockout is lifted." in admin.content()

    log_in(page, live_server.url, lawyer, PASSWORD)
    page.fill("input[name='token-otp_token']", totp_code(lawyer))
    page.locator("button[type='submit']").last.click()
    page.wait_for_url(f"{live_server.url}/cases/")


def test_a_lost_second_factor_is_reset_and_enrolled_again(browser, live_server, org):
    lawyer = org.lawyer
    lawyer.password = make_password(PASSWORD)
    lawyer.save()
    otp_device_for(lawyer)
    admin = page_for(browser, org.administrator)
    admin.goto(f"{live_server.url}/staff/{lawyer.pk}/")
    admin.fill("[name=reset-reason]", "Phone stolen on the train")
    admin.click("button:has-text('Reset')")
    assert "second-factor devices removed" in admin.content()
    shot(admin, "staff_07_second_factor_reset")
    assert not TOTPDevice.objects.filter(user=lawyer).exists()

    page = fresh_page(browser)
    log_in(page, live_server.url, lawyer, PASSWORD)
    page.wait_for_url("**/two_factor/setup/**")
    enrol_authenticator(page)
    page.wait_for_load_state()
    shot(page, "staff_08_enrolled_again")
    assert TOTPDevice.objects.filter(user=lawyer, confirmed=True).exists(), page.url


def test_staff_account_and_notification_pages_at_phone_width_in_each_language(
    browser, live_server, org
):
    for lang in ("en", "ru", "kk"):
        page = page_for(browser, org.administrator, width=390)
        page.context.add_cookies(
            [{"name": "django_language", "value": lang, "domain": "localhost", "path": "/"}]
        )
        for name, path in [
            ("staff", "/staff/"),
            ("detail", f"/staff/{org.lawyer.pk}/"),
            ("account", "/account/"),
            ("settings", "/notifications/settings/"),
        ]:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            shot(page, f"staff_lang_{lang}_{name}_mobile")
        page.context.close()
