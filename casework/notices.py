"""Notices: short messages to a user about something they must know (a break-glass grant).

`notify` writes them (services call it inside their transaction); `unread_for` reads them for
the banner on every page (`casework.context_processors.notices`), masked for the reader: a
notice about a case the reader cannot open says that something happened and who did it, never
the case's reference or the reason (which may describe the case). A recipient marks the notices
of a case as read by opening that case's team tab, where the grant is to be reviewed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import Case, Notice, Role, User
from .selectors import cases_visible_to

# The banner shows the newest few.
BANNER_SIZE = 5
# A notice about a case the recipient cannot open cannot be reviewed (its team tab is closed to
# them), so it leaves the banner after this long instead of staying forever.
MASKED_NOTICE_DAYS = 14


def administrators() -> list[User]:
    return list(User.objects.filter(is_active=True, groups__name=Role.ADMINISTRATOR).distinct())


def notify(
    *,
    recipients: Iterable[User | None],
    kind: str,
    case: Case | None,
    actor: User | None,
    text: str,
) -> list[Notice]:
    """One notice per distinct active recipient; the actor is never told about themselves."""
    seen: set[int] = set()
    created = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        seen.add(user.pk)
        created.append(
            Notice.objects.create(
                recipient=user, kind=kind, case=case, actor=actor, text=text[:500]
            )
        )
    return created


@dataclass(frozen=True)
class ShownNotice:
    """A notice as its recipient may read it."""

    pk: int
    kind: str
    kind_label: str
    created_at: dt.datetime
    actor: User | None
    case_reference: str  # "" when the recipient cannot open the case
    url: str  # the case's team tab, or ""
    reason: str  # "" when the recipient cannot open the case


def unread_for(user: User, *, limit: int = BANNER_SIZE) -> list[ShownNotice]:
    """The newest unread notices of `user`, masked by what `user` may open. One query if none."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = list(
        Notice.objects.filter(recipient=user, read_at__isnull=True)
        .select_related("case", "actor")
        .order_by("-created_at", "-id")[:limit]
    )
    if not rows:
        return []
    case_ids = {row.case_id for row in rows if row.case_id}
    visible = set(cases_visible_to(user).filter(pk__in=case_ids).values_list("pk", flat=True))
    stale = timezone.now() - dt.timedelta(days=MASKED_NOTICE_DAYS)
    shown = []
    for row in rows:
        may_open = row.case_id in visible
        if not may_open and row.created_at < stale:
            continue
        shown.append(
            ShownNotice(
                pk=row.pk,
                kind=row.kind,
                kind_label=row.get_kind_display(),
                created_at=row.created_at,
                actor=row.actor,
                case_reference=row.case.reference if may_open else "",
                url=reverse("cases:team", kwargs={"reference": row.case.reference})
                if may_open
                else "",
                reason=row.text if may_open else "",
            )
        )
    return shown


def mark_case_notices_read(*, user: User, case: Case) -> int:
    """The recipient has opened the case's team tab: its notices have been seen."""
    return Notice.objects.filter(Q(recipient=user) & Q(case=case) & Q(read_at__isnull=True)).update(
        read_at=timezone.now()
    )
