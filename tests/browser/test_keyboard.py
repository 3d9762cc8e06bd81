"""Keyboard only: the skip link, visible focus, the language switch, and one task walked through.

A person who cannot use a mouse takes the screening task from the queue and screens the case
with Tab, Space, typing and Enter; every element that gets the focus on the way must show it.
Screenshots with the focus visible go to tests/artifacts/ (keyboard-*.png).
"""

from __future__ import annotations

import pytest
from viewflow.workflow.status import STATUS

from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.conftest import make_case

pytestmark = BROWSER_TEST

# The focused element, and whether its focus indicator can be seen (an outline of at least
# 2px, or a box shadow), as the browser computes it.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const st = getComputedStyle(el);
  const outline = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2;
  return {tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 60),
          href: el.getAttribute('href') || '', name: el.getAttribute('name') || '',
          value: el.getAttribute('value') || '', type: el.getAttribute('type') || '',
          visible: outline || st.boxShadow !== 'none', id: el.id, inMain: !!el.closest('main')};
}"""


def press_and_load(page, key: str = "Enter") -> None:
    """Press a key that follows a link or sends a form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def tab_until(page, wanted, limit: int = 120) -> dict:
    """Press Tab until `wanted(focused)` holds; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if focused is None:
            continue
        assert focused["visible"], f"no visible focus on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError("not reachable with Tab")


@pytest.fixture
def screening_task(org):
    from workflows import services as flows
    from workflows.models import CaseProcess

    case = make_case(by=org.lawyer, branch=org.almaty, title="Keyboard: dispersal of a picket")
    process = flows.start_flow_for_case(case=case, by=org.lawyer)
    process = CaseProcess.objects.get(pk=process.pk)
    task = process.task_set.filter(status=STATUS.NEW).order_by("-pk").first()
    assert task.flow_task.name == "screen"
    return case, task


def test_the_skip_link_comes_first_and_moves_to_the_content(browser, live_server, org):
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/cases/")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert first["href"] == "#main-content" and first["visible"], first
    assert page.locator(".remedy-skip-link").is_visible()
    shot(page, "keyboard-skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_the_language_switch_is_reached_and_used_with_the_keyboard(browser, live_server, org):
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/cases/")
    tab_until(page, lambda f: f["name"] == "language" and f["value"] == "ru")
    shot(page, "keyboard-language-switch")
    press_and_load(page)
    assert page.locator("html").get_attribute("lang") == "ru"


def test_a_supervisor_screens_a_case_with_the_keyboard_only(
    browser, live_server, org, screening_task
):
    case, task = screening_task
    page = page_for(browser, org.supervisor)
    page.goto(f"{live_server.url}/workflow/queue/")
    tab_until(page, lambda f: f"/{task.pk}/" in f["href"])
    shot(page, "keyboard-queue-task-link")
    press_and_load(page)
    if "/assign/" not in page.url and "/execute/" not in page.url:
        # the task's detail page: its Assign / Do it action
        tab_until(
            page, lambda f: f["inMain"] and ("/assign/" in f["href"] or "/execute/" in f["href"])
        )
        press_and_load(page)
    # An unassigned task's take page carries the task's own form: taken and done in one step.
    assert "/assign/" in page.url or "/execute/" in page.url, page.url
    shot(page, "keyboard-task-form")
    tab_until(page, lambda f: f["name"] == "decision")
    # Radios: the arrow keys move the choice; the first one is the strategic acceptance.
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    tab_until(page, lambda f: f["name"] == "reason")
    page.keyboard.type("Strong facts, exhausted remedies; a strategic case.")
    submit = tab_until(
        page, lambda f: f["inMain"] and f["tag"] == "BUTTON" and f["type"] in ("submit", "")
    )
    shot(page, "keyboard-task-submit")
    assert submit["visible"]
    press_and_load(page)
    task.refresh_from_db()
    assert task.status == STATUS.DONE, (task.status, page.url)


def test_the_map_of_regions_is_walked_and_used_with_the_keyboard(browser, live_server, org):
    """Every region tile of the statistics map is a Tab stop with a visible focus and a name;
    Enter opens the region's figures, and "All regions" leads back (WCAG 2.1.1, 2.4.7)."""
    for n in range(6):
        make_case(by=org.lawyer, branch=org.almaty, title=f"Map case {n}")
    page = page_for(browser, org.analyst)
    page.goto(f"{live_server.url}/statistics/")
    tiles = page.locator("svg.tile-map a[data-region]").count()
    assert tiles == 20, tiles  # 17 regions and 3 cities of republican significance
    seen = set()
    first = tab_until(page, lambda f: "region=" in f["href"])
    shot(page, "keyboard-map-tile")
    seen.add(first["href"])
    for _ in range(tiles - 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        assert "region=" in focused["href"] and focused["visible"], focused
        seen.add(focused["href"])
    assert len(seen) == tiles
    names = page.eval_on_selector_all(
        "svg.tile-map a[data-region]", "els => els.map(a => a.querySelector('title').textContent)"
    )
    assert all(name.strip() for name in names), names
    page.goto(f"{live_server.url}/statistics/")
    tab_until(page, lambda f: "region=KZ-75" in f["href"], limit=tiles + 60)
    press_and_load(page)
    assert "region=KZ-75" in page.url
    assert "—" in page.locator("h1").inner_text()
    tab_until(page, lambda f: f["id"] == "all-regions")
    press_and_load(page)
    assert "region=" not in page.url
