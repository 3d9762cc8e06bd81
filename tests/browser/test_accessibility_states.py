"""axe-core (WCAG 2.1 A/AA) on the states of pages that the matrix pass does not reach.

tests/browser/test_accessibility.py opens every page as it first appears. Two states of those
pages only appear after a person has done something:
- **a form refused**: every form page of the matrix, sent empty (the browser's own `required`
  checks switched off, as a screen reader user who skipped a field would meet the server's
  answer), is checked as it comes back with its error messages — in English at desktop width
  and in Russian and Kazakh at mobile width;
- **two-factor enrolment**: a person without a second factor is sent to the set-up wizard;
  each of its steps is checked in en/ru/kk at both widths;
- **every task form of the route**: one case walked from screening to follow-up, each step's
  form checked as the person who does it.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from viewflow.workflow.status import STATUS

from casework.models import CovenantArticle
from casework.services import grant_case_access, violation_add
from demo.workflows import HAPPY_PATH
from tests.browser.support import page_for
from tests.browser.test_accessibility import (
    LANGUAGES,
    PREFERRED,
    WIDTHS,
    Eyes,
    _record,
    axe_pages,
    browser_test,
    show_as,
    world,  # noqa: F401  (registers the fixture)
)
from tests.security import test_permission_matrix as matrix
from tests.workflows.conftest import (
    Route,
    kz,  # noqa: F401  (registers the fixture)
    open_task,
)
from workflows.selectors import task_url
from workflows.services import task_assign

# The matrix pages that are forms to fill in (not lists with a filter form).
FORM_PAGE = re.compile(
    r"(_add|_edit|_add_office|_add_organisation|:create|:onboard|:duress|:password"
    r"|:incident_create)$"
)
# Language and width pairs each refused form is checked in.
REFUSED_IN = (("en", "desktop"), ("ru", "mobile"), ("kk", "mobile"))

SEND_EMPTY = """() => {
  const forms = [...document.querySelectorAll('main form')].filter(f =>
    (f.method || '').toLowerCase() === 'post' &&
    f.querySelector('input:not([type=hidden]), textarea, select'));
  if (!forms.length) return false;
  const form = forms[0];
  form.noValidate = true;
  for (const el of form.querySelectorAll('input, textarea')) {
    el.removeAttribute('required');
    if (['text', 'email', 'search', 'tel', 'url', 'date', 'number', 'password'].includes(el.type)
        || el.tagName === 'TEXTAREA') el.value = '';
  }
  const submit = form.querySelector('button[type=submit], button:not([type]), input[type=submit]');
  form.requestSubmit(submit || undefined);
  return true;
}"""


@browser_test
def test_every_form_refused_with_its_errors_has_no_wcag_violation(browser, live_server, world):  # noqa: F811
    started = time.monotonic()
    eyes = Eyes(browser, live_server, world)
    problems, refused = [], 0
    for page in axe_pages():
        if not FORM_PAGE.search(page.name):
            continue
        role = next(r for r in PREFERRED if r in page.roles)
        scenario = matrix.Scenario(role, role, "own")
        path = matrix._url(
            page.name, page.route, world, scenario, matrix.expectation_for(page.name)
        )
        for language, width in REFUSED_IN:
            tab = eyes.tab(role)
            show_as(tab, language, width)
            where = f"{page.name} ({path}) sent empty as {role}, {language}, {width}"
            response = tab.goto(eyes.base + path)
            if response is None or response.status != 200:
                problems.append(f"{where}: the form answered {response and response.status}")
                continue
            with tab.expect_navigation():
                if not tab.evaluate(SEND_EMPTY):
                    problems.append(f"{where}: no form to send in <main>")
                    continue
            answer = tab.evaluate("document.documentElement.outerHTML")
            if "Server Error" in answer or "Traceback" in answer:
                problems.append(f"{where}: an error page instead of the form's answer")
                continue
            if tab.locator(".invalid-feedback, .errorlist, .alert-danger").count():
                refused += 1
            problems += eyes.axe(tab, where)
    _record("every form refused, en desktop + ru/kk mobile", time.monotonic() - started, eyes.runs)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    # Most forms have a required field; a form that accepts an empty submission is fine, but
    # if none refused, the errors were never on screen and nothing was checked.
    assert refused >= 10, refused


def _unenrolled_session_cookie(user) -> dict:
    """A password-only session of a person with no second factor: the middleware sends it to
    the enrolment wizard."""
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session["_auth_user_backend"] = "security.duress.DuressAwareModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "domain": "localhost",
        "path": "/",
    }


@browser_test
def test_the_two_factor_enrolment_wizard_has_no_wcag_violation(browser, live_server, org):
    """A new colleague's first login: the wizard's welcome step and its authenticator step
    (QR code, secret, the code field), in every language at both widths."""
    started = time.monotonic()
    eyes = Eyes(browser, live_server, None)
    problems = []
    newcomer = org.analyst
    assert not newcomer.totpdevice_set.exists()
    for language in LANGUAGES:
        for width, pixels in WIDTHS.items():
            context = browser.new_context(viewport={"width": pixels, "height": 900})
            context.add_cookies(
                [
                    _unenrolled_session_cookie(newcomer),
                    {
                        "name": settings.LANGUAGE_COOKIE_NAME,
                        "value": language,
                        "domain": "localhost",
                        "path": "/",
                    },
                ]
            )
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            tab.goto(f"{eyes.base}/cases/")
            where = f"two-factor set-up, {language}, {width}"
            assert "/setup/" in tab.url, tab.url
            problems += eyes.axe(tab, f"{where}, welcome")
            with tab.expect_navigation():
                tab.locator("main button[type=submit]").last.click()
            if not tab.locator("img, svg").count():
                problems.append(f"{where}: the authenticator step shows no QR code")
            problems += eyes.axe(tab, f"{where}, authenticator")
            context.close()
    _record("two-factor enrolment, ru/kk/en x both widths", time.monotonic() - started, eyes.runs)
    assert not problems, f"{len(problems)} WCAG 2.1 A/AA violations:\n" + "\n".join(problems)


@browser_test
def test_every_task_form_of_the_route_has_no_wcag_violation(
    browser,
    live_server,
    org,
    case,
    kz,  # noqa: F811
    settings,
    tmp_path,
):
    """One case walked along the whole litigation route: at each step its task form, as the
    person who does it, in English at desktop width and in Russian at mobile width. The
    matrix's world has only a screening task open; this sees every other step's form."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for number in (21, 19):
        violation_add(case=case, by=org.lawyer, article=CovenantArticle.objects.get(number=number))
    route = Route(org, case, kz)
    started = time.monotonic()
    eyes = Eyes(browser, live_server, None)
    tabs: dict[int, object] = {}
    problems, seen = [], []
    for step in HAPPY_PATH:
        task = open_task(route.process, step)
        if task is None:
            continue
        user = task.owner or org.supervisor
        if task.status == STATUS.NEW:
            task_assign(task=task, to=user, by=org.supervisor)
            task.refresh_from_db()
        if step == "approve_submission":
            grant_case_access(
                case=case, user=user, perms=["view_case_identity"], by=None, reason="review"
            )
        if user.pk not in tabs:
            tabs[user.pk] = page_for(browser, user)
        tab = tabs[user.pk]
        for language, width in (("en", "desktop"), ("ru", "mobile")):
            show_as(tab, language, width)
            where = f"task {step} as {user.username}, {language}, {width}"
            response = tab.goto(f"{eyes.base}{task_url(task, 'execute')}")
            if response is None or response.status != 200:
                problems.append(f"{where}: answered {response and response.status}")
                continue
            problems += eyes.axe(tab, where)
        seen.append(step)
        route.do(step)
    _record("every task form of the route, en + ru mobile", time.monotonic() - started, eyes.runs)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    assert {"screen", "file_proceeding", "draft_communication", "submit", "follow_up"} <= set(
        seen
    ), seen
