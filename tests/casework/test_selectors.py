"""Who sees which case: the single permission filter every query goes through."""

import pytest
from django.http import Http404

from casework import selectors, services
from casework.models import Confidentiality
from casework.search import CaseFilters, search_cases
from tests.conftest import make_case


def visible(user):
    return set(selectors.cases_visible_to(user).values_list("reference", flat=True))


def test_creator_sees_their_case(org, case):
    assert visible(org.lawyer) == {case.reference}


def test_lawyer_cannot_see_colleagues_case_without_grant(org, case):
    assert visible(org.other_lawyer) == set()


def test_lawyer_sees_case_after_grant(org, case):
    services.grant_case_access(case=case, user=org.other_lawyer, perms=["view_case"], by=org.lawyer)
    assert visible(org.other_lawyer) == {case.reference}


def test_lawyer_loses_case_on_revocation(org, case):
    services.grant_case_access(case=case, user=org.other_lawyer, perms=["view_case"], by=org.lawyer)
    services.revoke_case_access(case=case, user=org.other_lawyer, by=org.lawyer)
    assert visible(org.other_lawyer) == set()


def test_branch_head_sees_normal_cases_of_own_branch(org, case):
    assert visible(org.branch_head) == {case.reference}


def test_branch_head_does_not_see_other_branch_cases(org, case):
    assert visible(org.other_branch_head) == set()


@pytest.mark.parametrize("level", [Confidentiality.RESTRICTED, Confidentiality.SECRET])
def test_branch_head_needs_grant_for_restricted_and_secret(org, level):
    hidden = make_case(by=org.lawyer, branch=org.almaty, confidentiality=level)
    assert hidden.reference not in visible(org.branch_head)
    services.grant_case_access(
        case=hidden, user=org.branch_head, perms=["view_case"], by=org.lawyer
    )
    assert hidden.reference in visible(org.branch_head)


def test_supervisor_sees_normal_cases_in_every_branch(org):
    uralsk_case = make_case(by=org.other_lawyer, branch=org.uralsk)
    assert uralsk_case.reference in visible(org.supervisor)


def test_supervisor_does_not_see_secret_case_without_grant(org, secret_case):
    assert visible(org.supervisor) == set()


def test_administrator_does_not_see_secret_case_without_grant(org, secret_case):
    assert visible(org.administrator) == set()


def test_analyst_sees_no_case_files(org, case, secret_case):
    assert visible(org.analyst) == set()


def test_inactive_user_sees_nothing_even_with_grant(org, case):
    org.lawyer.is_active = False
    org.lawyer.save()
    assert visible(org.lawyer) == set()


def test_anonymous_user_sees_nothing(org, case):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.cases_visible_to(AnonymousUser()).count() == 0


def test_superuser_flag_does_not_bypass_case_grants(org, secret_case):
    org.administrator.is_superuser = True
    org.administrator.save()
    assert secret_case.reference not in visible(org.administrator)


def test_get_case_for_raises_404_rather_than_403(org, case):
    with pytest.raises(Http404):
        selectors.get_case_for(org.other_lawyer, case.reference)


def test_get_case_for_requires_the_asked_permission(org, case):
    services.grant_case_access(case=case, user=org.other_lawyer, perms=["view_case"], by=org.lawyer)
    assert selectors.get_case_for(org.other_lawyer, case.reference) == case
    with pytest.raises(Http404):
        selectors.get_case_for(org.other_lawyer, case.reference, perm="change_case")


def test_branch_head_may_view_but_not_change_or_see_identity(org, case):
    perms = selectors.case_permissions(org.branch_head, case)
    assert perms == {"view_case"}


def test_supervisor_manages_team_of_normal_cases(org, case):
    assert selectors.can_manage_team(org.supervisor, case)
    assert not selectors.can_view_identity(org.supervisor, case)


def test_identity_permission_is_separate_from_view(org, case):
    services.grant_case_access(case=case, user=org.other_lawyer, perms=["view_case"], by=org.lawyer)
    assert not selectors.can_view_identity(org.other_lawyer, case)
    services.grant_case_access(
        case=case, user=org.other_lawyer, perms=["view_case_identity"], by=org.lawyer
    )
    assert selectors.can_view_identity(org.other_lawyer, case)


def test_visibility_query_count_does_not_grow_with_cases(org, django_assert_max_num_queries):
    for _ in range(5):
        make_case(by=org.lawyer, branch=org.almaty)
    user = type(org.lawyer).objects.get(pk=org.lawyer.pk)
    with django_assert_max_num_queries(3):
        list(selectors.cases_visible_to(user))


def test_case_team_lists_explicit_grants(org, case):
    services.grant_case_access(case=case, user=org.other_lawyer, perms=["view_case"], by=org.lawyer)
    team = dict(selectors.case_team(case))
    assert team[org.other_lawyer] == {"view_case"}
    assert team[org.lawyer] == set(selectors.CASE_PERMISSIONS)


def test_search_folds_cyrillic_case_on_every_database(org, case):
    """ "қасымов" finds "Қасымов" on SQLite too, as on PostgreSQL (issue 12)."""
    services.case_update(
        case=case,
        by=org.lawyer,
        expected_version=case.version,
        data={"summary": "Жалоба Қасымова Әлии на задержание"},
    )
    for needle in ("қасымова", "ҚАСЫМОВА", "әлии", "Жалоба"):
        found = search_cases(org.lawyer, CaseFilters(q=needle))
        assert list(found.values_list("pk", flat=True)) == [case.pk], needle
    assert not search_cases(org.lawyer, CaseFilters(q="иванов")).exists()


def test_next_case_reference_counts_numbers_past_four_digits(org):
    for number in (7, 9999, 10000):
        make_case(by=org.lawyer, branch=org.almaty, reference=f"KIBHR-2026-{number:04d}")
    make_case(by=org.lawyer, branch=org.almaty, reference="KIBHR-2026-IMPORTED")
    assert services.next_case_reference(2026) == "KIBHR-2026-10001"
    assert services.next_case_reference(2025) == "KIBHR-2025-0001"
