"""The one aggregation service: every figure of the statistics pages, the API and the exports.

Which cases are counted, and which figures are exact, is decided by `casework.selectors`:

- **Lawyers** (and anyone without a statistics role) count their own caseload: the cases
  `cases_visible_to(user)` returns. They may open every case counted, so every figure is exact.
- **Analysts, branch heads, supervisors, administrators** count the organisation's caseload.
  A figure is exact when the reader may open every case behind it (the same
  `cases_visible_to(user)`, counted alongside in the same SQL query); any other figure goes through
  `reporting.suppression` with k = `REMEDY_STATISTICS_MIN_COUNT`. So analysts (no case files) see
  every small count suppressed; a branch head sees their own branch exactly and other branches
  suppressed; supervisors and administrators see exact figures except where a restricted or
  secret case they hold no grant for sits in a small cell.

Every table is one `GROUP BY` query (aggregates in SQL), whatever the number of cases.
Figures describe the organisation's caseload, never the prevalence of violations.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case as CaseWhen
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import (
    AllegedViolation,
    Branch,
    Case,
    Confidentiality,
    CovenantArticle,
    Outcome,
    Proceeding,
    Region,
    Role,
    Stage,
    Theme,
    User,
)
from casework.selectors import cases_visible_to
from communications.models import CommitteeOutcome
from monitoring.models import Assessment, FollowUpGrade

from .filters import Filters
from .suppression import CrossTab, Figure, Shown, share, suppress_crosstab, suppress_list

# Roles whose statistics cover the organisation's caseload (exact only where they may look).
ORGANISATION_READERS = (Role.ANALYST, Role.BRANCH_HEAD, Role.SUPERVISOR, Role.ADMINISTRATOR)

CAVEAT = gettext_lazy(
    "These figures describe the cases the organisation has taken on, not how often violations "
    "occur: a region or theme with few cases may simply be one where fewer people reach us."
)


def min_count() -> int:
    return settings.REMEDY_STATISTICS_MIN_COUNT


@dataclass(frozen=True)
class Scope:
    """Whose statistics: the cases counted, and the cases the reader may open among them."""

    counted: QuerySet[Case]
    visible: QuerySet[Case] | None  # None: the reader may open every case counted
    organisation: bool

    @property
    def k(self) -> int | None:
        """The threshold, or None when every figure is exact for this reader."""
        return None if self.visible is None else min_count()


def scope_for(user: User) -> Scope:
    """The cases counted for `user` and those they may open (module docstring)."""
    if getattr(user, "is_authenticated", False) and user.has_role(*ORGANISATION_READERS):
        return Scope(Case.objects.all(), cases_visible_to(user), organisation=True)
    return Scope(cases_visible_to(user), None, organisation=False)


# --- dimensions -----------------------------------------------------------------------------


NOT_RECORDED = "-"


def _latest_domestic_outcome():
    latest = Proceeding.objects.filter(case=OuterRef("pk")).order_by("-filed_on", "-pk")
    return Coalesce(Subquery(latest.values("outcome")[:1]), Value(NOT_RECORDED))


def _committee_outcome():
    violation_found = AllegedViolation.objects.filter(case=OuterRef("pk"), found_violated=True)
    return CaseWhen(
        When(
            Q(communication__outcome=CommitteeOutcome.VIEWS) & Exists(violation_found),
            then=Value("views_violation"),
        ),
        When(communication__outcome=CommitteeOutcome.VIEWS, then=Value("views_no_violation")),
        When(communication__outcome=CommitteeOutcome.INADMISSIBLE, then=Value("inadmissible")),
        When(communication__outcome=CommitteeOutcome.DISCONTINUED, then=Value("discontinued")),
        When(communication__submitted_on__isnull=False, then=Value("pending")),
        default=Value(NOT_RECORDED),
        output_field=CharField(),
    )


def _followup_grade():
    """The latest Committee grade given to any remedy of the case's Views (monitoring app)."""
    latest = Assessment.objects.filter(
        recommendation__case=OuterRef("pk"), grade__isnull=False
    ).order_by("-assessed_on", "-pk")
    return Coalesce(Subquery(latest.values("grade__code")[:1]), Value(NOT_RECORDED))


