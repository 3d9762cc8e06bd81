"""Domestic steps hold their work (issue 12): the filing page shows the deadline it answers, a
decision keeps its document and sets off the next deadlines (appeal, cassation, rule 99(c))."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.models import Document, DocumentKind
from deadlines.models import Deadline, DeadlineStatus
from workflows.forms import RecordDecisionForm
from workflows.selectors import task_url

from .conftest import open_task

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(client, route, node, data, files=None):
    task = open_task(route.process, node)
    payload = route.default_data(node)
    payload.update(data)
    if files:
        payload.update(files)
    response = client.post(task_url(task, "execute"), payload)
    route.refresh()
    return response


def _record_decision(client, route, data=None, files=None):
    """The lawyer completes "Record the decision" (decided on 20 February) through its page."""
    client.force_login(route.org.lawyer)
    payload = {"decided_on": "2026-02-20", **(data or {})}
    return _post(client, route, "record_decision", payload, files)


def test_a_decision_keeps_its_document_and_sets_off_the_appeal_and_the_five_year_limit(
    client, route, org
):
    route.advance_to("record_decision")
    client.force_login(org.lawyer)
    page = client.get(task_url(open_task(route.process, "record_decision"), "execute"))
    assert 'enctype="multipart/form-data"' in page.content.decode()
    response = _post(
        client,
        route,
        "record_decision",
        {
            "decided_on": "2026-02-20",
            "decision_language": "ru",
            "decision_confidentiality": "",
        },
        {
            "decision_document": SimpleUploadedFile(
                "ruling.pdf", PDF, content_type="application/pdf"
            )
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proceeding = route.case.proceedings.get()
    document = Document.objects.get(case=route.case)
    assert (document.kind, document.proceeding, document.language) == (
        DocumentKind.DECISION,
        proceeding,
        "ru",
    )
    assert document.confidentiality == route.case.confidentiality
    open_codes = set(
        Deadline.objects.filter(case=route.case, status=DeadlineStatus.OPEN).values_list(
            "rule__code", flat=True
        )
    )
    assert "hrc-delay-5y" in open_codes
    assert len(open_codes) >= 2  # the appeal period as well
    # The lawyer is told what comes next, with the dates.
    outcome = str(route.process.task_set.filter(flow_task__endswith="record_decision").get().data)
    limit = Deadline.objects.get(case=route.case, rule__code="hrc-delay-5y")
    assert "next:" in outcome
    assert f"{limit.kind_label} ({limit.due_date.isoformat()})" in outcome
    assert open_task(route.process, "decide_next") is not None


def test_a_decision_without_its_document_is_refused_with_the_ways_to_give_it(client, route, org):
    route.advance_to("record_decision")
    response = _record_decision(client, route)
    assert response.status_code == 200
    assert "or tick that the written decision has not arrived yet" in response.content.decode()
    assert route.case.proceedings.get().decided_on is None
    assert open_task(route.process, "record_decision") is not None


def test_a_decision_whose_text_has_not_arrived_is_recorded_and_its_deadlines_run(
    client, route, org
):
    route.advance_to("record_decision")
    response = _record_decision(client, route, {"decision_pending": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Document.objects.filter(case=route.case).exists()
    assert Deadline.objects.filter(
        case=route.case, status=DeadlineStatus.OPEN, rule__code="hrc-delay-5y"
    ).exists()
    outcome = str(route.process.task_set.filter(flow_task__endswith="record_decision").get().data)
    assert "written decision not yet received" in outcome


def test_a_decision_already_among_the_documents_is_linked_to_its_proceeding(client, route, org):
    route.advance_to("record_decision")
    document = route.decision_document()
    assert document.proceeding is None
    response = _record_decision(client, route, {"decision_existing": document.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.proceeding == route.case.proceedings.get()
    assert document.kind == DocumentKind.DECISION
    # At the next instance, the first decision is not offered again: it stays on its own.
    route.do("decide_next", {"next_step": "next_instance", "next_instance": "appeal"})
    route.do("file_proceeding", {"level": "appeal"})
    offered = (
        RecordDecisionForm(case=route.case, process=route.process, user=org.lawyer)
        .fields["decision_existing"]
        .queryset
    )
    assert document not in offered


def test_a_decision_given_two_ways_is_refused(client, route, org):
    route.advance_to("record_decision")
    document = route.decision_document()
    response = _record_decision(
        client, route, {"decision_pending": "on", "decision_existing": document.pk}
    )
    assert response.status_code == 200
    assert "Give the decision one way only" in response.content.decode()
    assert route.case.proceedings.get().decided_on is None


def test_a_decision_document_that_is_not_what_it_claims_is_refused_and_nothing_is_saved(
    client, route, org
):
    route.advance_to("record_decision")
    response = _record_decision(
        client,
        route,
        None,
        {"decision_document": SimpleUploadedFile("ruling.pdf", b"MZ\x90\x00 not a pdf")},
    )
    assert response.status_code == 200
    assert open_task(route.process, "record_decision") is not None
    assert route.case.proceedings.get().decided_on is None
    assert not Document.objects.filter(case=route.case).exists()


def test_the_filing_page_shows_the_deadline_it_answers_and_a_late_filing_says_so(
    client, route, org
):
    route.advance_to("record_decision")
    route.do("record_decision")  # a first-instance decision: the appeal period runs
    route.do("decide_next", {"next_step": "next_instance", "next_instance": "appeal"})
    client.force_login(org.lawyer)
    appeal = Deadline.objects.get(
        case=route.case, status=DeadlineStatus.OPEN, rule__fulfilled_by_instance="appeal"
    )
    page = client.get(task_url(open_task(route.process, "file_proceeding"), "execute"))
    body = page.content.decode()
    assert "Deadlines a filing answers" in body
    assert appeal.due_date.isoformat() in body
    assert appeal.kind_label in body  # named, not a bare date
    late = appeal.due_date + dt.timedelta(days=3)
    response = _post(
        client, route, "file_proceeding", {"level": "appeal", "filed_on": late.isoformat()}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    filed = route.process.task_set.filter(flow_task__endswith="file_proceeding")
    outcome = str(filed.order_by("-pk").first().data)
    assert "filed after the deadline" in outcome
    appeal.refresh_from_db()
    assert appeal.status == DeadlineStatus.OPEN  # not met by a late filing


def test_an_appeal_filed_in_time_meets_its_deadline(client, route, org):
    route.advance_to("record_decision")
    route.do("record_decision")
    route.do("decide_next", {"next_step": "next_instance", "next_instance": "appeal"})
    appeal = Deadline.objects.get(
        case=route.case, status=DeadlineStatus.OPEN, rule__fulfilled_by_instance="appeal"
    )
    client.force_login(org.lawyer)
    response = _post(
        client,
        route,
        "file_proceeding",
        {"level": "appeal", "filed_on": appeal.due_date.isoformat()},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == DeadlineStatus.DONE  # met
