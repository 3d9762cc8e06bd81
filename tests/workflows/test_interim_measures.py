"""Urgent interim measures (rule 94): who may open a request, when, and what each step records.

Each request is one run of `InterimMeasuresFlow`, beside the litigation route; its deadlines are
counted in hours (sending, the Committee's answer) and days (the State's compliance).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from casework.models import PartyRole, Person
from casework.services import party_add
from communications import services as communication_services
from communications.models import (
    Filing,
    FilingKind,
    InterimMeasuresRequest,
)
from communications.package import PackageRefused
from deadlines.models import Deadline, DeadlineStatus
from workflows import services
from workflows.flows import InterimMeasuresFlow
from workflows.models import CaseProcess

OPEN_DATA = {
    "grounds": "extradition",
    "explanation": "Экстрадиция назначена на пятницу; автору грозят пытки.",
    "explanation_en": "The extradition is set for Friday; the author risks torture.",
    "measures_sought": "Не выдавать автора до рассмотрения сообщения.",
    "measures_sought_en": "Not to extradite the author while the communication is examined.",
}


def open_request(route, *, by=None, **overrides) -> CaseProcess:
    data = {"state": route.kz.pk, **OPEN_DATA, **overrides}
    return services.interim_measures_open(case=route.case, by=by or route.org.supervisor, data=data)


def open_nodes(run: CaseProcess) -> set[str]:
    return {t.flow_task.name for t in run.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])}


def do(run: CaseProcess, node: str, data: dict, *, by) -> bool:
    task = run.task_set.get(
        flow_task=getattr(InterimMeasuresFlow, node), status__in=[STATUS.NEW, STATUS.ASSIGNED]
    )
    if task.status == STATUS.NEW:
        services.task_assign(task=task, to=by, by=by)
        task.refresh_from_db()
    return services.complete_task(task=task, by=by, data=data)


def deadline(run: CaseProcess, code: str) -> Deadline:
    return Deadline.objects.get(
        case=run.case, rule__code=code, source_key=f"interim:{run.interim_request_id}"
    )


def sent_now() -> dict:
    return {"sent_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "channel": "email"}


def granted(reference: str = "G/SO 215/51 KAZ (1)") -> dict:
    return {
        "response": "granted",
        "response_on": timezone.localdate().isoformat(),
        "committee_reference": reference,
    }


# --- who may open a request, and when -----------------------------------------------------


def test_a_supervisor_opens_a_request_from_screening_onward(route):
    assert open_nodes(route.process) == {"screen"}  # the case waits for screening
    run = open_request(route)
    assert run.flow_class is InterimMeasuresFlow
    assert open_nodes(run) == {"send_request"}
    request = run.interim_request
    assert request.grounds == "extradition" and request.opened_by == route.org.supervisor
    route.refresh()
    assert open_nodes(route.process) == {"screen"}  # the route goes on, untouched
    assert route.case.stage == "screening"


@pytest.mark.parametrize("who", ["lawyer", "branch_head", "administrator", "analyst"])
def test_only_a_supervisor_may_open_a_request(route, who):
    with pytest.raises(PermissionDenied):
        open_request(route, by=getattr(route.org, who))
    assert not InterimMeasuresRequest.objects.exists()


def test_no_request_before_the_case_is_on_the_route(org, case, kz):
    with pytest.raises(ValidationError, match="screening onward"):
        services.interim_measures_open(
            case=case, by=org.supervisor, data={"state": kz.pk, **OPEN_DATA}
        )


def test_no_request_on_a_closed_case(route):
    services.process_stop(
        process=route.process,
        exit="transferred",
        by=route.org.lawyer,
        effective_on=timezone.localdate(),
        notes="Transferred to another organisation.",
    )
    with pytest.raises(ValidationError, match="closed"):
        open_request(route)


def test_a_request_needs_the_danger_explained(route):
    with pytest.raises(ValidationError):
        open_request(route, explanation="", explanation_en="")


def test_several_requests_per_case_each_with_its_own_deadlines(route):
    first = open_request(route)
    second = open_request(route, grounds="health_in_detention")
    assert first.interim_request_id != second.interim_request_id
    assert deadline(first, "hrc-interim-send").pk != deadline(second, "hrc-interim-send").pk


# --- the steps and their deadlines ---------------------------------------------------------


def test_opening_starts_the_24_hour_sending_deadline(route):
    run = open_request(route)
    send = deadline(run, "hrc-interim-send")
    assert send.due_at == run.interim_request.opened_at + dt.timedelta(hours=24)
    assert send.due_date == timezone.localdate(send.due_at)
    assert not send.is_awaited and not send.rule.verified  # organisation practice


def test_sending_meets_the_sending_deadline_and_awaits_the_answer_for_48_hours(route):
    supervisor = route.org.supervisor
    run = open_request(route)
    do(run, "send_request", sent_now(), by=supervisor)
    request = InterimMeasuresRequest.objects.get(pk=run.interim_request_id)
    assert request.sent_time_known and request.channel == "email"
    assert deadline(run, "hrc-interim-send").status == DeadlineStatus.DONE
    follow_up = deadline(run, "hrc-interim-response-follow-up")
    assert follow_up.is_awaited and follow_up.rule.party == "committee"
    assert follow_up.due_at == request.sent_at + dt.timedelta(hours=48)
    assert open_nodes(run) == {"await_response"}


def test_a_request_cannot_be_sent_in_the_future(route):
    run = open_request(route)
    later = timezone.localtime() + dt.timedelta(hours=2)
    with pytest.raises(ValidationError):
        do(
            run,
            "send_request",
            {"sent_at": later.strftime("%Y-%m-%dT%H:%M"), "channel": "email"},
            by=route.org.supervisor,
        )


def test_no_response_yet_keeps_the_step_open_with_a_note(route):
    supervisor = route.org.supervisor
    run = open_request(route)
    do(run, "send_request", sent_now(), by=supervisor)
    completed = do(
        run,
        "await_response",
        {"response": "pending", "note": "Called the Petitions Team: under review."},
        by=supervisor,
    )
    assert completed is False
    assert open_nodes(run) == {"await_response"}
    request = InterimMeasuresRequest.objects.get(pk=run.interim_request_id)
    assert "under review" in request.response_note
    assert deadline(run, "hrc-interim-response-follow-up").status == DeadlineStatus.OPEN


def test_a_grant_meets_the_follow_up_and_starts_the_compliance_watch(route):
    supervisor = route.org.supervisor
    run = open_request(route)
    do(run, "send_request", sent_now(), by=supervisor)
    do(run, "await_response", granted(), by=supervisor)
    request = InterimMeasuresRequest.objects.get(pk=run.interim_request_id)
    assert request.response == "granted" and request.committee_reference
    assert deadline(run, "hrc-interim-response-follow-up").status == DeadlineStatus.DONE
    check = deadline(run, "hrc-interim-compliance-check")
    assert check.due_date == timezone.localdate() + dt.timedelta(days=7) and check.due_at is None
    assert open_nodes(run) == {"watch_compliance"}


def test_a_refusal_ends_the_request_and_its_open_deadlines(route):
    supervisor = route.org.supervisor
    run = open_request(route)
    do(run, "send_request", sent_now(), by=supervisor)
    do(
        run,
        "await_response",
        {"response": "refused", "response_on": timezone.localdate().isoformat()},
        by=supervisor,
    )
    run.refresh_from_db()
    assert run.status == PROCESS.DONE
    assert not Deadline.objects.filter(
        source_key=f"interim:{run.interim_request_id}", status=DeadlineStatus.OPEN
    ).exists()


def test_a_response_needs_its_date(route):
    supervisor = route.org.supervisor
    run = open_request(route)
    do(run, "send_request", sent_now(), by=supervisor)
    with pytest.raises(ValidationError):
        do(run, "await_response", {"response": "granted"}, by=supervisor)


def test_compliance_watch_stays_open_until_ended_or_breached(route):
    supervisor = route.org.supervisor
    run = open_request(route)
    do(run, "send_request", sent_now(), by=supervisor)
    do(run, "await_response", granted(), by=supervisor)
    today = timezone.localdate().isoformat()
    assert do(run, "watch_compliance", {"compliance": "unknown"}, by=supervisor) is False
    assert (
        do(
            run,
            "watch_compliance",
            {"compliance": "complied", "compliance_on": today},
            by=supervisor,
        )
        is False
    )
    assert deadline(run, "hrc-interim-compliance-check").status == DeadlineStatus.DONE
    assert open_nodes(run) == {"watch_compliance"}
    do(
        run,
        "watch_compliance",
        {"compliance": "complied", "compliance_on": today, "end_watch": "on"},
        by=supervisor,
    )
    run.refresh_from_db()
    assert run.status == PROCESS.DONE


def test_non_compliance_leads_to_the_breach_which_only_a_supervisor_records(route):
    org = route.org
    run = open_request(route)
    do(run, "send_request", sent_now(), by=org.supervisor)
    do(run, "await_response", granted(), by=org.supervisor)
    today = timezone.localdate().isoformat()
    do(
        run,
        "watch_compliance",
        {"compliance": "not_complied", "compliance_on": today},
        by=org.supervisor,
    )
    assert open_nodes(run) == {"record_breach"}
    breach = run.task_set.get(flow_task=InterimMeasuresFlow.record_breach)
    assert not InterimMeasuresFlow.record_breach.can_execute(org.lawyer, breach)
    do(run, "record_breach", {"note": "The author was extradited on 3 March."}, by=org.supervisor)
    request = InterimMeasuresRequest.objects.get(pk=run.interim_request_id)
    assert request.breach_recorded_at is not None and request.breach_recorded_by == org.supervisor
    run.refresh_from_db()
    assert run.status == PROCESS.DONE


def test_a_breach_is_refused_unless_granted_and_not_complied(route):
    supervisor = route.org.supervisor
    run = open_request(route)
    request = run.interim_request
    with pytest.raises(ValidationError, match="OP art. 1"):
        communication_services.interim_request_breach(request=request, by=supervisor, note="x")
    do(run, "send_request", sent_now(), by=supervisor)
    do(run, "await_response", granted(), by=supervisor)
    request.refresh_from_db()
    with pytest.raises(ValidationError, match="OP art. 1"):  # compliance still unknown
        communication_services.interim_request_breach(request=request, by=supervisor, note="x")


def test_compliance_only_for_granted_measures(route):
    run = open_request(route)
    with pytest.raises(ValidationError):
        communication_services.interim_request_compliance(
            request=run.interim_request,
            by=route.org.supervisor,
            compliance="complied",
            compliance_on=timezone.localdate(),
        )


def test_stopping_the_case_cancels_its_open_requests(route):
    run = open_request(route)
    services.process_stop(
        process=route.process,
        exit="withdrawn",
        by=route.org.lawyer,
        effective_on=timezone.localdate(),
        notes="Client withdrew.",
    )
    run.refresh_from_db()
    assert run.status == PROCESS.CANCELED
    assert deadline(run, "hrc-interim-send").status == DeadlineStatus.CANCELLED


def test_the_litigation_route_is_the_process_without_a_request(route):
    from workflows.selectors import process_for

    open_request(route)
    assert process_for(route.case) == route.process


def test_every_change_of_a_request_is_in_its_history(route):
    supervisor = route.org.supervisor
    run = open_request(route)
    do(run, "send_request", sent_now(), by=supervisor)
    rows = list(run.interim_request.history.order_by("history_date"))
    assert [r.history_user for r in rows] == [supervisor, supervisor]
    assert rows[-1].sent_at is not None


# --- the request document ------------------------------------------------------------------


@pytest.fixture
def victim(route) -> Person:
    person = Person.objects.create(
        full_name="Ерлан Жумабеков",
        full_name_latin="Yerlan Zhumabekov",
        birth_date=dt.date(1980, 5, 1),
    )
    party_add(case=route.case, by=route.org.lawyer, role=PartyRole.VICTIM, person=person)
    return person


@pytest.mark.parametrize(("lang", "name"), [("ru", "Ерлан Жумабеков"), ("en", "Yerlan Zhumabekov")])
def test_the_request_document_is_a_hashed_filing_in_its_language(route, victim, lang, name):
    run = open_request(route)
    filing, body = communication_services.build_interim_request_document(
        request=run.interim_request, by=route.org.lawyer, lang=lang
    )
    assert body.startswith(b"%PDF-")
    assert filing.kind == FilingKind.INTERIM_MEASURES_REQUEST and filing.language == lang
    assert filing.interim_request_id == run.interim_request_id
    import hashlib

    assert filing.sha256 == hashlib.sha256(body).hexdigest()
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert name in " ".join(text.split())


def test_the_request_document_is_refused_without_its_language_texts(route, victim):
    run = open_request(route, explanation_en="", measures_sought_en="")
    with pytest.raises(PackageRefused) as refused:
        communication_services.build_interim_request_document(
            request=run.interim_request, by=route.org.lawyer, lang="en"
        )
    assert any("English" in p for p in refused.value.problems)
    assert not Filing.objects.exists()


def test_the_request_document_needs_the_identity_permission(route, victim):
    run = open_request(route)
    with pytest.raises(PermissionDenied):
        communication_services.build_interim_request_document(
            request=run.interim_request, by=route.org.supervisor, lang="ru"
        )


# --- pages ------------------------------------------------------------------------------------


def test_the_communication_page_and_overview_show_the_request_and_its_next_step(route, client):
    open_request(route)
    client.force_login(route.org.supervisor)
    for name in ("cases:communication", "cases:detail"):
        from django.urls import reverse

        response = client.get(reverse(name, kwargs={"reference": route.case.reference}))
        assert response.status_code == 200
        body = response.content.decode()
        assert 'id="interim-measures"' in body
        assert "Send the interim-measures request" in body


def test_the_open_page_is_a_supervisors(route, client):
    from django.urls import reverse

    url = reverse("cases:interim_open", kwargs={"reference": route.case.reference})
    client.force_login(route.org.lawyer)
    assert client.get(url).status_code == 404
    client.force_login(route.org.supervisor)
    assert client.get(url).status_code == 200
    response = client.post(url, {"state": route.kz.pk, **OPEN_DATA})
    assert response.status_code == 302
    assert InterimMeasuresRequest.objects.filter(case=route.case).count() == 1
    bad = client.post(url, {"state": route.kz.pk, "grounds": "extradition"})
    assert bad.status_code == 400
    assert InterimMeasuresRequest.objects.filter(case=route.case).count() == 1
