"""Browser: one new case from intake to submission, each refusal on the way shown with its message.

Debian's Chromium through Playwright; screenshots (desktop and mobile, en and ru) go to
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework import services as case_services
from casework.documents import document_upload
from casework.models import CovenantArticle, Theme
from communications import selectors as communication_selectors
from communications.models import Communication
from deadlines.models import Deadline, DeadlineStatus
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.communications.conftest import make_pdf, make_ready_case
from workflows.models import CaseProcess
from workflows.selectors import task_url

from .conftest import Route, open_task

pytestmark = BROWSER_TEST


def _execute(page, live_server, task) -> None:
    page.goto(f"{live_server.url}{task_url(task, 'execute')}")


def _complete(page) -> None:
    page.get_by_role("button", name="Complete the task", exact=True).click()


def _take_and_complete(page) -> None:
    page.get_by_role("button", name="Take and complete the task", exact=True).click()


def _send_a_megabyte_of_facts(page) -> None:
    """Past the field's own maxlength, as a script could: the page must still answer clearly.

    The field is hidden first: laying out a megabyte in a textarea took Chromium over a minute
    on a loaded machine, and a hidden field is submitted all the same."""
    with page.expect_navigation(timeout=60_000):
        page.eval_on_selector(
            "[name=summary]",
            "el => { el.style.display = 'none'; el.removeAttribute('maxlength');"
            " el.value = 'я'.repeat(1024 * 1024); el.form.requestSubmit(); }",
        )


def test_a_new_case_walks_from_intake_to_submission(browser, live_server, org, kz):
    lawyer = page_for(browser, org.lawyer)
    # 1. Intake, from the case list's "Open a case".
    lawyer.goto(f"{live_server.url}/cases/")
    lawyer.get_by_role("link", name="Open a case").click()
    lawyer.fill("[name=title]", "Detention of a blogger after a post")
    lawyer.select_option("[name=theme]", str(Theme.objects.get(code="expression").pk))
    lawyer.fill("[name=summary]", "Detained for three days after a post about a rally.")
    lawyer.fill("[name=client_name]", "Aigul Serikova")
    lawyer.fill("[name=victim_name]", "Nurlan Serikov")
    lawyer.select_option(
        "[name=articles]",
        [str(CovenantArticle.objects.get(number=n).pk) for n in (19, 21)],
    )
    lawyer.fill("[name=consent_signed_on]", "2026-01-10")
    lawyer.locator("form button[type=submit]").last.click()
    lawyer.wait_for_selector("text=sent for screening")
    process = CaseProcess.objects.get()
    case = process.case
    # Nothing to build from yet: the Communication tab says so and offers no build button.
    lawyer.goto(
        live_server.url + reverse("cases:communication", kwargs={"reference": case.reference})
    )
    lawyer.wait_for_selector("text=Nothing to build from yet")
    assert lawyer.get_by_role("button", name="Build submission package").count() == 0
    assert lawyer.get_by_role("button", name="Draft domestic appeal (Russian)").count() == 0

    # 2. Screening and assignment by the supervisor: the queued task's page carries its form,
    # so one click takes and completes it.
    supervisor = page_for(browser, org.supervisor)
    for node in ("screen", "assign"):
        task = open_task(process, node)
        supervisor.goto(f"{live_server.url}{task_url(task, 'assign')}")
        if node == "screen":
            shot(supervisor, "route_screening")
            supervisor.get_by_label("Accept as a strategic case").check()
        else:
            shot(supervisor, "route_assignment")
            supervisor.select_option("[name=lawyer]", str(org.lawyer.pk))
        _take_and_complete(supervisor)
        supervisor.wait_for_selector("text=is done")

    route = Route.__new__(Route)
    route.org, route.case, route.kz, route.process, route.instances = org, case, kz, process, []
    route.refresh()
    route.do("primary_aid")

    # 3. The domestic steps through their pages: the filing, then the decision, which is
    # refused without its document and, with it, sets off the next deadlines.
    _execute(lawyer, live_server, open_task(process, "file_proceeding"))
    lawyer.select_option("[name=level]", "first_instance")
    lawyer.fill("[name=body]", "Almaly District Court of Almaty")
    lawyer.fill("[name=body_ru]", "Алмалинский районный суд г. Алматы")
    lawyer.fill("[name=body_en]", "Almaly District Court of Almaty")
    lawyer.fill("[name=claims_raised]", "19(2), 21")
    lawyer.select_option("[name=covenant_invoked]", "true")
    lawyer.fill("[name=filed_on]", "2026-02-02")
    _complete(lawyer)
    lawyer.wait_for_selector("text=is done")
    _execute(lawyer, live_server, open_task(process, "record_decision"))
    lawyer.fill("[name=decided_on]", "2026-02-16")
    lawyer.select_option("[name=outcome]", "dismissed")
    _complete(lawyer)
    lawyer.wait_for_selector("text=or tick that the written decision has not arrived yet")
    shot(lawyer, "route_decision_refused")
    kazakh = page_for(browser, org.lawyer, width=390, lang="kk")
    kazakh.goto(lawyer.url)
    kazakh.get_by_role("button", name="Тапсырманы орындау", exact=True).click()
    kazakh.wait_for_selector("text=жазбаша шешім әлі келмегенін белгілеңіз")
    shot(kazakh, "route_decision_refused_kk_mobile")
    assert case.proceedings.get().decided_on is None
    lawyer.set_input_files(
        "[name=decision_document]",
        files=[{"name": "decision.pdf", "mimeType": "application/pdf", "buffer": make_pdf(1)}],
    )
    _complete(lawyer)
    lawyer.wait_for_selector("text=is done")
    proceeding = case.proceedings.get()
    assert proceeding.documents.get().kind == "decision"
    assert Deadline.objects.filter(
        case=case, status=DeadlineStatus.OPEN, rule__code="hrc-delay-5y"
    ).exists()
    _execute(lawyer, live_server, open_task(process, "decide_next"))
    lawyer.check("[name=next_step][value=exhausted]")
    _complete(lawyer)
    lawyer.wait_for_selector("text=is done")
    route.refresh()
    route.do("argue_exhaustion")
    route.do("confirm_exhaustion", by=org.supervisor)

    # 4. Drafting is refused while the package cannot be built, with the package's problems.
    _execute(lawyer, live_server, open_task(process, "draft_communication"))
    lawyer.get_by_label("The draft is ready for the supervisor's review").check()
    _complete(lawyer)
    lawyer.wait_for_selector("text=record the State party first")
    shot(lawyer, "route_draft_refused")
    make_ready_case(case, org.lawyer, proceedings=False)
    _execute(lawyer, live_server, open_task(process, "draft_communication"))
    lawyer.get_by_label("The draft is ready for the supervisor's review").check()
    _complete(lawyer)
    lawyer.wait_for_selector("text=is done")
    draft = communication_selectors.latest_draft_package(case)
    assert draft is not None and not draft.is_final

    # In drafting the client stays on the case unless a supervisor removes them: the parties
    # tab offers no "Remove" for them, and the removal page says why, with no button.
    client_party = case.parties.get(role="client")
    lawyer.goto(live_server.url + reverse("cases:parties", kwargs={"reference": case.reference}))
    row = lawyer.locator("tbody tr", has_text="Aigul Serikova").filter(has_text="Client")
    assert row.get_by_role("link", name="Remove").count() == 0
    assert "Removed only by a supervisor" in row.inner_text()
    lawyer.goto(
        live_server.url
        + reverse("cases:party_delete", kwargs={"reference": case.reference, "pk": client_party.pk})
    )
    lawyer.wait_for_selector("text=Ask a supervisor")
    assert lawyer.get_by_role("button", name="Remove").count() == 0
    shot(lawyer, "route_client_removal_refused")
    assert case.parties.filter(pk=client_party.pk, role="client").exists()

    # A megabyte put into the facts (past the field's own maxlength) is refused, not stored:
    # six megabytes URL-encoded, over the body limit, so the refusal page says what happened.
    lawyer.goto(live_server.url + reverse("cases:edit", kwargs={"reference": case.reference}))
    _send_a_megabyte_of_facts(lawyer)
    lawyer.wait_for_selector("text=nothing was saved")
    shot(lawyer, "route_megabyte_refused")
    # In Russian too.
    russian = page_for(browser, org.lawyer, lang="ru")
    russian.goto(live_server.url + reverse("cases:edit", kwargs={"reference": case.reference}))
    _send_a_megabyte_of_facts(russian)
    russian.wait_for_selector("text=ничего не сохранено")
    shot(russian, "route_megabyte_refused_ru")
    case.refresh_from_db()
    assert len(case.summary) < 50_000

    # 5. Approval: the page shows the exact draft and its first pages (they carry names, so
    # the approver holds the identity permission).
    case_services.grant_case_access(
        case=case, user=org.supervisor, perms=["view_case_identity"], by=None, reason="approval"
    )
    task = open_task(process, "approve_submission")
    supervisor.goto(f"{live_server.url}{task_url(task, 'assign')}")
    supervisor.wait_for_selector(f"text={draft.sha256}")
    supervisor.wait_for_load_state("networkidle")
    widths = supervisor.eval_on_selector_all("main img", "imgs => imgs.map(i => i.naturalWidth)")
    assert len(widths) == 2 and all(w > 0 for w in widths), widths
    shot(supervisor, "route_approval_desktop")
    mobile = page_for(browser, org.supervisor, width=390)
    mobile.goto(f"{live_server.url}{task_url(task, 'assign')}")
    shot(mobile, "route_approval_mobile")
    supervisor.get_by_label("Approve", exact=True).check()
    _take_and_complete(supervisor)
    supervisor.wait_for_selector("text=is done")

    # 6. Submitting without a final package built after the approval is refused.
    proof = document_upload(
        case=case,
        by=org.lawyer,
        uploaded=SimpleUploadedFile("receipt.txt", b"Sent to petitions@ohchr.org\n"),
        title="Proof of submission",
        kind="correspondence",
        language="en",
        confidentiality="normal",
    )
    submit = open_task(process, "submit")
    _execute(lawyer, live_server, submit)
    lawyer.fill("[name=submitted_on]", timezone.localdate().isoformat())
    lawyer.select_option("[name=proof]", str(proof.pk))
    _complete(lawyer)
    lawyer.wait_for_selector("text=Build the final package on the Communication page")
    shot(lawyer, "route_submit_refused")

    # The final package is built on the Communication page, then the submission completes.
    lawyer.goto(f"{live_server.url}/cases/{case.reference}/communication/")
    lawyer.locator("#id_final_tab").check()
    lawyer.get_by_role("button", name="Build submission package").first.click()
    lawyer.wait_for_selector("text=built")
    _execute(lawyer, live_server, submit)
    # A day before the package existed is refused: it cannot have been sent then.
    lawyer.fill("[name=submitted_on]", dt.date(2026, 6, 1).isoformat())
    lawyer.select_option("[name=proof]", str(proof.pk))
    _complete(lawyer)
    lawyer.wait_for_selector("text=it cannot have been sent before that")
    lawyer.fill("[name=submitted_on]", timezone.localdate().isoformat())
    lawyer.select_option("[name=proof]", str(proof.pk))
    _complete(lawyer)
    lawyer.wait_for_selector("text=is done")
    communication = Communication.objects.get(case=case)
    assert communication.submitted_on == timezone.localdate()
    assert communication.submitted_filing.is_final

    # The register lists it, in Russian too.
    lawyer.goto(f"{live_server.url}/communications/")
    assert case.reference in lawyer.inner_text("main")
    shot(lawyer, "route_register_en")
    ru_page = page_for(browser, org.lawyer, width=390, lang="ru")
    ru_page.goto(f"{live_server.url}/communications/")
    shot(ru_page, "route_register_ru_mobile")


def test_a_page_with_a_50000_character_field_loads_in_under_a_second(
    browser, live_server, org, case
):
    case_services.case_update(
        case=case,
        by=org.lawyer,
        data={"summary": ("Длинный текст фактов дела, абзац за абзацем. " * 1200)[:50_000]},
        expected_version=None,
        reason="long facts",
    )
    page = page_for(browser, org.lawyer)
    url = f"{live_server.url}{case.get_absolute_url()}"
    page.goto(url)  # warm-up: the first request compiles templates
    page.goto(url)
    loaded = page.evaluate(
        "() => { const t = performance.getEntriesByType('navigation')[0];"
        " return t.loadEventEnd - t.startTime; }"
    )
    print(f"case page with a 50,000-character summary loaded in {loaded:.0f} ms")
    assert loaded < 1000
    shot(page, "long_summary_case_page")
