"""Reading cases: the one place that decides which cases a user may see.

Every list, search, count, autocomplete, history page, download and export goes through
`cases_visible_to` (or `get_case_for`), so a permission rule lives here and nowhere else.
A case a user may not see is reported as "not found" (404): we never confirm it exists.
"""

from __future__ import annotations

import itertools

from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import get_users_with_perms

from .models import (
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Confidentiality,
    Role,
    User,
)

VIEW = "view_case"
CHANGE = "change_case"
MANAGE_TEAM = "manage_case_team"
VIEW_IDENTITY = "view_case_identity"
CASE_PERMISSIONS = (VIEW, CHANGE, MANAGE_TEAM, VIEW_IDENTITY)
PERMISSION_LABELS = {
    VIEW: _("View the case"),
    CHANGE: _("Change the case"),
    MANAGE_TEAM: _("Manage the team"),
    VIEW_IDENTITY: _("See client and victim identities"),
}


def _grant_rows(model, user: User, perms: tuple[str, ...]) -> QuerySet:
    rows = model.objects.filter(
        permission__codename__in=perms, permission__content_type__app_label="casework"
    )
    if model is CaseUserObjectPermission:
        return rows.filter(user=user)
    return rows.filter(group__user=user)


def granted_case_ids(user: User, perm: str) -> QuerySet:
    """Ids of the cases on which `user` holds an explicit grant of `perm` (no role rules).

    An indexed lookup on the direct-foreign-key grant tables (the user's own grants and their
    groups'); use it inside `pk__in=`.
    """
    user_rows = _grant_rows(CaseUserObjectPermission, user, (perm,)).values("content_object_id")
    group_rows = _grant_rows(CaseGroupObjectPermission, user, (perm,)).values("content_object_id")
    # A UNION of the two index lookups: the planner semi-joins a small set of ids instead of
    # testing every case against two subplans.
    return user_rows.union(group_rows)


def _role_visibility(user: User, prefix: str = "") -> Q | None:
    """The cases a user's role opens without a grant (the role half of `cases_visible_to`)."""
    normal = {f"{prefix}confidentiality": Confidentiality.NORMAL}
    if user.has_role(Role.SUPERVISOR, Role.ADMINISTRATOR):
        return Q(**normal)
    if user.has_role(Role.BRANCH_HEAD) and user.branch_id:
        return Q(**normal, **{f"{prefix}branch_id": user.branch_id})
    return None


def _role_sees(user: User, case: Case) -> bool:
    """`_role_visibility` for one case already loaded: the same rule, without a query."""
    if case.confidentiality != Confidentiality.NORMAL:
        return False
    if user.has_role(Role.SUPERVISOR, Role.ADMINISTRATOR):
        return True
    return bool(
        user.has_role(Role.BRANCH_HEAD) and user.branch_id and case.branch_id == user.branch_id
    )


def administrators() -> list[User]:
    """The active administrators: told of break-glass grants and security alerts."""
    return list(User.objects.filter(is_active=True, groups__name=Role.ADMINISTRATOR).distinct())


def cases_visible_to(user: User) -> QuerySet[Case]:
    """All cases `user` may open.

    - An explicit grant (guardian object permission `view_case`) opens any case.
    - Supervisors and administrators oversee every *normal* case of the organisation.
    - Branch heads oversee the normal cases of their own branch.
    - Restricted and secret cases open only by explicit grant, whatever the role.
    - Analysts see statistics, never case files.
    """
    visible = visibility_filter(user)
    if visible is None:
        return Case.objects.none()
    return Case.objects.filter(visible)