def _grade_labels(keys: list[str]) -> dict[str, str]:
    return {grade.code: f"{grade.code} — {grade.label}" for grade in FollowUpGrade.objects.all()}


COMMITTEE_OUTCOMES = {
    "views_violation": gettext_lazy("Views: violation found"),
    "views_no_violation": gettext_lazy("Views: no violation"),
    "inadmissible": gettext_lazy("Inadmissible"),
    "discontinued": gettext_lazy("Discontinued"),
    "pending": gettext_lazy("Submitted, awaiting the Committee"),
}


def region_key(region: Region) -> str:
    """A region's key in the tables: its code, and the year it ceased for a former region."""
    return region.code if region.valid_to is None else f"{region.code}-{region.valid_to.year}"


def _region_labels(keys: list[str]) -> dict[str, str]:
    return {region_key(region): region.label() for region in Region.objects.all()}


def _region_keys(figures: dict[str, Figure]) -> dict[str, Figure]:
    """The region dimension groups by id in SQL; its keys are codes (`region_key`)."""
    keys = {str(region.pk): region_key(region) for region in Region.objects.all()}
    keys["0"] = NOT_RECORDED
    return {keys.get(key, key): figure for key, figure in figures.items()}


def _today_region_labels(keys: list[str]) -> dict[str, str]:
    regions = Region.objects.filter(code__in=keys, valid_to__isnull=True)
    return {region.code: region.label() for region in regions}


@dataclass(frozen=True)
class Dimension:
    """A way to group cases: the SQL expression of the key, and how keys are named."""

    name: str
    title: Callable[[], str]
    expression: Callable[[], object]
    labels: Callable[[list[str]], dict[str, str]]
    all_keys: Callable[[], list[str]] = lambda: []  # keys shown even at zero, in this order
    multi: bool = False  # a case may fall under several keys (articles)
    base: Q = field(default_factory=Q)  # which cases the dimension is about


def _choices(choices) -> Callable[[list[str]], dict[str, str]]:
    return lambda keys: {str(value): str(label) for value, label in choices}


DIMENSIONS: dict[str, Dimension] = {
    dimension.name: dimension
    for dimension in [
        Dimension(
            "region",
            lambda: _("Region of the violation (as it was then)"),
            lambda: Coalesce(F("violation_region_id"), Value(0)),
            _region_labels,
        ),
        Dimension(
            "region_today",
            lambda: _("Region of the violation (today's regions)"),
            lambda: Coalesce(F("violation_region__code"), Value(NOT_RECORDED)),
            _today_region_labels,
            all_keys=lambda: list(
                Region.objects.filter(valid_to__isnull=True)
                .order_by("name")
                .values_list("code", flat=True)
            ),
        ),
        Dimension(
            "theme",
            lambda: _("Theme"),
            lambda: F("theme__code"),
            lambda keys: {t.code: str(t) for t in Theme.objects.all()},
            all_keys=lambda: list(Theme.objects.order_by("name").values_list("code", flat=True)),
        ),
        Dimension(
            "article",
            lambda: _("Covenant article invoked"),
            lambda: F("violations__article__number"),
            lambda keys: {
                str(a.number): _("Art. %(number)s") % {"number": a.number}
                for a in CovenantArticle.objects.all()
            },
            multi=True,
            base=Q(violations__isnull=False),
        ),
        Dimension(
            "stage",
            lambda: _("Stage"),
            lambda: F("stage"),
            _choices(Stage.choices),
            all_keys=lambda: list(Stage.values),
        ),
        Dimension(
            "outcome",
            lambda: _("Latest domestic outcome"),
            _latest_domestic_outcome,
            _choices(Outcome.choices),
            all_keys=lambda: [*Outcome.values, NOT_RECORDED],
        ),
        Dimension(
            "committee_outcome",
            lambda: _("Outcome before the Committee"),
            _committee_outcome,
            lambda keys: {key: str(label) for key, label in COMMITTEE_OUTCOMES.items()},
            all_keys=lambda: list(COMMITTEE_OUTCOMES),
            base=Q(communication__submitted_on__isnull=False),
        ),
        Dimension(
            "violation_found",
            lambda: _("Views: violations found, per article"),
            lambda: F("violations__article__number"),
            lambda keys: {
                str(a.number): _("Art. %(number)s") % {"number": a.number}
                for a in CovenantArticle.objects.all()
            },
            multi=True,
            base=Q(communication__outcome=CommitteeOutcome.VIEWS, violations__found_violated=True),
        ),
        Dimension(
            "followup",
            lambda: _("Follow-up grade (latest)"),
            _followup_grade,
            _grade_labels,
            all_keys=lambda: [
                *FollowUpGrade.objects.filter(current=True).values_list("code", flat=True),
                NOT_RECORDED,
            ],
            base=Q(communication__outcome=CommitteeOutcome.VIEWS),
        ),
        Dimension(
            "branch",
            lambda: _("Branch"),
            lambda: F("branch__code"),
            lambda keys: {b.code: b.localized_name().marked for b in Branch.objects.all()},
            all_keys=lambda: list(Branch.objects.values_list("code", flat=True)),
        ),
        Dimension(
            "year",
            lambda: _("Year opened"),
            lambda: ExtractYear("opened_on"),
            lambda keys: {key: key for key in keys},
        ),
        Dimension(
            "confidentiality",
            lambda: _("Confidentiality"),
            lambda: F("confidentiality"),
            _choices(Confidentiality.choices),
            all_keys=lambda: list(Confidentiality.values),
        ),
    ]
}
# Which dimensions may be crossed on the page (articles and Views are not one key per case).
CROSSABLE = ("region_today", "theme", "stage", "branch", "year", "committee_outcome")


