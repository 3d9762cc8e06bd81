"""Lists leave the system as CSV or XLSX through this one module.

API (views call it; it neither reads the database nor decides what a user may see):

    export_response(
        request, what="case list", fmt="csv" | "xlsx",
        headers=[...], rows=[[...], ...],
        filters={"stage": "drafting", ...}, cases=[case, ...],
    ) -> HttpResponse

- `headers`: column titles, already translated. `rows`: sequences of cell values — str, int,
  float, Decimal, date, datetime, bool or None — **already masked by the caller exactly as the
  page masks them** (casework.identity); this module cannot tell a name from a word.
- `fmt`: one of `FORMATS`; `parse_format(request.GET.get("format"))` answers the format or None
  (the view then answers 400 or shows the page).
- `filters`: the list's filters as the user set them, recorded in the access log.
- `cases`: the cases whose data the rows carry; the restricted and secret ones among them get an
  access-log row each (casework.services.log_export), besides the one row for the export.

Cells are neutralised against formula injection (OWASP "CSV Injection"): a text that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with an apostrophe, so that Excel,
LibreOffice and Google Sheets show it as text instead of running it. CSV is UTF-8 with a byte
order mark, which Excel needs to read Cyrillic and Kazakh letters; XLSX is written by openpyxl.
The file name is ASCII, dated with the organisation's today: `remedy-case-list-2026-12-02.csv`.

The lower-level pieces (`neutralise`, `render_csv`, `render_xlsx`, `export_filename`) are public
for commands and tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import services
from .case_page import client_ip
from .models import Case

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# What spreadsheet programs read as the start of a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | Decimal | dt.date | dt.datetime | bool | None


def parse_format(value: str | None) -> str | None:
    """The export format asked for (`?format=csv`), or None when none or an unknown one."""
    value = (value or "").strip().lower()
    return value if value in FORMATS else None


def neutralise(value: Cell) -> Cell:
    """A cell value a spreadsheet shows as it is: text that looks like a formula gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _wall_clock(value: dt.datetime) -> dt.datetime:
    """The organisation's local time, naive: spreadsheets have no time zones."""
    if timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _as_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return _wall_clock(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def render_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The list as CSV: UTF-8 with BOM, comma-separated, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_as_text(neutralise(str(h))) for h in headers])
    for row in rows:
        writer.writerow([_as_text(neutralise(cell)) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _xlsx_cell(value: Cell) -> Any:
    value = neutralise(value)
    if isinstance(value, dt.datetime):
        return _wall_clock(value)
    if isinstance(value, str):
        # Control characters are not allowed in the XML of a worksheet.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def render_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> bytes:
    """The list as one XLSX worksheet named `title` (cut to Excel's 31 characters)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.append([_xlsx_cell(str(h)) for h in headers])
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet name.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "export")[:31]


def export_filename(what: str, fmt: str, *, today: dt.date | None = None) -> str:
    """An ASCII file name: `remedy-<what>-<organisation's today>.<fmt>`."""
    today = today or timezone.localdate()
    slug = slugify(what) or "export"
    return f"remedy-{slug[:60]}-{today.isoformat()}.{fmt}"


def export_response(
    request: HttpRequest,
    *,
    what: str,
    fmt: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    filters: Mapping[str, Any] | None = None,
    cases: Iterable[Case] = (),
) -> HttpResponse:
    """The file to download, with the export written to the access log."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format: {fmt!r}")
    rows = [list(row) for row in rows]
    content = render_csv(headers, rows) if fmt == CSV else render_xlsx(headers, rows, title=what)
    services.log_export(
        user=request.user,
        what=what,
        filters={key: str(value) for key, value in (filters or {}).items()},
        row_count=len(rows),
        cases=cases,
        ip=client_ip(request),
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=export_filename(what, fmt)
    )
    # An export holds case data: never kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    return response
