"""The litigation route through the browser's eyes: the Django test client on every page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from viewflow.workflow.status import PROCESS, STATUS

from casework.models import ClosureReason, CovenantArticle, Person, Theme
from casework.services import grant_case_access, party_add
from tests.communications.conftest import make_ready_case
from workflows import selectors
from workflows.models import CaseProcess
from workflows.selectors import task_url

from .conftest import Route, messages_of, open_task


def _post(client, url, data, follow=False):
    response = client.post(url, data, follow=follow)
    assert response.status_code in (200, 302), response.status_code
    return response


def _complete(client, route: Route, node: str, data: dict | None = None):
    task = open_task(route.process, node)
    payload = route.default_data(node)
    if node == "record_decision":
        # The page's way: the court's decision uploaded with the step.
        payload["decision_document"] = SimpleUploadedFile("decision.txt", b"Dismissed.\n")
    payload.update(data or {})
    response = client.post(task_url(task, "execute"), payload)
    assert response.status_code == 302, response.content.decode()[:3000]
    route.refresh()
    return response


def _intake_data(org, **extra):
    data = {
        "title": "Detention of a journalist",
        "branch": org.almaty.pk,
        "theme": Theme.objects.get(code="expression").pk,
        "confidentiality": "normal",
        "summary": "Detained after a post about a rally.",
        "client_name": "Aigul Serikova",
        "client_birth_date": "1980-05-01",
        "victim_is_client": "",
        "victim_name": "Nurlan Serikov",
        "articles": [
            CovenantArticle.objects.get(number=19).pk,
            CovenantArticle.objects.get(number=9).pk,
        ],
        "consent_signed_on": "2026-01-10",
        "power_of_attorney_signed_on": "2026-01-10",
    }
    data.update(extra)
    return data


def test_happy_path_through_the_pages(client, org, kz):
    # Intake by the lawyer.
    client.force_login(org.lawyer)
    response = _post(client, reverse("workflows:litigation:intake:execute"), _intake_data(org))
    process = CaseProcess.objects.get()
    case = process.case
    assert response.url == case.get_absolute_url()
    assert case.parties.count() == 2
    assert case.violations.count() == 2
    assert case.authorisations.count() == 2
    route = Route.__new__(Route)
    route.org, route.case, route.kz, route.process, route.instances = org, case, kz, process, []

    # The supervisor takes the screening task from the queue and does it.
    client.force_login(org.supervisor)
    queue = client.get(reverse("workflows:queue"))
    assert case.reference in queue.content.decode()
    task = open_task(process, "screen")
    assert client.get(task_url(task, "assign")).status_code == 200
    response = _post(client, task_url(task, "assign"), {})
    assert response.url == task_url(task, "execute")
    page = client.get(task_url(task, "execute"))
    assert page.status_code == 200
    assert "Screen the case" in page.content.decode()
    _complete(client, route, "screen")
    task = open_task(process, "assign")
    _post(client, task_url(task, "assign"), {})
    _complete(client, route, "assign")

    # The responsible lawyer works through the rest from the inbox.
    client.force_login(org.lawyer)
    inbox = client.get(reverse("workflows:inbox")).content.decode()
    assert "Primary legal aid" in inbox
    steps = [
        "primary_aid",
        "file_proceeding",
        "record_decision",
        "decide_next",
        "argue_exhaustion",
    ]
    for node in steps:
        assert client.get(task_url(open_task(process, node), "execute")).status_code == 200
        _complete(client, route, node)

    client.force_login(org.supervisor)
    task = open_task(process, "confirm_exhaustion")
    _post(client, task_url(task, "assign"), {})
    _complete(client, route, "confirm_exhaustion")

    client.force_login(org.lawyer)
    # Drafting holds its work: refused, with the package's problems, until it can be built.
    refused = client.post(
        task_url(open_task(process, "draft_communication"), "execute"),
        {"ready": "on", "lang": "ru"},
    )
    assert refused.status_code == 200
    assert "record the State party first" in refused.content.decode()
    make_ready_case(case, org.lawyer, proceedings=False)
    _complete(client, route, "draft_communication")
    client.force_login(org.supervisor)
    # The draft names people: its approver must be able to read them.
    grant_case_access(
        case=case, user=org.supervisor, perms=["view_case_identity"], by=None, reason="review"
    )
    task = open_task(process, "approve_submission")
    _post(client, task_url(task, "assign"), {})
    _complete(client, route, "approve_submission")

    client.force_login(org.lawyer)
    for node in [
        "submit",
        "register",
        "state_observations",
        "author_comments",
        "committee_decision",
        "follow_up",
    ]:
        assert client.get(task_url(open_task(process, node), "execute")).status_code == 200
        _complete(client, route, node)

    route.refresh()
    assert route.process.status == PROCESS.DONE
    assert route.case.closure_reason == ClosureReason.VIEWS_IMPLEMENTED
    archive = client.get(reverse("workflows:archive")).content.decode()
    assert "Follow up the Views" in archive
    # Task outcomes are shown to everyone who sees the case: never a client's or victim's name.
    outcomes = " ".join(str(t.data) for t in route.process.task_set.all())
    assert "Serikov" not in outcomes and "Serikova" not in outcomes
    # The case page shows the route: history with who and what.
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Litigation route" in page
    assert "Record the Committee&#x27;s decision" in page or "Record the Committee" in page


def test_invalid_input_shows_errors_and_saves_nothing(client, route, org):
    route.advance_to("file_proceeding")
    client.force_login(org.lawyer)
    task = route.task("file_proceeding")
    response = client.post(
        task_url(task, "execute"),
        {
            "level": "cassation",
            "procedure_type": "civil",
            "body": "Supreme Court",
            "filed_on": "2026-02-01",
        },
    )
    assert response.status_code == 200
    assert "needs a appeal decision" in response.content.decode() or "decision recorded" in (
        response.content.decode()
    )
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED
    assert route.case.proceedings.count() == 0


def test_future_date_is_refused_with_a_message(client, route, org):
    route.advance_to("file_proceeding")
    client.force_login(org.lawyer)
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    response = client.post(
        task_url(route.task("file_proceeding"), "execute"),
        {"level": "first_instance", "procedure_type": "civil", "body": "Court", "filed_on": future},
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()


def test_second_completion_of_a_done_task_gets_a_clear_message(client, route, org):
    route.advance_to("primary_aid")
    client.force_login(org.lawyer)
    task = route.task("primary_aid")
    url = task_url(task, "execute")
    data = {"_action": "complete", "outcome": "litigate"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == route.case.get_absolute_url()
    assert "was already completed by Lawyer Tester" in messages_of(response)
    assert route.process.task_set.filter(flow_task_type="HUMAN", status=STATUS.DONE).count() == 3


def test_intake_conflict_in_a_visible_case_needs_confirmation(client, org, case):
    victim = Person.objects.create(full_name="Nurlan Serikov")
    party_add(case=case, by=org.lawyer, role="victim", person=victim)
    client.force_login(org.lawyer)
    url = reverse("workflows:litigation:intake:execute")
    response = client.post(url, _intake_data(org))
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    assert not CaseProcess.objects.exists()
    response = client.post(url, _intake_data(org, conflict_checked="on"))
    assert response.status_code == 302
    assert CaseProcess.objects.count() == 1


def test_intake_never_reveals_a_match_in_a_case_the_lawyer_cannot_open(
    client, org, secret_case, kz
):
    victim = Person.objects.create(full_name="Nurlan Serikov")
    party_add(case=secret_case, by=org.lawyer, role="victim", person=victim)
    client.force_login(org.other_lawyer)
    response = client.post(reverse("workflows:litigation:intake:execute"), _intake_data(org))
    assert response.status_code == 302  # nothing disclosed, nothing blocked
    process = CaseProcess.objects.get()
    assert secret_case.reference not in client.get(response.url).content.decode()

    # The supervisor who screens the case is told there is something to check.
    client.force_login(org.supervisor)
    task = open_task(process, "screen")
    client.post(task_url(task, "assign"), {})
    page = client.get(task_url(task, "execute")).content.decode()
    assert "in 1 case the intake lawyer cannot open" in page
    assert secret_case.reference not in page


def test_intake_is_refused_to_roles_without_it(client, org):
    client.force_login(org.analyst)
    response = client.get(reverse("workflows:litigation:intake:execute"))
    assert "does not take in new cases" in messages_of(response)


def test_case_page_can_send_a_case_for_screening(client, org, case):
    client.force_login(org.lawyer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Put on the litigation route" in page
    response = client.post(reverse("cases:workflow_start", args=[case.reference]))
    assert response.status_code == 302
    assert CaseProcess.objects.filter(case=case).exists()


def test_stop_page_cancels_tasks_and_closes_the_case(client, route, org):
    route.advance_to("file_proceeding")
    client.force_login(org.lawyer)
    url = reverse("cases:workflow_stop", args=[route.case.reference])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"exit": "withdrawn", "effective_on": "2026-03-01", "notes": "Client withdrew."}
    )
    assert response.status_code == 302
    route.refresh()
    assert route.case.closure_reason == ClosureReason.WITHDRAWN
    assert open_task(route.process, "file_proceeding") is None


@pytest.mark.parametrize("tab", ["inbox", "queue", "archive"])
def test_task_lists_have_a_bounded_number_of_queries(
    client, org, route, tab, django_assert_max_num_queries
):
    route.advance_to("file_proceeding")
    client.force_login(org.lawyer)
    with django_assert_max_num_queries(25):
        assert client.get(reverse(f"workflows:{tab}")).status_code == 200


def test_intake_does_not_link_a_masked_person_to_their_case(client, org, case, kz):
    """Security review, item 4: the supervisor sees the case but not its victim's identity, so
    the conflict check may only say that a possible conflict exists — never which case."""
    victim = Person.objects.create(full_name="Nurlan Serikov")
    party_add(case=case, by=org.lawyer, role="victim", person=victim)
    report = selectors.conflict_check(org.supervisor, ["nurlan serikov"])
    assert (report.visible_cases, report.masked_cases, report.hidden_cases) == ([], 1, 0)

    client.force_login(org.supervisor)
    url = reverse("workflows:litigation:intake:execute")
    response = client.post(url, _intake_data(org))
    body = response.content.decode()
    assert response.status_code == 200  # confirmation needed, as for any possible conflict
    assert 'id="masked-conflict"' in body
    assert case.reference not in body and case.title not in body
    assert not CaseProcess.objects.exists()
    response = client.post(url, _intake_data(org, conflict_checked="on"))
    assert response.status_code == 302
    process = CaseProcess.objects.get()
    assert process.task_set.get(flow_task_type="HUMAN_START").data["conflicts_hidden"] == 1