def visibility_filter(user: User, prefix: str = "") -> Q | None:
    """`cases_visible_to` as a filter on a case reached through `prefix` (e.g.
    "process__caseprocess__case__"), so that a list of tasks or deadlines filters the case rows
    it joins anyway instead of semi-joining every visible case. None: nothing is visible.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    visible = Q(**{f"{prefix}pk__in": granted_case_ids(user, VIEW)})
    by_role = _role_visibility(user, prefix)
    if by_role is not None:
        visible |= by_role
    return visible


# Grants change rarely and are read on every page, several times: a user's permissions on a case
# are computed once and kept on the user object (one request's lifetime). Any grant saved or
# deleted, and any change of a user's groups, in this process, moves the generation on, so a
# memo never outlives a change made in the same request (or test).
_generation = itertools.count()
_current_generation = [next(_generation)]


@receiver(post_save, sender=CaseUserObjectPermission)
@receiver(post_delete, sender=CaseUserObjectPermission)
@receiver(post_save, sender=CaseGroupObjectPermission)
@receiver(post_delete, sender=CaseGroupObjectPermission)
@receiver(m2m_changed, sender=User.groups.through)
def _grants_changed(**kwargs) -> None:
    _current_generation[0] = next(_generation)


def _explicit_perms(user: User, case: Case) -> set[str]:
    """The case permissions granted to `user` (or their groups) on `case`: one query."""
    user_rows = CaseUserObjectPermission.objects.filter(user=user, content_object_id=case.pk)
    group_rows = CaseGroupObjectPermission.objects.filter(
        group__user=user, content_object_id=case.pk
    )
    return set(
        Permission.objects.filter(
            Q(pk__in=user_rows.values("permission_id"))
            | Q(pk__in=group_rows.values("permission_id")),
            codename__in=CASE_PERMISSIONS,
        ).values_list("codename", flat=True)
    )


def case_permissions(user: User, case: Case) -> set[str]:
    """The case permissions `user` holds on `case`, role-derived ones included.

    Memoised per user object (in a view: per request); see `_grants_changed`.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(_memo(user, case)[1])


def explicit_case_permissions(user: User, case: Case) -> set[str]:
    """Only the permissions granted on `case` to `user` or their groups (no role rules):
    e.g. restricted documents open to the case team alone. Memoised like `case_permissions`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(_memo(user, case)[0])


def _memo(user: User, case: Case) -> tuple[frozenset[str], frozenset[str]]:
    key = (case.pk, case.confidentiality, case.branch_id, user.branch_id, _current_generation[0])
    memo = getattr(user, "_case_permissions_memo", None)
    if memo is None:
        memo = user._case_permissions_memo = {}
    if key not in memo:
        explicit = _explicit_perms(user, case)
        memo[key] = (
            frozenset(explicit),
            frozenset(_compute_case_permissions(user, case, explicit)),
        )
    return memo[key]


def count_each(**querysets: QuerySet) -> dict[str, int]:
    """Count several querysets in one query (e.g. the record counts of a case's tabs)."""
    if not querysets:
        return {}
    counts = {
        f"count_{name}": Coalesce(
            Subquery(
                queryset.order_by()
                .annotate(_one=Value(1))
                .values("_one")
                .annotate(n=Count("*"))
                .values("n")[:1]
            ),
            0,
        )
        for name, queryset in querysets.items()
    }
    row = next(iter(Case.objects.annotate(**counts).values(*counts)[:1]), None)
    if row is None:  # no case at all: count each on its own
        return {name: queryset.count() for name, queryset in querysets.items()}
    return {name: row[f"count_{name}"] for name in querysets}


def _compute_case_permissions(user: User, case: Case, explicit: set[str]) -> set[str]:
    perms = set(explicit)
    if VIEW not in perms and _role_sees(user, case):
        perms.add(VIEW)
    # Supervisors screen and staff every normal case; the team is theirs to manage.
    if (
        case.confidentiality == Confidentiality.NORMAL
        and user.has_role(Role.SUPERVISOR)
        and VIEW in perms
    ):
        perms.add(MANAGE_TEAM)
    if VIEW not in perms:
        return set()
    return perms


def can_view_case(user: User, case: Case) -> bool:
    return VIEW in case_permissions(user, case)


def can_change_case(user: User, case: Case) -> bool:
    return CHANGE in case_permissions(user, case)


def can_manage_team(user: User, case: Case) -> bool:
    return MANAGE_TEAM in case_permissions(user, case)


def can_view_identity(user: User, case: Case) -> bool:
    return VIEW_IDENTITY in case_permissions(user, case)


def get_case_for(user: User, reference: str, *, perm: str = VIEW) -> Case:
    """The case with `reference` if `user` holds `perm` on it; otherwise 404, never 403."""
    case = cases_visible_to(user).select_related(
        "branch", "theme", "responsible_lawyer", "violation_region"
    )
    case = case.filter(reference=reference).first()
    if case is None or (perm != VIEW and perm not in case_permissions(user, case)):
        raise Http404("No such case.")
    return case


def case_team(case: Case) -> list[tuple[User, set[str]]]:
    """Users holding explicit grants on `case`, with the permissions each holds."""
    users = get_users_with_perms(
        case, attach_perms=True, with_superusers=False, with_group_users=False
    )
    return sorted(
        ((user, set(perms) & set(CASE_PERMISSIONS)) for user, perms in users.items()),
        key=lambda item: (item[0].last_name, item[0].username),
    )
