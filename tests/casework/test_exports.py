"""casework.exports: one way for a list to leave the system, logged and safe to open."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from casework import exports
from casework.access_chain import verify_access_log
from casework.models import AccessAction, AccessLog


def _request(user):
    request = RequestFactory().get("/cases/", REMOTE_ADDR="10.0.0.7")
    request.user = user
    return request


@pytest.mark.parametrize("text", ["=1+1", "+7 701", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_a_spreadsheet_would_run_is_prefixed(text):
    assert exports.neutralise(text) == "'" + text


def test_ordinary_text_and_numbers_are_left_alone():
    assert exports.neutralise("Қасымов") == "Қасымов"
    assert exports.neutralise(-2) == -2
    assert exports.neutralise(None) is None


def test_csv_is_utf8_with_bom_and_neutralised():
    content = exports.render_csv(["Title", "Date"], [["=HYPERLINK(1)", dt.date(2026, 3, 1)]])
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["Title", "Date"], ["'=HYPERLINK(1)", "2026-03-01"]]


def test_xlsx_keeps_cyrillic_dates_and_numbers_and_runs_no_formula():
    content = exports.render_xlsx(
        ["Дело", "Открыто", "Сторон"],
        [["Қасымов против Казахстана", dt.date(2026, 3, 1), 3], ["=1+1", None, None]],
        title="Cases: [all]",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Cases   all"
    assert [c.value for c in sheet[1]] == ["Дело", "Открыто", "Сторон"]
    assert sheet["A2"].value == "Қасымов против Казахстана"
    assert sheet["B2"].value == dt.datetime(2026, 3, 1)
    assert sheet["C2"].value == 3
    assert sheet["A3"].value == "'=1+1"
    assert sheet["A3"].data_type == "s"


def test_control_characters_do_not_break_the_worksheet():
    content = exports.render_xlsx(["Notes"], [["a\x00b\x07c"]], title="notes")
    assert load_workbook(io.BytesIO(content)).active["A2"].value == "abc"


def test_filename_is_ascii_and_dated_with_the_organisations_day():
    name = exports.export_filename("Реестр / register", "xlsx", today=dt.date(2026, 12, 2))
    assert name == "remedy-register-2026-12-02.xlsx"
    assert exports.export_filename("Дела", "csv", today=dt.date(2026, 1, 1)) == (
        "remedy-export-2026-01-01.csv"
    )


def test_parse_format_accepts_only_known_formats():
    assert exports.parse_format("XLSX") == "xlsx"
    assert exports.parse_format("pdf") is None
    assert exports.parse_format(None) is None


def test_export_response_is_a_download_logged_once_and_per_secret_case(org, case, secret_case):
    response = exports.export_response(
        _request(org.lawyer),
        what="case list",
        fmt="csv",
        headers=["Reference"],
        rows=[[case.reference], [secret_case.reference]],
        filters={"stage": "drafting", "q": ""},
        cases=[case, secret_case],
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="remedy-case-list-')
    assert response["Cache-Control"] == "no-store"
    rows = AccessLog.objects.filter(action=AccessAction.EXPORT).order_by("id")
    summary, per_case = list(rows)
    assert summary.case is None and summary.user == org.lawyer
    assert summary.object_repr == "case list: 2 rows (stage=drafting)"
    assert summary.ip_address == "10.0.0.7"
    assert per_case.case == secret_case  # the normal case is in the summary only
    assert verify_access_log().broken is None


def test_unknown_format_is_refused_before_anything_is_logged(org):
    with pytest.raises(ValueError):
        exports.export_response(_request(org.lawyer), what="x", fmt="pdf", headers=[], rows=[])
    assert not AccessLog.objects.exists()


def test_the_access_log_page_lists_an_export_across_cases(client, org):
    exports.export_response(
        _request(org.lawyer), what="register", fmt="xlsx", headers=["N"], rows=[["1"]]
    )
    client.force_login(org.administrator)
    response = client.get("/security/access-log/")
    assert response.status_code == 200
    assert "a list of cases" in response.content.decode()
    assert "register: 1 rows" in response.content.decode()
