"""The filters of the statistics pages, the API and the exports: parsed once, checked clearly.

`parse_filters(query)` turns a query string into `Filters` or raises `FilterError` with a
message that says which parameter is wrong and what it accepts (the API answers it with 400;
the page shows it above the figures).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from django.db.models import Q
from django.utils.translation import gettext as _

from casework.models import Branch, Confidentiality, CovenantArticle, Region, Theme


class FilterError(ValueError):
    """A parameter the statistics do not know, or a value they cannot use."""


@dataclass(frozen=True)
class Filters:
    """What the figures are restricted to; empty values mean "all"."""

    opened_from: dt.date | None = None
    opened_to: dt.date | None = None
    branch: str = ""
    theme: str = ""
    article: int | None = None
    confidentiality: str = ""
    region: str = ""  # an ISO 3166-2 code: today's region and the former one of the same code

    def q(self) -> Q:
        """The condition on `Case` these filters stand for."""
        q = Q()
        if self.opened_from:
            q &= Q(opened_on__gte=self.opened_from)
        if self.opened_to:
            q &= Q(opened_on__lte=self.opened_to)
        if self.branch:
            q &= Q(branch__code=self.branch)
        if self.theme:
            q &= Q(theme__code=self.theme)
        if self.article is not None:
            q &= Q(violations__article__number=self.article)
        if self.confidentiality:
            q &= Q(confidentiality=self.confidentiality)
        if self.region:
            q &= Q(violation_region__code=self.region)
        return q

    def as_query(self) -> dict[str, str]:
        """The filters as query parameters (for links and the access log)."""
        values = {
            "from": self.opened_from.isoformat() if self.opened_from else "",
            "to": self.opened_to.isoformat() if self.opened_to else "",
            "branch": self.branch,
            "theme": self.theme,
            "article": str(self.article) if self.article is not None else "",
            "confidentiality": self.confidentiality,
            "region": self.region,
        }
        return {key: value for key, value in values.items() if value}

    @property
    def is_empty(self) -> bool:
        return all(not getattr(self, f.name) for f in fields(self))


FILTER_PARAMETERS = ("from", "to", "branch", "theme", "article", "confidentiality", "region")


def _date(name: str, value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(
            _("“%(name)s” must be a date written YYYY-MM-DD, not “%(value)s”.")
            % {"name": name, "value": value[:40]}
        ) from None


def parse_filters(query: Mapping[str, str], *, allowed: tuple[str, ...] = ()) -> Filters:
    """The filters in `query`; parameters in `allowed` (e.g. `by`, `format`) are not filters."""
    unknown = sorted(set(query) - set(FILTER_PARAMETERS) - set(allowed))
    if unknown:
        raise FilterError(
            _("Unknown parameter “%(name)s”. Filters are: %(known)s.")
            % {"name": unknown[0][:40], "known": ", ".join(FILTER_PARAMETERS)}
        )
    get = {key: (query.get(key) or "").strip() for key in FILTER_PARAMETERS}
    opened_from, opened_to = _date("from", get["from"]), _date("to", get["to"])
    if opened_from and opened_to and opened_to < opened_from:
        raise FilterError(_("The period ends before it begins."))
    if get["branch"] and not Branch.objects.filter(code=get["branch"]).exists():
        raise FilterError(
            _("There is no branch with the code “%(code)s”.") % {"code": get["branch"][:40]}
        )
    if get["theme"] and not Theme.objects.filter(code=get["theme"]).exists():
        raise FilterError(
            _("There is no theme with the code “%(code)s”.") % {"code": get["theme"][:40]}
        )
    article = None
    if get["article"]:
        if (
            not get["article"].isdigit()
            or not CovenantArticle.objects.filter(number=int(get["article"])).exists()
        ):
            raise FilterError(
                _("“article” must be the number of a Covenant article (1 to 27), not “%(value)s”.")
                % {"value": get["article"][:40]}
            )
        article = int(get["article"])
    if get["confidentiality"] and get["confidentiality"] not in Confidentiality.values:
        raise FilterError(
            _("“confidentiality” must be one of: %(known)s.")
            % {"known": ", ".join(Confidentiality.values)}
        )
    if get["region"] and not Region.objects.filter(code=get["region"]).exists():
        raise FilterError(
            _("There is no region with the ISO 3166-2 code “%(code)s”.")
            % {"code": get["region"][:40]}
        )
    return Filters(
        opened_from=opened_from,
        opened_to=opened_to,
        branch=get["branch"],
        theme=get["theme"],
        article=article,
        confidentiality=get["confidentiality"],
        region=get["region"],
    )
