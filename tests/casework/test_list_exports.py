"""Exports of the case list and the deadline lists: the page's filters, its masking, logged."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from casework.models import AccessAction, AccessLog
from deadlines.models import Deadline
from tests.conftest import make_case, title_with_victims_name


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_case_list_exports_its_filtered_cases(client, org, case, secret_case):
    make_case(by=org.other_lawyer, branch=org.uralsk, title="Not visible to the lawyer")
    client.force_login(org.lawyer)
    response = client.get(reverse("cases:export"), {"q": "rally", "format": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0][0] == "Reference"
    assert [row[0] for row in rows[1:]] == [case.reference]
    summary = AccessLog.objects.get(action=AccessAction.EXPORT, case=None)
    assert "q=rally" in summary.object_repr and "1 rows" in summary.object_repr


def test_the_case_list_export_logs_each_secret_case_in_it(client, org, case, secret_case):
    client.force_login(org.lawyer)
    client.get(reverse("cases:export"), {"format": "xlsx"})
    logged = set(
        AccessLog.objects.filter(action=AccessAction.EXPORT).values_list("case_id", flat=True)
    )
    assert logged == {None, secret_case.pk}


def test_a_name_in_a_title_is_masked_in_the_export_as_on_the_page(client, org, case):
    title_with_victims_name(case, org.lawyer)
    client.force_login(org.analyst)  # sees no case at all
    assert len(csv_rows(client.get(reverse("cases:export"), {"format": "csv"}))) == 1
    client.force_login(org.branch_head)  # sees the case, not the identities
    page = client.get(reverse("cases:list")).content.decode()
    response = client.get(reverse("cases:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    title = sheet["B2"].value
    assert "Айдос" not in title and "Айдос" not in page
    assert title.startswith("Detention of ")


def test_a_deadline_list_exports_what_the_page_lists(client, org, case):
    Deadline.objects.create(case=case, title="Court order", due_date=dt.date(2030, 1, 10))
    client.force_login(org.lawyer)
    response = client.get(
        reverse("deadlines:export", kwargs={"scope": "branch"}), {"format": "csv"}
    )
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[1][0] == "2030-01-10" and rows[1][2] == case.reference
    assert AccessLog.objects.filter(action=AccessAction.EXPORT, case=None).exists()
    assert (
        client.get(
            reverse("deadlines:export", kwargs={"scope": "nope"}), {"format": "csv"}
        ).status_code
        == 404
    )
