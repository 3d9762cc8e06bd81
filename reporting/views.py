"""Statistics pages, their JSON API and exports, and the home page's dashboard.

Thin views: parse the filters (`reporting.filters`), ask `reporting.aggregation`, render.
Every figure shown, sent as JSON or exported comes from the same aggregation service.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework import exports
from casework.models import Branch, Confidentiality, CovenantArticle, Region, Role, Theme
from monitoring import selectors as monitoring

from . import aggregation, dashboard, tile_map
from .aggregation import CROSSABLE, DIMENSIONS, UnknownDimension
from .filters import FilterError, Filters, parse_filters

# The tables of the page, in order; each has a chart beside it.
PAGE_TABLES = (
    ("region_today", "bar"),
    ("theme", "bar"),
    ("article", "bar"),
    ("stage", "bar"),
    ("outcome", "bar"),
    ("committee_outcome", "bar"),
    ("violation_found", "bar"),
    ("followup", "bar"),
    ("branch", "bar"),
    ("year", "bar"),
    ("region", None),  # the regions of their time: a table only
)
DEFAULT_CROSS = ("theme", "region_today")


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Branch heads and supervisors start on their dashboard; analysts on the statistics."""
    user = request.user
    if user.has_role(Role.SUPERVISOR, Role.BRANCH_HEAD):
        return render(request, "reporting/home.html", {"board": dashboard.board_for(user)})
    if user.has_role(Role.ANALYST):
        return redirect("statistics:index")
    return redirect("cases:list")


def _chart(table: aggregation.Table, kind: str) -> dict:
    """Chart.js configuration for a table (passed to the page with json_script)."""
    return {
        "type": kind,
        "data": {
            "labels": [row.label for row in table.rows],
            "datasets": [
                {"label": _("Cases"), "data": [row.count for row in table.rows]},
            ],
        },
        "options": {
            "indexAxis": "y" if len(table.rows) > 6 else "x",
            "plugins": {"legend": {"display": False}},
            "maintainAspectRatio": False,
        },
    }


def _register_chart(board: monitoring.Dashboard) -> dict:
    """The monitored recommendations by status, now and a year before (Chart.js)."""
    change = board.change()  # (status, label, now, a year ago, difference)
    return {
        "type": "bar",
        "data": {
            "labels": [str(row[1]) for row in change],
            "datasets": [
                {"label": _("Now"), "data": [row[2] for row in change]},
                {"label": _("A year ago"), "data": [row[3] for row in change]},
            ],
        },
        "options": {
            "maintainAspectRatio": False,
            "scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}}},  # whole counts
        },
    }