class UnknownDimension(ValueError):
    pass


def dimension(name: str) -> Dimension:
    try:
        return DIMENSIONS[name]
    except KeyError:
        raise UnknownDimension(
            _("Unknown dimension “%(name)s”. Dimensions are: %(known)s.")
            % {"name": (name or "")[:40], "known": ", ".join(DIMENSIONS)}
        ) from None


# --- tables ---------------------------------------------------------------------------------


def as_shown(count: int | None) -> str:
    """A figure as a table cell: the number, or "<k" when suppressed."""
    return f"<{min_count()}" if count is None else str(count)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int | None  # None: suppressed
    share: float | None  # percent of the total, None when it cannot be shown

    @property
    def shown(self) -> str:
        return as_shown(self.count)


@dataclass(frozen=True)
class Table:
    by: str
    title: str
    rows: list[Row]
    total: Shown
    suppressed_below: int | None  # k when some figure may be suppressed for this reader
    multi: bool = False  # a case may count in several rows: the total is not their sum

    @property
    def total_shown(self) -> str:
        return as_shown(self.total.count)

    @property
    def any_suppressed(self) -> bool:
        return self.total.count is None or any(row.count is None for row in self.rows)


def _counted(scope: Scope, filters: Filters, dim: Dimension) -> QuerySet[Case]:
    return scope.counted.filter(filters.q()).filter(dim.base)


def _counts(scope: Scope, queryset: QuerySet, group: dict, *, distinct: bool) -> list[dict]:
    """One GROUP BY query: the number of cases per group, and how many the reader may open."""
    annotations = {"n": Count("pk", distinct=distinct)}
    if scope.visible is not None:
        annotations["seen"] = Count(
            "pk", distinct=distinct, filter=Q(pk__in=scope.visible.values("pk"))
        )
    return list(queryset.annotate(**group).values(*group).annotate(**annotations).order_by())


def _figure(scope: Scope, n: int, seen: int | None) -> Figure:
    return Figure(n, known=scope.visible is None or seen == n)


