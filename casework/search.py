"""Searching and filtering the case list, on top of `selectors.cases_visible_to`.

A search matches a substring of the reference, title, summary, respondent authority, court case
number or a person's name, or the words of the title and summary in any of their forms
(casework.fulltext).

The search must never reveal a masked name: a person's name matches only on cases where the
searching user holds "view identity". Everything else (reference, title, summary, the respondent
authority, a court case number) matches on every case the user may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet, lookups

from .fulltext import CaseTextMatches
from .models import (
    AllegedViolation,
    Branch,
    Case,
    CaseParty,
    CovenantArticle,
    PartyRole,
    Proceeding,
    Theme,
    User,
)
from .selectors import VIEW_IDENTITY, cases_visible_to, granted_case_ids


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    branch: Branch | None = None
    stage: str = ""
    theme: Theme | None = None
    article: CovenantArticle | None = None
    confidentiality: str = ""
    mine: bool = False

    def article_cases(self) -> QuerySet:
        """Cases alleging the article, alone or read in conjunction with another."""
        return AllegedViolation.objects.filter(
            Q(article=self.article) | Q(read_with=self.article)
        ).values("case_id")


def search_cases(user: User, filters: CaseFilters) -> QuerySet[Case]:
    """The cases `user` may see that match `filters`, ready for the list page."""
    cases = cases_visible_to(user)
    if filters.branch:
        cases = cases.filter(branch=filters.branch)
    if filters.stage:
        cases = cases.filter(stage=filters.stage)
    if filters.theme:
        cases = cases.filter(theme=filters.theme)
    if filters.confidentiality:
        cases = cases.filter(confidentiality=filters.confidentiality)
    if filters.mine:
        cases = cases.filter(responsible_lawyer=user)
    if filters.article:
        cases = cases.filter(pk__in=filters.article_cases())
    q = filters.q.strip()
    if q:
        cases = cases.filter(pk__in=_matching_case_ids(user, q))
    return cases.select_related("branch", "theme", "responsible_lawyer")


def _matching_case_ids(user: User, q: str) -> QuerySet:
    """The ids of cases whose text matches `q`, as one UNION of index-friendly selects.

    One select per table rather than one OR over the case row and `IN (…)` subqueries: an OR
    that mixes columns and subqueries forces PostgreSQL to read every case, while each select
    of the union can use its trigram index (migration casework 0023).
    """
    own = Case.objects.filter(
        Q(reference__icontains=q) | Q(title__icontains=q) | Q(summary__icontains=q)
    ).values("pk")
    # Words in any of their forms ("пытки" finds "пыткам"): full-text, its own GIN indexes.
    words = Case.objects.filter(CaseTextMatches(q)).values("pk")
    respondents = CaseParty.objects.filter(
        role=PartyRole.RESPONDENT, authority_name__icontains=q
    ).values("case_id")
    proceedings = Proceeding.objects.filter(court_case_number__icontains=q).values("case_id")
    # Names match only where the user may read them (explicit "view identity" grant).
    names = CaseParty.objects.filter(
        Q(person__full_name__icontains=q)
        | Q(person__full_name_latin__icontains=q)
        | Q(person__full_name_cyrillic__icontains=q),
        case_id__in=granted_case_ids(user, VIEW_IDENTITY),
    ).values("case_id")
    selects = [part.order_by() for part in (own, words, respondents, proceedings, names)]
    return selects[0].union(*selects[1:])


# --- Case-insensitive matching of any script on SQLite ---------------------------------------
# SQLite's LIKE and lower() fold ASCII letters only, so "қасымов" would not find "Қасымов" there
# while PostgreSQL's UPPER(...) LIKE UPPER(...) does. On SQLite, `icontains` compares Python's
# str.casefold() of both sides instead (a function registered on each new connection); on
# PostgreSQL nothing changes. Registered in CaseworkConfig.ready() for every text field.


def _casefold(value: str | None) -> str | None:
    return None if value is None else str(value).casefold()


def register_sqlite_casefold(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: give SQLite connections `remedy_casefold(text)`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("remedy_casefold", 1, _casefold, deterministic=True)


class CasefoldIContains(lookups.IContains):
    """`icontains` that folds every script's case on SQLite, as PostgreSQL does."""

    def as_sqlite(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        params = (*lhs_params, *rhs_params)
        return f"remedy_casefold({lhs_sql}) LIKE remedy_casefold({rhs_sql}) ESCAPE '\\'", params
