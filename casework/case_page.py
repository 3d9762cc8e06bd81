"""The frame of every case page: its tabs, what every case template needs, and the read log.

Every page that shows a case — casework's tabs, the deadlines and communication tabs, task pages
of the litigation flow — builds its context with `case_context()`, which writes the access-log
row of the read (`log_case_read`). A page that renders a case therefore cannot forget the log,
whatever the HTTP method: the row is written when the context is built, i.e. when the case is
about to be shown.

The tabs are a static list: every app is always installed, so a registry would only hide where a
tab comes from. Other apps' panels on the case pages are inclusion tags of those apps, loaded by
the case templates (`deadlines`, `workflow_tags`, `communication_tags`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from . import selectors, services
from .identity import IdentityMask
from .models import AccessAction, Case


@dataclass(frozen=True)
class CaseTab:
    key: str
    label: str
    url_name: str


TABS = (
    CaseTab("overview", gettext_lazy("Overview"), "cases:detail"),
    CaseTab("parties", gettext_lazy("Parties"), "cases:parties"),
    CaseTab("violations", gettext_lazy("Violations"), "cases:violations"),
    CaseTab("proceedings", gettext_lazy("Proceedings"), "cases:proceedings"),
    CaseTab("documents", gettext_lazy("Documents"), "cases:documents"),
    CaseTab("authorisations", gettext_lazy("Authorisations"), "cases:authorisations"),
    CaseTab("activities", gettext_lazy("Activities"), "cases:activities"),
    CaseTab("team", gettext_lazy("Team"), "cases:team"),
    CaseTab("history", gettext_lazy("History"), "cases:history"),
    CaseTab("deadlines", gettext_lazy("Deadlines"), "cases:deadlines"),
    CaseTab("communication", gettext_lazy("Communication"), "cases:communication"),
    CaseTab("follow_up", gettext_lazy("Follow-up"), "cases:follow_up"),
    CaseTab("publication", gettext_lazy("Publication"), "cases:publication"),
)
# Tabs that show people's names (and so log VIEW_IDENTITY on restricted and secret cases).
IDENTITY_TABS = frozenset({"overview", "parties", "authorisations", "history"})


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def log_case_read(
    request: HttpRequest, case: Case, what: str, *, identity_shown: bool = False
) -> None:
    """Write the access-log row of a page that shows `case` (restricted and secret cases).

    `identity_shown`: the page shows the names of the client and victim unmasked — the read that
    can endanger someone, logged as its own row.
    """
    ip = client_ip(request)
    services.log_access(
        user=request.user, case=case, action=AccessAction.VIEW_CASE, obj=what, ip=ip
    )
    if identity_shown:
        services.log_access(
            user=request.user, case=case, action=AccessAction.VIEW_IDENTITY, obj=what, ip=ip
        )


def case_context(
    request: HttpRequest, case: Case, tab: str, *, log: bool = True, parties=None
) -> dict[str, Any]:
    """What every case page needs: permissions, identity mask, tabs — and the read logged.

    `log=False` only for a page that writes a more precise row itself (a download).
    """
    perms = selectors.case_permissions(request.user, case)
    mask = IdentityMask.for_case(case, reveal=selectors.VIEW_IDENTITY in perms, parties=parties)
    if log:
        log_case_read(request, case, tab, identity_shown=mask.reveal and tab in IDENTITY_TABS)
    tabs = [
        {
            "key": item.key,
            "label": item.label,
            "url": reverse(item.url_name, kwargs={"reference": case.reference}),
        }
        for item in TABS
    ]
    return {
        "case": case,
        "case_perms": perms,
        "mask": mask,
        "can_change": selectors.CHANGE in perms,
        "can_manage_team": selectors.MANAGE_TEAM in perms,
        "can_view_identity": selectors.VIEW_IDENTITY in perms,
        "tabs": tabs,
        "active_tab": tab,
    }