# Single-valued dimensions counted together in one GROUP BY (a "cube"): grouping by several
# columns at once costs one scan of the cases (and one evaluation of who may open each) for
# several tables; each table is then the sum of the cube's rows over its own key. The groups
# stay small because the columns of one cube are few and correlated (a branch has one region).
CUBES: tuple[tuple[str, ...], ...] = (
    ("region", "region_today", "branch", "confidentiality", "theme"),
    ("stage", "year"),
)
# Not in a cube: "outcome", "committee_outcome" and "followup" read correlated subqueries per
# case; grouped together, PostgreSQL evaluated them far more slowly than one at a time.


def _cube_of(name: str) -> tuple[str, ...]:
    for cube in CUBES:
        if name in cube:
            return cube
    return (name,)


class Counts:
    """The figures of one reader under one set of filters; each cube is queried once."""

    def __init__(self, user: User, filters: Filters | None = None) -> None:
        self.user = user
        self.filters = filters or Filters()
        self.scope = scope_for(user)
        self._cubes: dict[tuple[str, ...], list[dict]] = {}

    def _cube(self, names: tuple[str, ...]) -> list[dict]:
        if names not in self._cubes:
            # A shared cube flags each dimension's base (its rows serve several tables); a
            # query of its own keeps only the rows of its bases, so a per-case subquery (the
            # follow-up grade: cases with Views) runs for those cases, not for every case.
            shared = names in CUBES
            group: dict[str, object] = {}
            bases: list[Q] = []
            for name in names:
                dim = DIMENSIONS[name]
                group[f"k_{name}"] = dim.expression()
                if dim.base and shared:
                    group[f"in_{name}"] = _flag(dim.base)
                elif dim.base:
                    bases.append(dim.base)
            if self.scope.visible is not None:
                group["seen"] = _flag(Q(pk__in=self.scope.visible.values("pk")))
            queryset = self.scope.counted.filter(self.filters.q(), *bases)
            # Filters over articles join the violations: count each case once.
            count = Count("pk", distinct=self.filters.article is not None)
            self._cubes[names] = list(
                queryset.annotate(**group).values(*group).annotate(n=count).order_by()
            )
        return self._cubes[names]

    def grouped(self, names: tuple[str, ...]) -> dict[tuple[str, ...], list[int]]:
        """Cases per combination of keys of `names` (single-valued): [counted, may open]."""
        cube = _cube_of(names[0])
        if not set(names) <= set(cube):
            cube = names
        result: dict[tuple[str, ...], list[int]] = {}
        for row in self._cube(cube):
            if any(row.get(f"in_{name}", 1) == 0 for name in names):
                continue
            key = tuple(str(row[f"k_{name}"]) for name in names)
            acc = result.setdefault(key, [0, 0])
            acc[0] += row["n"]
            acc[1] += row["n"] if row.get("seen", 1) else 0
        return result

    def multi(self, dim: Dimension) -> tuple[list[dict], dict]:
        """A dimension where a case may have several keys: its groups and its own total."""
        queryset = self.scope.counted.filter(self.filters.q()).filter(dim.base)
        rows = _counts(self.scope, queryset, {"key": dim.expression()}, distinct=True)
        totals = _counts(self.scope, queryset, {"one": Value(1)}, distinct=True)
        return rows, (totals[0] if totals else {"n": 0, "seen": 0})

    def count_by(self, by: str) -> Table:
        """Cases per key of dimension `by`, suppressed for the reader (module docstring)."""
        dim = dimension(by)
        scope = self.scope
        if dim.multi:
            rows, total_row = self.multi(dim)
            figures = {str(row["key"]): _figure(scope, row["n"], row.get("seen")) for row in rows}
        else:
            groups = self.grouped((by,))
            figures = {key[0]: _figure(scope, n, seen) for key, (n, seen) in groups.items()}
            total_row = {
                "n": sum(n for n, _seen in groups.values()),
                "seen": sum(seen for _n, seen in groups.values()),
            }
        total = _figure(scope, total_row["n"], total_row.get("seen"))
        if by == "region":
            figures = _region_keys(figures)
        keys = [str(key) for key in dim.all_keys()]
        keys += sorted(set(figures) - set(keys), key=_sort_key)
        for key in keys:
            figures.setdefault(key, Figure(0, known=True))
        # The total is a line of its own only when each case falls under exactly one key.
        k = scope.k or 1
        shown, shown_total = suppress_list(figures, None if dim.multi else total, k=k)
        if dim.multi:
            shown_total = suppress_list({"t": total}, None, k=k)[0]["t"]
        labels = dim.labels(keys)
        labels.setdefault(NOT_RECORDED, _("Not recorded"))
        result = [
            Row(
                key=key,
                label=labels.get(key, key),
                count=shown[key].count,
                share=None if dim.multi else share(shown[key], shown_total),
            )
            for key in keys
        ]
        if by in ("region", "region_today"):  # alphabetical in the reader's language
            result.sort(key=lambda row: (row.key == NOT_RECORDED, row.label.casefold()))
        return Table(
            by=by,
            title=dim.title(),
            rows=result,
            total=shown_total,
            suppressed_below=scope.k,
            multi=dim.multi,
        )


