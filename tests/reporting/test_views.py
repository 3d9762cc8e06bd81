"""The statistics page, its JSON API, the exports and the home dashboard, over HTTP."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from casework.models import AccessAction, AccessLog
from tests.conftest import make_case

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_api_answers_the_documented_shape(org, caseload):
    response = client_for(org.analyst).get(reverse("statistics:api"), {"by": "region_today"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"by", "rows", "suppressed_below"}
    assert body["by"] == "region_today" and body["suppressed_below"] == 5
    rows = {row["key"]: row for row in body["rows"]}
    assert set(rows["KZ-75"]) == {"key", "label", "count"}
    assert rows["KZ-75"]["count"] == 7 and rows["KZ-27"]["count"] is None
    assert rows["KZ-10"] == {"key": "KZ-10", "label": "Abai Region", "count": 0}


def test_a_lawyer_gets_exact_figures_and_no_threshold(org, caseload):
    body = client_for(org.other_lawyer).get(reverse("statistics:api"), {"by": "branch"}).json()
    assert body["suppressed_below"] is None
    assert {r["key"]: r["count"] for r in body["rows"]} == {"almaty": 0, "uralsk": 4}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "Say which dimension"),
        ({"by": "colour"}, "Unknown dimension “colour”"),
        ({"by": "theme", "colour": "red"}, "Unknown parameter “colour”"),
        ({"by": "theme", "from": "2026-13-01"}, "YYYY-MM-DD"),
        ({"by": "theme", "branch": "nowhere"}, "no branch with the code “nowhere”"),
        ({"by": "theme", "article": "99"}, "Covenant article"),
        ({"by": "theme", "confidentiality": "top"}, "confidentiality"),
        ({"by": "theme", "region": "KZ-99"}, "no region"),
        ({"by": "theme", "from": "2026-02-01", "to": "2026-01-01"}, "ends before it begins"),
    ],
)
def test_the_api_rejects_bad_input_with_a_clear_message(org, query, message):
    response = client_for(org.analyst).get(reverse("statistics:api"), query)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_the_page_shows_the_map_every_table_and_the_caveat(
    org, caseload, django_assert_max_num_queries
):
    client = client_for(org.analyst)
    with django_assert_max_num_queries(80):
        response = client.get(reverse("statistics:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-region="KZ-10"' in html and 'data-region="KZ-62"' in html
    assert html.count('<a href="?region=') == 20
    assert "not how often violations occur" in html
    assert "&lt;5" in html
    assert 'id="chart-theme" type="application/json"' in html
    assert "<script>" not in html  # no inline script under the CSP
    for title in ("Almaty 0", "Uralsk 1", "Karaganda 2021", "KIBHR-"):
        assert title not in html


def test_the_page_at_two_sizes_takes_the_same_number_of_queries(org, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(org.supervisor)
    make_case(by=org.lawyer, branch=org.almaty)
    client.get(reverse("statistics:index"))  # the session's first request does more
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("statistics:index"))
    for i in range(12):
        make_case(by=org.other_lawyer, branch=org.uralsk, title=f"More {i}")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("statistics:index"))
    with CaptureQueriesContext(connection) as api_small:
        client.get(reverse("statistics:api"), {"by": "region"})
    make_case(by=org.lawyer, branch=org.almaty, title="One more")
    with django_assert_num_queries(len(api_small.captured_queries)):
        client.get(reverse("statistics:api"), {"by": "region"})


def test_a_bad_filter_on_the_page_is_shown_and_the_page_still_answers(org):
    response = client_for(org.analyst).get(reverse("statistics:index"), {"from": "soon"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()


def test_clicking_a_region_shows_its_figures(org, caseload):
    response = client_for(org.supervisor).get(reverse("statistics:index"), {"region": "KZ-23"})
    assert response.status_code == 200
    assert "Statistics — Atyrau Region" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_export_is_written_to_the_access_log(org, caseload, fmt):
    client = client_for(org.analyst)
    for table in ("theme", "cross", "durations", "trend"):
        response = client.get(reverse("statistics:export"), {"table": table, "format": fmt})
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
    rows = AccessLog.objects.filter(user=org.analyst, action=AccessAction.EXPORT, case=None)
    assert rows.count() == 4
    assert "statistics" in rows.first().object_repr


def test_an_export_keeps_the_suppression(org, caseload):
    response = client_for(org.analyst).get(
        reverse("statistics:export"), {"table": "region_today", "format": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    assert "Atyrau Region,<5" in text and "Almaty,7" in text


def test_an_export_with_a_bad_table_or_format_is_refused(org):
    client = client_for(org.analyst)
    assert client.get(reverse("statistics:export"), {"table": "theme"}).status_code == 400
    response = client.get(reverse("statistics:export"), {"table": "shoe", "format": "csv"})
    assert response.status_code == 400 and "Unknown dimension" in response.content.decode()
    assert not AccessLog.objects.filter(user=org.analyst).exists()


def test_branch_heads_and_supervisors_start_on_their_dashboard(org, caseload):
    response = client_for(org.branch_head).get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open cases by stage" in html and "Tasks waiting, per lawyer" in html
    # The Almaty head oversees the 7 normal Almaty cases (the secret one is not theirs).
    assert '<td class="text-end fw-semibold">7</td>' in html
    assert client_for(org.supervisor).get("/").status_code == 200
    assert client_for(org.analyst).get("/").url == reverse("statistics:index")
    assert client_for(org.lawyer).get("/").url == reverse("cases:list")


def test_the_chart_configuration_carries_suppressed_figures_as_null(org, caseload):
    html = client_for(org.analyst).get(reverse("statistics:index")).content.decode()
    start = html.index('id="chart-theme" type="application/json">') + len(
        'id="chart-theme" type="application/json">'
    )
    config = json.loads(html[start : html.index("</script>", start)])
    assert None in config["data"]["datasets"][0]["data"]


def test_the_page_shows_the_recommendations_register_narrowed_by_theme_and_article(org):
    import datetime as dt

    from casework.models import CovenantArticle, Theme
    from monitoring import services
    from monitoring.models import Mechanism, Recommendation

    def add(paragraph, theme, article, status):
        rec = services.recommendation_save(
            recommendation=Recommendation(
                mechanism=Mechanism.objects.get(code="hrc-co"),
                symbol="CCPR/C/KAZ/CO/2",
                paragraph=paragraph,
                text_en="A paraphrase for the test.",
            ),
            by=org.analyst,
            themes=[Theme.objects.get(code=theme)],
            articles=[CovenantArticle.objects.get(number=article)],
        )
        services.assessment_add(
            recommendation=rec, by=org.analyst, assessed_on=dt.date(2026, 1, 5), status=status
        )

    add("10", "fair-trial", 14, "partial")
    add("11", "fair-trial", 14, "implemented")
    add("12", "assembly", 21, "not_implemented")
    client = client_for(org.analyst)
    html = client.get(reverse("statistics:index")).content.decode()
    assert "3 monitored recommendations" in html
    assert 'id="chart-register" type="application/json"' in html
    html = client.get(reverse("statistics:index"), {"theme": "fair-trial"}).content.decode()
    assert "2 monitored recommendations" in html and "theme and article filters apply" in html
    html = client.get(reverse("statistics:index"), {"article": "21"}).content.decode()
    assert "1 monitored recommendation" in html
