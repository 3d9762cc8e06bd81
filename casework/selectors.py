"""Reading cases: the one place that decides which cases a user may see.

Every list, search, count, autocomplete, history page, download and export goes through
`cases_visible_to` (or `get_case_for`), so a permission rule lives here and nowhere else.
A case a user may not see is reported as "not found" (404): we never confirm it exists.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import get_objects_for_user, get_perms, get_users_with_perms

from .models import Case, Confidentiality, Role, User

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


def granted_case_ids(user: User, perm: str) -> QuerySet:
    """Ids of the cases on which `user` holds an explicit grant of `perm` (no role rules)."""
    return get_objects_for_user(
        user,
        f"casework.{perm}",
        klass=Case,
        accept_global_perms=False,
        with_superuser=False,
    ).values("pk")


def cases_visible_to(user: User) -> QuerySet[Case]:
    """All cases `user` may open.

    - An explicit grant (guardian object permission `view_case`) opens any case.
    - Supervisors and administrators oversee every *normal* case of the organisation.
    - Branch heads oversee the normal cases of their own branch.
    - Restricted and secret cases open only by explicit grant, whatever the role.
    - Analysts see statistics, never case files.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    visible = Q(pk__in=granted_case_ids(user, VIEW))
    if user.has_role(Role.SUPERVISOR, Role.ADMINISTRATOR):
        visible |= Q(confidentiality=Confidentiality.NORMAL)
    elif user.has_role(Role.BRANCH_HEAD) and user.branch_id:
        visible |= Q(confidentiality=Confidentiality.NORMAL, branch_id=user.branch_id)
    return Case.objects.filter(visible)


def case_permissions(user: User, case: Case) -> set[str]:
    """The case permissions `user` holds on `case`, role-derived ones included."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    perms = set(get_perms(user, case)) & set(CASE_PERMISSIONS)
    if VIEW not in perms and cases_visible_to(user).filter(pk=case.pk).exists():
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
    case = cases_visible_to(user).select_related("branch", "theme", "responsible_lawyer")
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
