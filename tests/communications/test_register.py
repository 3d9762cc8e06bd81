"""The register of communications before the Committee: visible cases only, filters, sort, one
query count whatever the size, and its export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from casework.models import AccessAction, AccessLog
from communications.models import Communication, StateParty
from deadlines.models import Deadline
from tests.conftest import make_case

REGISTER = reverse("communications:register")


@pytest.fixture
def kz(db):
    state, _ = StateParty.objects.get_or_create(
        code="KZ", defaults={"name": "Kazakhstan", "op_in_force_on": dt.date(2009, 9, 30)}
    )
    return state


def submitted(org, kz, n: int, *, branch=None, **dates) -> Communication:
    case = make_case(by=org.lawyer, branch=branch or org.almaty, title=f"Register case {n}")
    return Communication.objects.create(
        case=case,
        state=kz,
        submitted_on=dt.date(2025, 1, n),
        number=f"{4000 + n}/2025" if dates.get("registered_on") else "",
        **dates,
    )


def test_the_register_lists_submitted_communications_of_visible_cases_only(client, org, kz):
    mine = submitted(org, kz, 1, registered_on=dt.date(2025, 3, 1))
    other = make_case(by=org.other_lawyer, branch=org.uralsk, title="Uralsk only")
    Communication.objects.create(case=other, state=kz, submitted_on=dt.date(2025, 1, 2))
    draft_only = make_case(by=org.lawyer, branch=org.almaty, title="Not submitted")
    Communication.objects.create(case=draft_only, state=kz)

    client.force_login(org.lawyer)
    body = client.get(REGISTER).content.decode()
    assert mine.case.reference in body and "4001/2025" in body
    assert other.reference not in body and "Uralsk only" not in body
    assert draft_only.reference not in body


def test_stage_last_event_and_next_deadline(client, org, kz):
    communication = submitted(
        org,
        kz,
        3,
        registered_on=dt.date(2025, 3, 1),
        transmitted_on=dt.date(2025, 3, 5),
        state_observations_on=dt.date(2025, 9, 1),
    )
    Deadline.objects.create(
        case=communication.case, title="Comments due", due_date=dt.date(2025, 11, 1)
    )
    client.force_login(org.lawyer)
    response = client.get(REGISTER)
    row = response.context["rows"][0]
    assert str(row["stage"]) == "State's observations received"
    assert row["last_event"][1] == dt.date(2025, 9, 1)
    assert row["next_deadline"] == dt.date(2025, 11, 1)


def test_filter_by_stage_and_number_and_sort(client, org, kz):
    registered = submitted(org, kz, 4, registered_on=dt.date(2025, 3, 1))
    only_submitted = submitted(org, kz, 5)
    client.force_login(org.lawyer)
    rows = client.get(REGISTER, {"stage": "registered"}).context["rows"]
    assert [r["communication"] for r in rows] == [registered]
    rows = client.get(REGISTER, {"q": "4004"}).context["rows"]
    assert [r["communication"] for r in rows] == [registered]
    rows = client.get(REGISTER, {"o": "submitted"}).context["rows"]
    assert [r["communication"] for r in rows] == [registered, only_submitted]
    rows = client.get(REGISTER, {"o": "-submitted"}).context["rows"]
    assert [r["communication"] for r in rows] == [only_submitted, registered]
    # Unknown filters are dropped, never an error.
    assert client.get(REGISTER, {"stage": "bogus", "o": "nope", "page": "x"}).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_register_runs_a_constant_number_of_queries(
    client, org, kz, size, django_assert_max_num_queries
):
    for n in range(1, size + 1):
        submitted(org, kz, n, registered_on=dt.date(2025, 3, 1))
    client.force_login(org.supervisor)
    with django_assert_max_num_queries(14):
        response = client.get(REGISTER)
    assert len(response.context["rows"]) == size


def test_the_register_exports_with_its_filters_and_is_logged(client, org, kz):
    submitted(org, kz, 6, registered_on=dt.date(2025, 3, 1))
    submitted(org, kz, 7)
    client.force_login(org.lawyer)
    response = client.get(
        reverse("communications:register_export"), {"stage": "registered", "format": "csv"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][0] == "4006/2025"
    log = AccessLog.objects.get(action=AccessAction.EXPORT, case=None)
    assert log.user == org.lawyer and "stage=registered" in log.object_repr


def test_an_export_without_a_format_says_so(client, org):
    client.force_login(org.lawyer)
    response = client.get(reverse("communications:register_export"), follow=True)
    assert "Choose CSV or XLSX to export." in response.content.decode()
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()
