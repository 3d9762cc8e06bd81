"""Actions appear only where they can succeed, and a request for one anyway gets a clear answer
(issue 12): no build on a closed or empty case, no stop on a finished one; the organisation's
"today" is Almaty's; the register's export masks names as its page does; screening shows the
admissibility self-check once a communication is recorded."""

from __future__ import annotations

import csv
import datetime as dt
import io
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from communications import services as communication_services
from communications.models import Communication
from tests.communications.conftest import make_ready_case
from tests.conftest import title_with_victims_name
from workflows import services
from workflows.forms import StopForm
from workflows.selectors import task_url

from .conftest import messages_of, open_task

NOT_BUILT_CLOSED = "The case is closed: no filing is built for it any more."
NOTHING_TO_BUILD = "There is nothing to build from yet"


def _build(client, case, what: str):
    return client.post(
        reverse(f"cases:{what}_build", kwargs={"reference": case.reference}), {"lang": "en"}
    )


def _communication_tab(client, case) -> str:
    return client.get(
        reverse("cases:communication", kwargs={"reference": case.reference})
    ).content.decode()


def _stop(route, on=None):
    services.process_stop(
        process=route.process,
        exit="settled",
        by=route.org.supervisor,
        effective_on=on or dt.date(2026, 3, 1),
        notes="Settled domestically.",
    )
    route.refresh()


def test_a_case_with_nothing_to_build_from_offers_no_build_and_refuses_one(client, org, case):
    client.force_login(org.lawyer)
    tab = _communication_tab(client, case)
    assert "Build submission package" not in tab
    assert "Draft domestic appeal" not in tab
    for what in ("package", "appeal"):
        response = _build(client, case, what)
        assert response.status_code == 400
        assert NOTHING_TO_BUILD in response.content.decode()
    assert not case.filings.exists()


def test_a_closed_case_offers_no_build_and_refuses_one_with_its_reason(client, route, org):
    make_ready_case(route.case, org.lawyer)  # a communication and a decided proceeding
    client.force_login(org.lawyer)
    tab = _communication_tab(client, route.case)
    assert "Build submission package" in tab and "Draft domestic appeal" in tab
    _stop(route)
    tab = _communication_tab(client, route.case)
    assert "Build submission package" not in tab
    assert "Draft domestic appeal" not in tab
    for what in ("package", "appeal"):
        response = _build(client, route.case, what)
        assert response.status_code == 400
        assert NOT_BUILT_CLOSED in response.content.decode()
    assert not route.case.filings.exists()


def test_a_finished_case_offers_no_stop_and_a_stop_request_is_answered(client, route, org):
    client.force_login(org.supervisor)
    stop_url = reverse("cases:workflow_stop", kwargs={"reference": route.case.reference})
    assert stop_url in client.get(route.case.get_absolute_url()).content.decode()
    _stop(route)
    assert stop_url not in client.get(route.case.get_absolute_url()).content.decode()
    for response in (
        client.get(stop_url),
        client.post(stop_url, {"exit": "withdrawn", "effective_on": "2026-03-02", "notes": "x"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == route.case.get_absolute_url()
        assert "already ended: there is nothing to stop" in messages_of(response)
    route.case.refresh_from_db()
    assert route.case.closure_reason == "settled"  # the first closure stands


def test_the_default_effective_date_is_today_in_almaty_not_in_utc(route, settings):
    assert settings.TIME_ZONE == "Asia/Almaty"
    # 20:30 UTC on 1 March is 01:30 on 2 March in Almaty (UTC+5).
    evening_utc = dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=evening_utc):
        form = StopForm(case=route.case, process=route.process, user=route.org.supervisor)
        assert form["effective_on"].value() == dt.date(2026, 3, 2)
        # Almaty's today is not "in the future" there, though UTC is still on the 1st.
        bound = StopForm(
            {"exit": "settled", "effective_on": "2026-03-02", "notes": "Settled."},
            case=route.case,
            process=route.process,
            user=route.org.supervisor,
        )
        assert bound.is_valid(), bound.errors
        tomorrow = StopForm(
            {"exit": "settled", "effective_on": "2026-03-03", "notes": "Settled."},
            case=route.case,
            process=route.process,
            user=route.org.supervisor,
        )
        assert not tomorrow.is_valid()
    assert timezone.localdate() == timezone.localtime().date()


def test_the_register_export_masks_a_name_in_a_title_as_the_page_does(client, org, case, kz):
    title_with_victims_name(case, org.lawyer)
    Communication.objects.create(case=case, state=kz, submitted_on=dt.date(2026, 6, 1))
    client.force_login(org.supervisor)  # sees the case, not the identities
    page = client.get(reverse("communications:register")).content.decode()
    response = client.get(reverse("communications:register_export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    title = rows[1][2]
    assert "Серіков" not in title and "Серіков" not in page
    assert title.startswith("Detention of ") and title in page
    client.force_login(org.lawyer)  # the case's lawyer sees the name, on the page and in the file
    response = client.get(reverse("communications:register_export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2] == "Detention of Айдос Серіков"


def test_screening_shows_the_self_check_once_a_communication_is_recorded(client, route, org):
    task = open_task(route.process, "screen")
    services.task_assign(task=task, to=org.supervisor, by=org.supervisor)
    client.force_login(org.supervisor)
    url = task_url(task, "execute")
    assert "Admissibility self-check" not in client.get(url).content.decode()
    communication_services.communication_save(
        case=route.case, by=org.lawyer, communication=None, data={"state": route.kz}
    )
    body = client.get(url).content.decode()
    assert "Admissibility self-check" in body
    assert 'data-check="ratione_temporis"' in body