def _filter_form_context(filters: Filters) -> dict:
    return {
        "branches": Branch.objects.all(),
        "themes": Theme.objects.order_by("name"),
        "articles": CovenantArticle.objects.all(),
        "confidentialities": Confidentiality.choices,
        "values": filters.as_query(),
    }


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The statistics page: the map, every table with its chart, the cross-table, durations."""
    error = None
    try:
        filters = parse_filters(request.GET, allowed=("rows", "cols"))
    except FilterError as exc:
        error, filters = str(exc), Filters()
    rows_by = request.GET.get("rows") or DEFAULT_CROSS[0]
    cols_by = request.GET.get("cols") or DEFAULT_CROSS[1]
    counts = aggregation.Counts(request.user, filters)  # the page's tables share its queries
    try:
        cross = aggregation.crosstab(request.user, rows_by, cols_by, counts=counts)
    except UnknownDimension as exc:
        error = error or str(exc)
        rows_by, cols_by = DEFAULT_CROSS
        cross = aggregation.crosstab(request.user, rows_by, cols_by, counts=counts)
    tables = []
    for by, kind in PAGE_TABLES:
        table = counts.count_by(by)
        tables.append(
            {
                "table": table,
                "chart": _chart(table, kind) if kind else None,
                "chart_id": f"chart-{by}",
            }
        )
    by_region = tables[0]["table"]
    query = urlencode(filters.as_query())
    map_query = urlencode({k: v for k, v in filters.as_query().items() if k != "region"})
    trend = aggregation.workload_trend(request.user, filters)
    width, height = tile_map.size()
    region = Region.objects.filter(code=filters.region, valid_to__isnull=True).first()
    # The recommendations register beside the cases (issue 16): its own filters are a theme and
    # an article; the others (dates, branch, region) are about cases and do not apply to it.
    register = monitoring.dashboard(request.user, theme=filters.theme, article=filters.article)
    context = {
        "error": error,
        "filters": filters,
        "region": region,
        "query": query,
        "map_query": map_query,
        "tables": tables,
        "cross": cross,
        "crossable": [(name, DIMENSIONS[name].title()) for name in CROSSABLE],
        "durations": aggregation.durations(request.user, filters),
        "trend": trend,
        "trend_chart": {
            "type": "line",
            "data": {
                "labels": [point.month.strftime("%Y-%m") for point in trend],
                "datasets": [
                    {"label": _("Opened"), "data": [p.opened for p in trend]},
                    {"label": _("Closed"), "data": [p.closed for p in trend]},
                ],
            },
            "options": {"maintainAspectRatio": False},
        },
        "tiles": tile_map.tiles(by_region, link=map_query),
        "map_width": width,
        "map_height": height,
        "legend": tile_map.legend(),
        "suppressed_below": by_region.suppressed_below,
        "caveat": aggregation.CAVEAT,
        "register": register,
        "register_chart": _register_chart(register),
        **_filter_form_context(filters),
    }
    return render(request, "reporting/index.html", context, status=400 if error else 200)


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


@require_safe
@login_required
def api(request: HttpRequest) -> JsonResponse:
    """`GET /statistics/api/?by=<dimension>[&filters]` — the figures behind the charts.

    `{"by": ..., "rows": [{"key", "label", "count"}], "suppressed_below": k or null}`;
    a null count is suppressed. An unknown dimension or filter answers 400 with a message.
    """
    by = request.GET.get("by", "")
    if not by:
        return _bad_request(
            _("Say which dimension: ?by=one of %(known)s.") % {"known": ", ".join(DIMENSIONS)}
        )
    try:
        filters = parse_filters(request.GET, allowed=("by",))
        table = aggregation.count_by(request.user, by, filters)
    except (FilterError, UnknownDimension) as exc:
        return _bad_request(str(exc))
    return JsonResponse(
        {
            "by": table.by,
            "rows": [
                {"key": row.key, "label": row.label, "count": row.count} for row in table.rows
            ],
            "suppressed_below": table.suppressed_below,
        }
    )


@require_safe
@login_required
def export(request: HttpRequest) -> HttpResponse:
    """One table of the page as CSV or XLSX (`?table=<dimension>|cross|durations|trend`)."""
    fmt = exports.parse_format(request.GET.get("format"))
    if fmt is None:
        return HttpResponse(_("Say which format: ?format=csv or ?format=xlsx."), status=400)
    what = request.GET.get("table", "")
    try:
        filters = parse_filters(request.GET, allowed=("table", "format", "rows", "cols"))
        headers, rows, title = _export_table(request, what, filters)
    except (FilterError, UnknownDimension) as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    return exports.export_response(
        request,
        what=f"statistics {title}",
        fmt=fmt,
        headers=headers,
        rows=rows,
        filters={"table": what, **filters.as_query()},
    )


def _export_table(request: HttpRequest, what: str, filters: Filters):
    user = request.user
    if what == "cross":
        cross = aggregation.crosstab(
            user,
            request.GET.get("rows") or DEFAULT_CROSS[0],
            request.GET.get("cols") or DEFAULT_CROSS[1],
            filters,
        )
        headers = ["", *(label for _key, label in cross.column_labels), _("Total")]
        rows = [[label, *cells, total] for label, cells, total in cross.lines]
        rows.append([_("Total"), *cross.column_totals, cross.shown(cross.table.total)])
        return headers, rows, cross.title
    if what == "durations":
        headers = [_("Span"), _("Cases"), _("First quartile (days)"), _("Median (days)"),
                   _("Third quartile (days)")]  # fmt: skip
        rows = [
            [d.label, aggregation.as_shown(d.cases), d.q1, d.median, d.q3]
            for d in aggregation.durations(user, filters)
        ]
        return headers, rows, _("durations")
    if what == "trend":
        headers = [_("Month"), _("Opened"), _("Closed")]
        rows = [
            [
                p.month.strftime("%Y-%m"),
                aggregation.as_shown(p.opened),
                aggregation.as_shown(p.closed),
            ]
            for p in aggregation.workload_trend(user, filters)
        ]
        return headers, rows, _("workload trend")
    table = aggregation.count_by(user, what, filters)
    headers = [_("Code"), table.title, _("Cases"), _("Share (%)")]
    rows = [[row.key, row.label, row.shown, row.share] for row in table.rows]
    rows.append(["", _("Total"), table.total_shown, None])
    return headers, rows, table.title