def _flag(condition: Q) -> CaseWhen:
    return CaseWhen(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def count_by(user: User, by: str, filters: Filters | None = None) -> Table:
    """Cases per key of dimension `by`, suppressed for `user` as the module docstring says."""
    return Counts(user, filters).count_by(by)


def _sort_key(key: str):
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


@dataclass(frozen=True)
class CrossTable:
    rows_by: str
    columns_by: str
    title: str
    row_labels: list[tuple[str, str]]
    column_labels: list[tuple[str, str]]
    table: CrossTab
    suppressed_below: int | None

    def shown(self, figure: Shown) -> str:
        return as_shown(figure.count)

    @property
    def lines(self) -> list[tuple[str, list[str], str]]:
        """Each row: its label, its cells as shown, its total as shown."""
        return [
            (
                label,
                [self.shown(self.table.cells[(key, column)]) for column, _l in self.column_labels],
                self.shown(self.table.row_totals[key]),
            )
            for key, label in self.row_labels
        ]

    @property
    def total_shown(self) -> str:
        return as_shown(self.table.total.count)

    @property
    def column_totals(self) -> list[str]:
        return [self.shown(self.table.column_totals[key]) for key, _l in self.column_labels]


def crosstab(
    user: User,
    rows_by: str,
    columns_by: str,
    filters: Filters | None = None,
    *,
    counts: Counts | None = None,
) -> CrossTable:
    """Cases per pair of keys of two dimensions, with both margins, suppressed together."""
    if rows_by not in CROSSABLE or columns_by not in CROSSABLE or rows_by == columns_by:
        raise UnknownDimension(
            _("Two different dimensions can be crossed, from: %(known)s.")
            % {"known": ", ".join(CROSSABLE)}
        )
    row_dim, col_dim = DIMENSIONS[rows_by], DIMENSIONS[columns_by]
    counts = counts or Counts(user, filters)
    scope = counts.scope
    cells: dict[tuple[str, str], Figure] = {}
    row_sums: dict[str, list[int]] = {}
    col_sums: dict[str, list[int]] = {}
    all_sum = [0, 0]
    for key, (n, seen) in counts.grouped((rows_by, columns_by)).items():
        cells[key] = _figure(scope, n, seen)
        for sums, k in ((row_sums, key[0]), (col_sums, key[1])):
            acc = sums.setdefault(k, [0, 0])
            acc[0] += n
            acc[1] += seen
        all_sum[0] += n
        all_sum[1] += seen

    def keys_of(dim: Dimension, present: set[str]) -> list[str]:
        keys = [str(key) for key in dim.all_keys()]
        return keys + sorted(present - set(keys), key=_sort_key)

    row_keys = keys_of(row_dim, set(row_sums))
    col_keys = keys_of(col_dim, set(col_sums))
    # Rows and columns without a single case are left out: they would only add zeros.
    row_keys = [key for key in row_keys if key in row_sums]
    col_keys = [key for key in col_keys if key in col_sums]

    def figure(acc: list[int]) -> Figure:
        return _figure(scope, acc[0], acc[1])

    table = suppress_crosstab(
        cells,
        {key: figure(row_sums[key]) for key in row_keys},
        {key: figure(col_sums[key]) for key in col_keys},
        figure(all_sum),
        k=scope.k or 1,
    )
    row_names, col_names = row_dim.labels(row_keys), col_dim.labels(col_keys)
    for names in (row_names, col_names):
        names.setdefault(NOT_RECORDED, _("Not recorded"))
    return CrossTable(
        rows_by=rows_by,
        columns_by=columns_by,
        title=_("%(rows)s × %(columns)s") % {"rows": row_dim.title(), "columns": col_dim.title()},
        row_labels=[(key, row_names.get(key, key)) for key in row_keys],
        column_labels=[(key, col_names.get(key, key)) for key in col_keys],
        table=table,
        suppressed_below=scope.k,
    )


# --- durations and the trend ----------------------------------------------------------------


@dataclass(frozen=True)
class Duration:
    label: str
    cases: int | None
    q1: float | None
    median: float | None
    q3: float | None


def _quartiles(days: list[int]) -> tuple[float, float, float]:
    if len(days) == 1:
        return float(days[0]), float(days[0]), float(days[0])
    q1, median, q3 = statistics.quantiles(days, n=4, method="inclusive")
    return q1, median, q3


def durations(user: User, filters: Filters | None = None) -> list[Duration]:
    """Days from intake to submission, and from submission to the Views: quartiles.

    Only cases with both dates count. A duration over fewer than k cases the reader may not
    open is not shown (a median of two cases is nearly their dates).
    """
    filters = filters or Filters()
    scope = scope_for(user)
    base = scope.counted.filter(filters.q())
    if filters.article is not None:
        base = base.distinct()
    spans = [
        (
            _("Intake to submission to the Committee"),
            base.filter(communication__submitted_on__isnull=False),
            "opened_on",
            "communication__submitted_on",
        ),
        (
            _("Submission to the Committee's Views"),
            base.filter(
                communication__outcome=CommitteeOutcome.VIEWS,
                communication__decided_on__isnull=False,
                communication__submitted_on__isnull=False,
            ),
            "communication__submitted_on",
            "communication__decided_on",
        ),
    ]
    visible_ids = None
    if scope.visible is not None:
        visible_ids = Q(pk__in=scope.visible.values("pk"))
    result = []
    for label, queryset, start, end in spans:
        fields_ = [start, end]
        if visible_ids is not None:
            queryset = queryset.annotate(
                seen=CaseWhen(When(visible_ids, then=Value(1)), default=Value(0))
            )
            fields_.append("seen")
        rows = list(queryset.values_list(*fields_))
        days = sorted((row[1] - row[0]).days for row in rows if row[1] >= row[0])
        known = visible_ids is None or all(row[2] for row in rows)
        hide = not known and len(days) < min_count()
        if not days or hide:
            result.append(Duration(label, None if hide else 0, None, None, None))
            continue
        q1, median, q3 = _quartiles(days)
        result.append(Duration(label, len(days), q1, median, q3))
    return result


@dataclass(frozen=True)
class TrendPoint:
    month: dt.date
    opened: int | None
    closed: int | None


def workload_trend(
    user: User, filters: Filters | None = None, *, months: int = 24
) -> list[TrendPoint]:
    """Cases opened and closed per month, over the last `months` months (two queries)."""
    filters = filters or Filters()
    scope = scope_for(user)
    today = timezone.localdate()
    first = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    base = scope.counted.filter(filters.q())
    distinct = filters.article is not None
    series = {}
    for name, field_name in (("opened", "opened_on"), ("closed", "closed_on")):
        queryset = base.filter(**{f"{field_name}__gte": first})
        rows = _counts(scope, queryset, {"month": TruncMonth(field_name)}, distinct=distinct)
        figures = {
            _as_date(row["month"]): _figure(scope, row["n"], row.get("seen")) for row in rows
        }
        shown, _t = suppress_list(figures, None, k=scope.k or 1)
        series[name] = {month: figure.count for month, figure in shown.items()}
    points = []
    month = first
    while month <= today:
        points.append(
            TrendPoint(month, series["opened"].get(month, 0), series["closed"].get(month, 0))
        )
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return points


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
