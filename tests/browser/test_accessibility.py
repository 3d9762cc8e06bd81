"""Every page the permission matrix knows passes axe-core (WCAG 2.1 A and AA) in Chromium.

The page list is derived from the permission matrix (tests/security/test_permission_matrix.py):
every URL whose expectation is a page (200 on GET) is run, as every role that may open it, so a
new page is checked the moment it gets its matrix entry. URLs that are not pages are left out
by a rule that says why (NOT_PAGES), or by name in EXCEPTIONS (downloads), each with its reason.

Affordable on 2 cores: one browser, one context per role, axe injected once per page load.
The full cross product (page × role × language × width) is too slow, so two passes run:
  1. every page × every role that may open it, desktop width, English;
  2. every page × ru/kk/en × desktop/mobile (less en-desktop, pass 1's), for one role that may
     open it (the first of PREFERRED).
The runtime of each pass is printed and written to tests/artifacts/axe-runtime.txt.
Each page's `<html lang>` must also be the language it was asked in (axe checks only that it
is valid): a screen reader picks its voice from it.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from publication.public_views import load_snapshot_file
from publication.selectors import public_snapshots
from publication.site import PublicSite
from tests.browser.support import ARTIFACTS, BROWSER_TEST
from tests.logins import verified_session_cookie
from tests.publication.conftest import (
    publish,
    ready,  # noqa: F401  (registers the fixture)
)
from tests.security import test_permission_matrix as matrix
from tests.security.matrix_world import World, build_world

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ROLES = ("lawyer", "supervisor", "branch_head", "administrator", "analyst")
ANONYMOUS = "anonymous"
LANGUAGES = ("en", "ru", "kk")
WIDTHS = {"desktop": 1280, "mobile": 390}
# The role whose eyes pass 2 uses, in this order of preference.
PREFERRED = ("lawyer", "supervisor", "branch_head", "administrator", "analyst", ANONYMOUS)

# URLs that answer with something other than an HTML page, by name.
EXCEPTIONS: dict[str, str] = {
    "security:contacts_card": "a PDF download (the card is looked at as a PDF, in ru/kk/en)",
    "cases:document_download": "a file download",
    "cases:filing_download": "a file download (the generated filing)",
}

# Pages that are the same whatever the reader's language, by design; their parts carry `lang`.
ONE_PAGE_FOR_ALL_LANGUAGES = {
    "public:root": "the public site's language chooser: Russian first, each language's entry "
    "marked with its own lang",
}


def not_a_page(name: str, expect: matrix.Expect) -> str | None:
    """Why a matrix URL has no page for axe, or None when it is a page."""
    if name in EXCEPTIONS:
        return EXCEPTIONS[name]
    if matrix.ADMIN_PATTERN.match(name):
        return "Django's admin site: no Remedy role opens it (is_staff), its own templates"
    if expect.post:
        return "POST only: the form it answers is on another page"
    ok = expect.ok if isinstance(expect.ok, frozenset) else frozenset({expect.ok})
    if 200 not in ok:
        return f"answers {sorted(ok)} to everyone allowed: a redirect or no page"
    return None


@dataclass(frozen=True)
class AxePage:
    name: str
    route: str
    roles: tuple[str, ...]


def axe_pages() -> list[AxePage]:
    """The pages to check; REMEDY_AXE_ONLY (comma-separated URL names) narrows a local rerun."""
    only = {n for n in os.environ.get("REMEDY_AXE_ONLY", "").split(",") if n}
    pages = []
    for name, route in matrix._all_url_names():
        if only and name not in only:
            continue
        expect = matrix.expectation_for(name)
        if expect is None or not_a_page(name, expect):
            continue
        if (m := matrix.FLOW_TASK_PATTERN.match(name)) and m.group("view") not in {
            "execute",
            "detail",
        }:
            continue  # index/assign/unassign: the same frame as detail, or a redirect
        roles = tuple(r for r in ROLES if expect.allowed(matrix.Scenario(r, r, "own")))
        if expect.anonymous == 200:
            roles += (ANONYMOUS,)
        if roles:
            pages.append(AxePage(name, route, roles))
    return pages


def test_every_matrix_url_is_run_by_axe_or_says_why_not(monkeypatch):
    monkeypatch.delenv("REMEDY_AXE_ONLY", raising=False)
    run = {p.name for p in axe_pages()}
    names = {n for n, _r in matrix._all_url_names()}
    for name in names - run:
        expect = matrix.expectation_for(name)
        reason = expect and not_a_page(name, expect)
        flow = matrix.FLOW_TASK_PATTERN.match(name)
        assert reason or flow, f"{name}: a page the matrix knows that no axe run opens"
    assert not set(EXCEPTIONS) - names, "EXCEPTIONS for URLs that no longer exist"
    assert len(run) >= 30, sorted(run)


# --- running axe ------------------------------------------------------------------------------


def show_as(tab, language: str, width: str) -> None:
    """The next pages of `tab` in `language` (the language cookie) at `width` (WIDTHS)."""
    tab.context.add_cookies(
        [
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": language,
                "domain": "localhost",
                "path": "/",
            }
        ]
    )
    tab.set_viewport_size({"width": WIDTHS[width], "height": 900})


class Eyes:
    """One browser context per role (its session cookie), one tab, axe injected per load."""

    def __init__(self, browser, live_server, world: World):
        self.browser = browser
        self.base = live_server.url
        self.world = world
        self.tabs: dict[str, object] = {}
        self.source = AXE.read_text()
        self.runs = 0

    def tab(self, role: str):
        if role not in self.tabs:
            context = self.browser.new_context(viewport={"width": 1280, "height": 900})
            if role != ANONYMOUS:
                user = getattr(self.world.org, role)
                context.add_cookies([verified_session_cookie(user, domain="localhost")])
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            self.tabs[role] = tab
        return self.tabs[role]

    def check(self, page: AxePage, role: str, language: str, width: str) -> list[str]:
        scenario = matrix.Scenario(role, None if role == ANONYMOUS else role, "own")
        expect = matrix.expectation_for(page.name)
        path = matrix._url(page.name, page.route, self.world, scenario, expect)
        if path is None:  # never silently: a page nobody can open is a page nobody checked
            return [f"{page.name}: its URL could not be built; teach matrix._kwargs its arguments"]
        tab = self.tab(role)
        show_as(tab, language, width)
        where = f"{page.name} ({path}) as {role}, {language}, {width}"
        response = tab.goto(self.base + path)
        if response is None or response.status != 200 or tab.url != self.base + path:
            if matrix.FLOW_TASK_PATTERN.match(page.name):
                return []  # this role is sent on to the task's detail page, checked there
            return [f"{where}: answered {response and response.status} at {tab.url}, no page"]
        if "text/html" not in (response.headers.get("content-type") or ""):
            return [f"{where}: not an HTML page; add it to EXCEPTIONS with the reason"]
        page_lang = tab.evaluate("document.documentElement.lang")
        # A public page's language is in its address (/public/en/…), not the reader's cookie.
        in_path = re.match(r"/public/([a-z]{2})/", path)
        expected = in_path.group(1) if in_path else language
        wrong_lang = (
            []
            if page_lang == expected or page.name in ONE_PAGE_FOR_ALL_LANGUAGES
            else [f"{where}: <html lang={page_lang!r}>"]
        )
        return wrong_lang + self.axe(tab, where)

    def axe(self, tab, where: str) -> list[str]:
        """axe-core's WCAG 2.1 A/AA violations on the page loaded in `tab`, one line each."""
        tab.evaluate(self.source)
        result = tab.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        self.runs += 1
        problems = []
        for violation in result["violations"]:
            for node in violation["nodes"]:
                problems.append(
                    f"{where}: {violation['id']} ({violation['impact']}) at "
                    f"{' '.join(map(str, node['target']))}: {node['html'][:160]} — "
                    f"{(node.get('failureSummary') or '').splitlines()[-1:]}"
                )
        return problems


