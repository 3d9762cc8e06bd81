"""Browser: the route's refusals on the supervisor's side, each with its message (issue 12).

Four eyes (a supervisor who drafted cannot approve), the send-back after a change to the approved
communication, and a finished case: no Stop, no build, and a clear answer when asked anyway.
Debian's Chromium through Playwright; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from django.urls import reverse

from casework.models import Role
from communications import services as communication_services
from communications.models import Communication
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.conftest import make_user
from workflows import services
from workflows.selectors import task_url

from .conftest import open_node_names, open_task
from .test_four_eyes import drafting_needs_identity

pytestmark = BROWSER_TEST


def _complete(page) -> None:
    page.get_by_role("button", name="Complete the task", exact=True).click()


def test_four_eyes_the_send_back_and_a_finished_case_refuse_with_their_messages(
    browser, live_server, route, org
):
    # The attack of the security review: a supervisor takes the drafting task and drafts.
    route.advance_to("draft_communication")
    task = route.task("draft_communication")
    services.task_assign(task=task, to=org.supervisor, by=org.supervisor, grant_access=True)
    drafting_needs_identity(route, org.supervisor)
    route.do("draft_communication", by=org.supervisor)

    # 1. Four eyes: his own approval is refused, on the page, with the reason.
    supervisor = page_for(browser, org.supervisor)
    approval = route.task("approve_submission")
    services.task_assign(task=approval, to=org.supervisor, by=org.supervisor)
    supervisor.goto(f"{live_server.url}{task_url(approval, 'execute')}")
    supervisor.get_by_label("Approve", exact=True).check()
    _complete(supervisor)
    supervisor.wait_for_selector("text=someone else must approve it (four eyes)")
    shot(supervisor, "route_four_eyes_refused")
    route.refresh()
    assert open_node_names(route.process) == {"approve_submission"}

    # A second supervisor approves; then the lawyer rewrites the approved facts.
    second = make_user("supervisor2", role=Role.SUPERVISOR, branch=org.almaty)
    services.task_assign(task=route.task("approve_submission"), to=second, by=second)
    route.do("approve_submission", {"decision": "approve"}, by=second)
    communication_services.communication_save(
        case=route.case,
        by=org.lawyer,
        communication=Communication.objects.get(case=route.case),
        data={"facts": "Rewritten after the approval. " * 5},
    )

    # 2. The send-back: the submit page says what happened and asks nothing about a
    # submission; completing it returns the new draft to the supervisor.
    lawyer = page_for(browser, org.lawyer)
    submit = route.task("submit")
    lawyer.goto(f"{live_server.url}{task_url(submit, 'execute')}")
    lawyer.wait_for_selector("text=sends it back for approval")
    shot(lawyer, "route_submit_sent_back")
    _complete(lawyer)
    lawyer.wait_for_selector("text=is done")
    route.refresh()
    assert open_node_names(route.process) == {"approve_submission"}
    assert Communication.objects.get(case=route.case).submitted_on is None

    # 3. The supervisor stops the case on its Stop page: it closes.
    stop_url = reverse("cases:workflow_stop", kwargs={"reference": route.case.reference})
    supervisor.goto(f"{live_server.url}{route.case.get_absolute_url()}")
    supervisor.get_by_role("link", name="Client withdrew / transferred / settled…").click()
    supervisor.get_by_label("Settled or remedied domestically").check()
    supervisor.fill("[name=notes]", "The State paid compensation; the client settled.")
    supervisor.locator("main form button[type=submit]").last.click()
    supervisor.wait_for_selector("text=The case is closed; all its open tasks were cancelled.")
    route.refresh()
    assert route.case.is_closed and open_node_names(route.process) == set()

    # 4. A finished case: no Stop and no build offered; asked anyway, a clear answer.
    assert (
        supervisor.get_by_role("link", name="Client withdrew / transferred / settled…").count() == 0
    )
    supervisor.goto(f"{live_server.url}{stop_url}")
    supervisor.wait_for_selector("text=already ended: there is nothing to stop")
    shot(supervisor, "route_stop_on_finished_case")
    lawyer.goto(
        live_server.url + reverse("cases:communication", kwargs={"reference": route.case.reference})
    )
    lawyer.wait_for_selector("text=The case is closed: no filing is built for it any more.")
    assert lawyer.get_by_role("button", name="Build submission package").count() == 0
    assert lawyer.get_by_role("button", name="Draft domestic appeal (Russian)").count() == 0
    shot(lawyer, "route_closed_case_no_build")
    assert open_task(route.process, "submit") is None


def test_the_case_header_with_a_long_deadline_fits_a_phone_in_russian(
    browser, live_server, route, org
):
    """The next deadline's badge names its rule; on a phone it wraps instead of widening the
    page (seen in Russian at 390 px: the page was 686 px wide)."""
    # Remedies exhausted: the next deadline is the rule 99(c) limit, with its long name.
    route.advance_to("approve_submission")
    phone = page_for(browser, org.lawyer, width=390, lang="ru")
    for tab in ("detail", "parties", "proceedings"):
        phone.goto(
            live_server.url + reverse(f"cases:{tab}", kwargs={"reference": route.case.reference})
        )
        assert "в течение 5 лет" in phone.inner_text(".deadline-badge")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (tab, width)
    shot(phone, "case_header_long_deadline_ru_mobile")
