"""The register: current status, who sees and edits what, the pages, the dashboard."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casework.models import AccessLog, Theme
from monitoring import selectors, services
from monitoring.models import Mechanism, Recommendation

D = dt.date


def add(by, *, symbol="CAT/C/KAZ/CO/4", paragraph="10", mechanism="cat", themes=(), **extra):
    return services.recommendation_save(
        recommendation=Recommendation(
            mechanism=Mechanism.objects.get(code=mechanism),
            symbol=symbol,
            paragraph=paragraph,
            text_en=extra.pop("text_en", "Investigate every allegation of torture."),
            **extra,
        ),
        by=by,
        themes=[Theme.objects.get(code=code) for code in themes],
    )


def assess(rec, by, on, status):
    return services.assessment_add(recommendation=rec, by=by, assessed_on=on, status=status)


def test_the_current_status_is_the_latest_assessment(org):
    rec = add(org.analyst)
    assess(rec, org.analyst, D(2025, 5, 1), "partial")
    assess(rec, org.analyst, D(2024, 5, 1), "implemented")  # recorded later, but older
    row = selectors.recommendations_visible_to(org.lawyer).get(pk=rec.pk)
    assert row.current_status == "partial" and row.current_on == D(2025, 5, 1)


def test_analysts_and_supervisors_edit_the_register_others_only_read(org):
    add(org.analyst)
    add(org.supervisor, paragraph="11")
    for user in (org.lawyer, org.branch_head, org.administrator):
        with pytest.raises(PermissionDenied):
            add(user, paragraph="12")
    assert selectors.recommendations_visible_to(org.lawyer).count() == 2


def test_a_views_remedy_shows_only_to_who_may_see_its_case(org, secret_case):
    remedy = services.remedy_add(
        case=secret_case, by=org.lawyer, title="Compensation", remedy_kind="compensation"
    )
    assert selectors.recommendations_visible_to(org.lawyer).filter(pk=remedy.pk).exists()
    for user in (org.supervisor, org.analyst, org.administrator):
        assert not selectors.recommendations_visible_to(user).filter(pk=remedy.pk).exists()


def test_case_links_show_only_visible_cases(client, org, case, secret_case):
    rec = add(org.analyst)
    rec.related_cases.set([case, secret_case])
    assert selectors.visible_case_links(org.supervisor, rec) == [case]
    client.force_login(org.supervisor)
    page = client.get(reverse("monitoring:recommendation", args=[rec.pk])).content.decode()
    assert case.reference in page and secret_case.reference not in page
    assert secret_case.title not in page


def test_the_register_filters_by_status_theme_mechanism_and_year(client, org):
    torture = add(org.analyst, themes=["torture"], issued_on=D(2023, 6, 8))
    assess(torture, org.analyst, D(2025, 1, 1), "not_implemented")
    add(
        org.analyst,
        mechanism="upr",
        symbol="A/HRC/43/10",
        paragraph="141.1",
        state_position="supported",
        issued_on=D(2020, 1, 1),
        text_en="Ratify the protocol.",
    )
    client.force_login(org.lawyer)
    url = reverse("monitoring:register")

    def symbols(**params):
        page = client.get(url, params)
        return [r.symbol for r in page.context["page"].object_list]

    assert symbols(status="not_implemented") == ["CAT/C/KAZ/CO/4"]
    assert symbols(status="no_information") == ["A/HRC/43/10"]  # never assessed
    assert symbols(theme=Theme.objects.get(code="torture").pk) == ["CAT/C/KAZ/CO/4"]
    assert symbols(year=2020, position="supported") == ["A/HRC/43/10"]
    assert symbols(q="ratify") == ["A/HRC/43/10"]
    assert client.get(url, {"year": "soon"}).status_code == 200  # a bad filter is shown, not a 500


@pytest.mark.parametrize("size", [3, 30])
def test_the_register_page_queries_do_not_grow_with_rows(
    client, org, django_assert_max_num_queries, size
):
    for n in range(size):
        add(org.analyst, paragraph=str(n), themes=["torture"])
    client.force_login(org.lawyer)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("monitoring:register")).status_code == 200


def test_the_recommendation_page_shows_its_timeline_and_marks_unverified_text(client, org):
    rec = add(org.analyst)
    services.assessment_add(
        recommendation=rec,
        by=org.analyst,
        assessed_on=D(2024, 1, 1),
        status="not_implemented",
        evidence="https://example.org/report\nOur monitoring visit",
        notes="Nothing done.",
    )
    assess(rec, org.analyst, D(2025, 1, 1), "partial")
    client.force_login(org.branch_head)
    page = client.get(reverse("monitoring:recommendation", args=[rec.pk])).content.decode()
    assert page.index("2024-01-01") < page.index("2025-01-01")  # oldest first
    assert 'href="https://example.org/report"' in page and "Our monitoring visit" in page
    assert "Unverified" in page
    assert "Record an assessment" not in page  # branch heads read only


def test_the_dashboard_counts_by_status_and_the_change_since_a_year(client, org):
    today = dt.date.today()
    old = add(org.analyst, paragraph="1", themes=["torture"], issued_on=D(2020, 1, 1))
    assess(old, org.analyst, today - dt.timedelta(days=500), "not_implemented")
    assess(old, org.analyst, today - dt.timedelta(days=10), "implemented")
    add(org.analyst, paragraph="2", themes=["torture"], issued_on=D(2020, 1, 1))
    board = selectors.dashboard(org.lawyer)
    assert board.total == 2
    assert board.by_status == {"implemented": 1, "no_information": 1}
    assert board.year_ago == {"not_implemented": 1, "no_information": 1}
    change = {status: diff for status, _label, _now, _before, diff in board.change()}
    assert change["implemented"] == 1 and change["not_implemented"] == -1
    assert board.by_theme == [("Freedom from torture", {"implemented": 1, "no_information": 1})]
    client.force_login(org.analyst)
    assert client.get(reverse("monitoring:dashboard")).status_code == 200


def test_the_add_page_saves_through_the_service_and_refuses_others(client, org):
    client.force_login(org.lawyer)
    assert client.get(reverse("monitoring:recommendation_add")).status_code == 403
    client.force_login(org.analyst)
    response = client.post(
        reverse("monitoring:recommendation_add"),
        {
            "mechanism": Mechanism.objects.get(code="cedaw").pk,
            "symbol": "CEDAW/C/KAZ/CO/5",
            "paragraph": "20",
            "text_en": "",
            "text_ru": "",
            "monitored": "on",
        },
    )
    assert response.status_code == 200 and "Give the text in English or Russian" in (
        response.content.decode()
    )
    response = client.post(
        reverse("monitoring:recommendation_add"),
        {
            "mechanism": Mechanism.objects.get(code="cedaw").pk,
            "symbol": "CEDAW/C/KAZ/CO/5",
            "paragraph": "20",
            "text_en": "A paraphrase.",
            "monitored": "on",
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(symbol="CEDAW/C/KAZ/CO/5")
    assert not rec.verified and rec.history.first().history_user == org.analyst


def test_opening_a_secret_cases_remedy_is_in_the_access_log(client, org, secret_case):
    remedy = services.remedy_add(
        case=secret_case, by=org.lawyer, title="Compensation", remedy_kind="compensation"
    )
    client.force_login(org.lawyer)
    before = AccessLog.objects.filter(case=secret_case).count()
    assert client.get(reverse("monitoring:recommendation", args=[remedy.pk])).status_code == 200
    assert AccessLog.objects.filter(case=secret_case).count() == before + 1
    client.force_login(org.supervisor)
    assert client.get(reverse("monitoring:recommendation", args=[remedy.pk])).status_code == 404
