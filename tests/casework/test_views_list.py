"""The case list: only visible cases, filters and search that never reveal a masked name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework import services
from casework.models import Confidentiality, CovenantArticle, Stage, Theme
from casework.selectors import VIEW
from tests.conftest import make_case

from .ui_fixtures import *  # noqa: F403
from .ui_fixtures import CLIENT_NAME, VICTIM_NAME, login

LIST = reverse("cases:list")


def refs(response) -> set[str]:
    return {case.reference for case in response.context["page"].object_list}


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_lawyer_sees_own_case_but_not_another_branch_case(client, org, case):
    other = make_case(by=org.other_lawyer, branch=org.uralsk, title="Uralsk case")
    response = login(client, org.lawyer).get(LIST)
    assert refs(response) == {case.reference}
    assert other.reference not in response.content.decode()


def test_supervisor_list_and_count_exclude_secret_case_without_grant(
    client, org, case, secret_case
):
    response = login(client, org.supervisor).get(LIST)
    assert refs(response) == {case.reference}
    assert response.context["page"].paginator.count == 1
    assert secret_case.title not in response.content.decode()


def test_branch_head_list_excludes_secret_case_of_own_branch(client, org, case, secret_case):
    response = login(client, org.branch_head).get(LIST)
    assert refs(response) == {case.reference}


def test_other_branch_head_sees_nothing_of_almaty(client, org, case):
    response = login(client, org.other_branch_head).get(LIST)
    assert refs(response) == set()


def test_analyst_sees_no_case_file(client, org, case):
    response = login(client, org.analyst).get(LIST)
    assert refs(response) == set()
    assert "Open a case" not in response.content.decode()


def test_search_by_title_reference_and_summary(client, org, case):
    services.case_update(
        case=case,
        by=org.lawyer,
        data={"summary": "Detained near the akimat"},
        expected_version=None,
    )
    login(client, org.lawyer)
    assert refs(client.get(LIST, {"q": "peaceful rally"})) == {case.reference}
    assert refs(client.get(LIST, {"q": case.reference.lower()})) == {case.reference}
    assert refs(client.get(LIST, {"q": "akimat"})) == {case.reference}
    assert refs(client.get(LIST, {"q": "no such words"})) == set()


def test_search_by_victim_name_finds_case_for_user_with_identity(client, org, case_file):
    response = login(client, org.lawyer).get(LIST, {"q": "zhumabekova"})
    assert refs(response) == {case_file.case.reference}


def test_search_by_victim_name_does_not_reveal_case_without_identity_permission(
    client, org, case_file
):
    # The supervisor sees the normal case, but not its people's identities.
    login(client, org.supervisor)
    assert refs(client.get(LIST)) == {case_file.case.reference}
    assert refs(client.get(LIST, {"q": VICTIM_NAME})) == set()
    assert refs(client.get(LIST, {"q": CLIENT_NAME.split()[1]})) == set()


def test_search_by_name_for_user_with_view_but_not_identity_grant(client, org, case_file):
    services.grant_case_access(
        case=case_file.case, user=org.other_lawyer, perms=[VIEW], by=org.lawyer
    )
    login(client, org.other_lawyer)
    assert refs(client.get(LIST)) == {case_file.case.reference}
    assert refs(client.get(LIST, {"q": "Zhumabekova"})) == set()


def test_search_by_name_never_reaches_invisible_case(client, org, case_file):
    response = login(client, org.other_lawyer).get(LIST, {"q": "Zhumabekova"})
    assert refs(response) == set()


def test_search_by_respondent_authority_matches_visible_case(client, org, case_file):
    response = login(client, org.supervisor).get(LIST, {"q": "akimat"})
    assert refs(response) == {case_file.case.reference}


@pytest.mark.parametrize(
    "field, value, expect_match",
    [
        ("stage", Stage.INTAKE, True),
        ("stage", Stage.COMMITTEE, False),
        ("confidentiality", Confidentiality.NORMAL, True),
        ("confidentiality", Confidentiality.RESTRICTED, False),
    ],
)
def test_choice_filters(client, org, case, field, value, expect_match):
    response = login(client, org.lawyer).get(LIST, {field: value})
    assert refs(response) == ({case.reference} if expect_match else set())


def test_branch_and_theme_filters(client, org, case):
    religion = Theme.objects.exclude(pk=case.theme_id).first()
    login(client, org.lawyer)
    assert refs(client.get(LIST, {"branch": org.almaty.pk})) == {case.reference}
    assert refs(client.get(LIST, {"branch": org.uralsk.pk})) == set()
    assert refs(client.get(LIST, {"theme": case.theme_id})) == {case.reference}
    assert refs(client.get(LIST, {"theme": religion.pk})) == set()


def test_article_filter_matches_alleged_and_read_with_articles(client, org, case_file):
    login(client, org.lawyer)
    assert refs(client.get(LIST, {"article": 21})) == {case_file.case.reference}
    assert refs(client.get(LIST, {"article": 7})) == set()
    other = make_case(by=org.lawyer, branch=org.almaty, title="Read with")
    services.violation_add(
        case=other,
        by=org.lawyer,
        article=CovenantArticle.objects.get(number=2),
        paragraph="3",
        read_with=CovenantArticle.objects.get(number=7),
    )
    assert refs(client.get(LIST, {"article": 7})) == {other.reference}


def test_filter_by_confidentiality_cannot_reach_secret_case_without_grant(
    client, org, case, secret_case
):
    response = login(client, org.supervisor).get(LIST, {"confidentiality": "secret"})
    assert refs(response) == set()
    assert response.context["page"].paginator.count == 0


def test_invalid_filter_value_is_ignored_with_a_message(client, org, case):
    response = login(client, org.lawyer).get(LIST, {"branch": "999999", "stage": "bogus"})
    assert response.status_code == 200
    assert "not understood" in response.content.decode()
    assert refs(response) == {case.reference}


def test_valid_filters_still_apply_next_to_an_invalid_one(client, org, case):
    response = login(client, org.lawyer).get(LIST, {"branch": "999999", "q": "no such case"})
    assert refs(response) == set()


def test_pagination_shows_25_per_page(client, org):
    for n in range(27):
        make_case(by=org.lawyer, branch=org.almaty, title=f"Case {n}")
    login(client, org.lawyer)
    first = client.get(LIST)
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].paginator.count == 27
    second = client.get(LIST, {"page": 2})
    assert len(second.context["page"].object_list) == 2
    assert client.get(LIST, {"page": "nonsense"}).status_code == 200


def test_list_query_count_is_bounded(client, org, django_assert_max_num_queries):
    for n in range(30):
        make_case(
            by=org.lawyer,
            branch=org.almaty,
            title=f"Case {n}",
            responsible_lawyer=org.lawyer,
        )
    login(client, org.lawyer)
    client.get(LIST)  # warm caches (content types, sessions)
    with django_assert_max_num_queries(14):
        response = client.get(LIST, {"q": "case", "stage": "intake"})
    assert len(response.context["page"].object_list) == 25


def test_list_shows_columns(client, org, case):
    services.case_update(
        case=case, by=org.lawyer, data={"responsible_lawyer": org.lawyer}, expected_version=None
    )
    html = login(client, org.lawyer).get(LIST).content.decode()
    for text in (case.reference, case.title, "Almaty", "Intake", case.theme.name, "2026-01-15"):
        assert text in html
    assert str(org.lawyer) in html


def test_list_is_translated_to_russian(client, org, case):
    response = login(client, org.lawyer).get(LIST, HTTP_ACCEPT_LANGUAGE="ru")
    html = response.content.decode()
    assert "Открыть дело" in html
    assert "Ответственный юрист" in html


def test_language_switcher_posts_to_set_language(client, org, case):
    login(client, org.lawyer)
    response = client.post(reverse("set_language"), {"language": "ru", "next": LIST})
    assert response.status_code == 302
    assert "Дела" in client.get(LIST).content.decode()


def test_search_by_court_case_number(client, org, case_file):
    services.proceeding_update(
        proceeding=case_file.proceeding,
        by=org.lawyer,
        data={"court_case_number": "7511-25-00-2/1234"},
    )
    response = login(client, org.supervisor).get(LIST, {"q": "2/1234"})
    assert refs(response) == {case_file.case.reference}


def test_only_mine_filter(client, org, case):
    other = make_case(by=org.lawyer, branch=org.almaty, title="Someone else's")
    services.case_update(
        case=case, by=org.lawyer, data={"responsible_lawyer": org.lawyer}, expected_version=None
    )
    login(client, org.lawyer)
    assert refs(client.get(LIST, {"mine": "on"})) == {case.reference}
    assert refs(client.get(LIST)) == {case.reference, other.reference}


def test_sort_by_title_and_unknown_sort_is_ignored(client, org):
    for title in ("Beta", "Alpha", "Gamma"):
        make_case(by=org.lawyer, branch=org.almaty, title=title)
    login(client, org.lawyer)
    titles = [c.title for c in client.get(LIST, {"o": "title"}).context["page"].object_list]
    assert titles == ["Alpha", "Beta", "Gamma"]
    titles = [c.title for c in client.get(LIST, {"o": "-title"}).context["page"].object_list]
    assert titles == ["Gamma", "Beta", "Alpha"]
    assert client.get(LIST, {"o": "branch__name; drop"}).status_code == 200
