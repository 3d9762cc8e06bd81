"""Reads of the register and of a case's follow-up, through the one permission filter.

The register is organisation knowledge: every member of staff reads it. A Views' remedy is case
data: it is listed only to users who may see its case (`cases_visible_to`), and so are the links
of any recommendation to cases.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from casework.documents import documents_visible_to
from casework.models import Case, Role, User
from casework.selectors import cases_visible_to

from .models import (
    Assessment,
    DialogueStatusChange,
    FollowUpGrade,
    ImplementationStatus,
    Recommendation,
)

EDITOR_ROLES = (Role.ANALYST, Role.SUPERVISOR)


def can_edit_register(user: User) -> bool:
    """Analysts and supervisors keep the register (issue 16); everyone else reads it."""
    return bool(user.is_authenticated and user.has_role(*EDITOR_ROLES))


def _latest(field_name: str, *, on: dt.date | None = None) -> Subquery:
    rows = Assessment.objects.filter(recommendation=OuterRef("pk"))
    if on is not None:
        rows = rows.filter(assessed_on__lte=on)
    return Subquery(rows.order_by("-assessed_on", "-id").values(field_name)[:1])


def recommendations_visible_to(user: User) -> QuerySet[Recommendation]:
    """The register for `user`: every recommendation, and the Views' remedies of visible cases.

    Annotated with `current_status` and `current_on` (the latest assessment: issue 16, "a
    recommendation's current status is its latest assessment").
    """
    visible = cases_visible_to(user).values("pk")
    return (
        Recommendation.objects.filter(Q(case__isnull=True) | Q(case__in=visible))
        .select_related("mechanism", "case")
        .annotate(current_status=_latest("status"), current_on=_latest("assessed_on"))
    )


def visible_case_links(user: User, recommendation: Recommendation) -> list[Case]:
    """The cases a recommendation is linked to that `user` may see (others are not mentioned)."""
    visible = cases_visible_to(user).values("pk")
    return list(recommendation.related_cases.filter(pk__in=visible).order_by("reference"))


def visible_remedy_links(user: User, recommendation: Recommendation) -> list[Recommendation]:
    visible = cases_visible_to(user).values("pk")
    return list(
        recommendation.related_remedies.filter(case__in=visible).select_related("case", "mechanism")
    )


def linkable_remedies(user: User, recommendation: Recommendation) -> list[Recommendation]:
    """Views' remedies of cases `user` may open that the recommendation is not yet linked to."""
    visible = cases_visible_to(user).values("pk")
    return list(
        Recommendation.objects.filter(case__in=visible)
        .exclude(pk__in=recommendation.related_remedies.values("pk"))
        .select_related("case")
        .order_by("case__reference", "pk")
    )


def timeline(recommendation: Recommendation, user: User) -> list[Assessment]:
    """Assessments oldest first, with their grade, author and the evidence documents `user`
    may open (`shown_documents`): a restricted annex of the case is not even named to others."""
    assessments = list(
        recommendation.assessments.select_related("grade", "assessed_by")
        .prefetch_related("documents")
        .order_by("assessed_on", "id")
    )
    visible: set[int] = set()
    if recommendation.case_id is not None and any(a.documents.all() for a in assessments):
        visible = set(documents_visible_to(user, recommendation.case).values_list("pk", flat=True))
    for assessment in assessments:
        assessment.shown_documents = [d for d in assessment.documents.all() if d.pk in visible]
    return assessments


def grades(*, include_old: bool = True) -> QuerySet[FollowUpGrade]:
    rows = FollowUpGrade.objects.all()
    return rows if include_old else rows.filter(current=True)


# --- a case's follow-up --------------------------------------------------------------------


@dataclass
class RemedyRow:
    remedy: Recommendation
    cells: list[Assessment | None]


@dataclass
class FollowUpMatrix:
    """Remedies × assessment dates → grade (the case's follow-up tab)."""

    dates: list[dt.date]
    rows: list[RemedyRow]


def case_remedies(case: Case) -> list[Recommendation]:
    """The remedies the Views in `case` ordered, with their assessments (caller checked access)."""
    assessments = Assessment.objects.select_related("grade", "assessed_by").prefetch_related(
        "documents"
    )
    return list(
        Recommendation.objects.filter(case=case)
        .select_related("mechanism")
        .prefetch_related(Prefetch("assessments", queryset=assessments))
        .order_by("id")
    )


def follow_up_matrix(remedies: list[Recommendation]) -> FollowUpMatrix:
    dates = sorted({a.assessed_on for remedy in remedies for a in remedy.assessments.all()})
    rows = []
    for remedy in remedies:
        by_date: dict[dt.date, Assessment] = {}
        # Oldest first so that the latest assessment of a day wins its cell.
        for assessment in sorted(remedy.assessments.all(), key=lambda a: (a.assessed_on, a.id)):
            by_date[assessment.assessed_on] = assessment
        rows.append(RemedyRow(remedy, [by_date.get(day) for day in dates]))
    return FollowUpMatrix(dates, rows)


def dialogue_history(case: Case) -> list[DialogueStatusChange]:
    return list(case.follow_up_dialogue.select_related("recorded_by"))


def dialogue_status(case: Case) -> DialogueStatusChange | None:
    return case.follow_up_dialogue.first()


# --- the dashboard -------------------------------------------------------------------------


@dataclass
class Dashboard:
    total: int
    by_status: dict[str, int]
    year_ago: dict[str, int]
    on: dt.date
    a_year_before: dt.date
    by_theme: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    by_mechanism: list[tuple[str, dict[str, int]]] = field(default_factory=list)

    def change(self) -> list[tuple[str, str, int, int, int]]:
        """(status, label, now, a year ago, difference) for every status."""
        return [
            (
                value,
                label,
                self.by_status.get(value, 0),
                self.year_ago.get(value, 0),
                self.by_status.get(value, 0) - self.year_ago.get(value, 0),
            )
            for value, label in ImplementationStatus.choices
        ]


UNASSESSED = ImplementationStatus.NO_INFORMATION


def dashboard(
    user: User, *, on: dt.date | None = None, theme: str = "", article: int | None = None
) -> Dashboard:
    """Counts of the monitored recommendations by status, theme and mechanism; a year's change.

    A recommendation never assessed counts as "no information". `theme` (a code) and `article`
    (a number) narrow it as the statistics page's filters do. Four queries whatever the size.
    """
    on = on or timezone.localdate()
    a_year_before = on - dt.timedelta(days=365)
    monitored = recommendations_visible_to(user).filter(monitored=True)
    if theme:
        monitored = monitored.filter(themes__code=theme)
    if article is not None:
        monitored = monitored.filter(articles__number=article)
    rows = list(
        monitored.distinct()
        .annotate(year_ago_status=_latest("status", on=a_year_before))
        .prefetch_related("themes")
    )
    now = Counter((r.current_status or UNASSESSED) for r in rows)
    before = Counter(
        (r.year_ago_status or UNASSESSED)
        for r in rows
        if (r.issued_on or r.created_at.date()) <= a_year_before
    )
    themes: dict[str, Counter] = defaultdict(Counter)
    mechanisms: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        status = r.current_status or UNASSESSED
        for theme in r.themes.all():
            themes[theme.name][status] += 1
        mechanisms[r.mechanism.abbreviation][status] += 1
    return Dashboard(
        total=len(rows),
        by_status=dict(now),
        year_ago=dict(before),
        on=on,
        a_year_before=a_year_before,
        by_theme=sorted((name, dict(c)) for name, c in themes.items()),
        by_mechanism=sorted((name, dict(c)) for name, c in mechanisms.items()),
    )
