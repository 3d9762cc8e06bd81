"""Browser test: one task from the inbox to done, in Debian's Chromium through Playwright.

Screenshots go to tests/artifacts/ (git-ignored) so a person can look at the pages.
"""

from __future__ import annotations

from viewflow.workflow.status import STATUS

from tests.browser.support import BROWSER_TEST, page_for, shot

from .conftest import open_task

pytestmark = BROWSER_TEST


def test_lawyer_takes_a_task_from_inbox_to_done(browser, live_server, route, org):
    route.advance_to("decide_next")
    page = page_for(browser, org.lawyer)

    page.goto(f"{live_server.url}/workflow/inbox/")
    shot(page, "workflow_inbox")
    row = page.locator("tr", has_text=route.case.reference)
    assert "Decide the next step" in row.inner_text()
    row.get_by_role("link", name="Open").click()

    page.wait_for_selector("h1:has-text('Decide the next step')")
    page.get_by_role("radio", name="File at the next instance").check()
    page.get_by_label("Next instance", exact=True).select_option("appeal")
    shot(page, "workflow_task_form")
    page.get_by_role("button", name="Complete the task", exact=True).click()

    page.wait_for_selector("text=is done")
    shot(page, "workflow_case_after_task")
    task = open_task(route.process, "file_proceeding")
    assert task is not None and task.status == STATUS.ASSIGNED
    route.refresh()
    assert route.process.next_instance == "appeal"

    page.goto(f"{live_server.url}/workflow/inbox/")
    assert "File at a domestic instance" in page.inner_text("main")


def test_supervisor_pages_render(browser, live_server, route, org):
    route.advance_to("confirm_exhaustion")
    page = page_for(browser, org.supervisor)
    page.goto(f"{live_server.url}/workflow/queue/")
    shot(page, "workflow_queue")
    page.get_by_role("link", name="Take", exact=True).first.click()
    shot(page, "workflow_take")
    page.get_by_role("button", name="Take the task").click()
    page.wait_for_selector("h1:has-text('Confirm exhaustion')")
    shot(page, "workflow_confirm_exhaustion")
    page.goto(f"{live_server.url}/workflow/workload/")
    shot(page, "workflow_workload")
    page.goto(f"{live_server.url}/workflow/litigation/intake/".replace("/litigation", ""))
    shot(page, "workflow_intake")