def _record(label: str, seconds: float, runs: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    line = f"{label}: {runs} axe runs in {seconds:.1f} s"
    print(line)
    with (ARTIFACTS / "axe-runtime.txt").open("a") as out:
        out.write(line + "\n")


def browser_test(test):
    for mark in reversed(BROWSER_TEST):
        test = mark(test)
    return test


@pytest.fixture
def world(org) -> World:
    return build_world(org)


@browser_test
def test_every_page_as_every_role_that_opens_it_has_no_wcag_violation(browser, live_server, world):
    started = time.monotonic()
    eyes = Eyes(browser, live_server, world)
    problems = [
        p
        for page in axe_pages()
        for role in page.roles
        for p in eyes.check(page, role, "en", "desktop")
    ]
    _record("every page x every role, en, desktop", time.monotonic() - started, eyes.runs)
    assert not problems, f"{len(problems)} WCAG 2.1 A/AA violations:\n" + "\n".join(problems)


@browser_test
def test_every_page_in_every_language_at_both_widths_has_no_wcag_violation(
    browser, live_server, world
):
    started = time.monotonic()
    eyes = Eyes(browser, live_server, world)
    problems = []
    for page in axe_pages():
        role = next(r for r in PREFERRED if r in page.roles)
        for language in LANGUAGES:
            for width in WIDTHS:
                if (language, width) != ("en", "desktop"):  # pass 1 ran it, as every role
                    problems += eyes.check(page, role, language, width)
    _record(
        "every page x ru/kk/en x desktop/mobile, one role", time.monotonic() - started, eyes.runs
    )
    assert not problems, f"{len(problems)} WCAG 2.1 A/AA violations:\n" + "\n".join(problems)


@browser_test
def test_every_page_of_the_public_site_has_no_wcag_violation(browser, live_server, ready, org):  # noqa: F811
    """The public precedent database with a published case: every HTML page the site has (home,
    lists, search, articles, themes, regions, the case and its documents, in ru/kk/en), as the
    anonymous reader, at both widths. The matrix opens only its home page."""
    publish(ready, org)
    site = PublicSite(public_snapshots(), load_file=load_snapshot_file, base_url="/public/")
    pages = site.pages().items()
    paths = sorted(p for p, page in pages if page.content_type.startswith("text/html"))
    assert any("/cases/case-" in p for p in paths), paths  # a case page too
    started = time.monotonic()
    eyes = Eyes(browser, live_server, None)
    tab = eyes.tab(ANONYMOUS)
    problems = []
    for path in paths:
        for width, pixels in WIDTHS.items():
            tab.set_viewport_size({"width": pixels, "height": 900})
            response = tab.goto(f"{eyes.base}/public/{path}")
            where = f"public/{path}, {width}"
            if response is None or response.status != 200:
                problems.append(f"{where}: answered {response and response.status}")
                continue
            language = path.split("/", 1)[0]
            page_lang = tab.evaluate("document.documentElement.lang")
            if language in LANGUAGES and page_lang != language:
                problems.append(f"{where}: <html lang={page_lang!r}>")
            problems += eyes.axe(tab, where)
    _record("the public site, every page, both widths", time.monotonic() - started, eyes.runs)
    assert not problems, f"{len(problems)} WCAG 2.1 A/AA violations:\n" + "\n".join(problems)
