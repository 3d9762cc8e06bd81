"""Browser test: the statistics page (map, charts under the CSP) and the dashboard, en/ru/kk.

Screenshots go to tests/artifacts/ (git-ignored) so a person can look at the pages.
"""

from __future__ import annotations

import pytest

from tests.browser.support import ARTIFACTS, BROWSER_TEST, page_for, shot

pytestmark = BROWSER_TEST


def slow_page(browser, user, *, width: int = 1280):
    """A logged-in page that waits longer: the statistics page runs some thirty queries."""
    page = page_for(browser, user, width=width)
    page.set_default_timeout(60_000)
    return page


@pytest.fixture
def register(org):
    """Three monitored recommendations, assessed, so that the register's chart is drawn."""
    import datetime as dt

    from monitoring import services
    from monitoring.models import Mechanism, Recommendation

    for paragraph, status in (("10", "partial"), ("11", "implemented"), ("12", "regressed")):
        rec = services.recommendation_save(
            recommendation=Recommendation(
                mechanism=Mechanism.objects.get(code="hrc-co"),
                symbol="CCPR/C/KAZ/CO/2",
                paragraph=paragraph,
                text_en="A paraphrase for the test.",
            ),
            by=org.analyst,
        )
        services.assessment_add(
            recommendation=rec, by=org.analyst, assessed_on=dt.date(2026, 1, 5), status=status
        )


def _in_language(page, live_server, lang: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])


# Region names come from the database in every language; the page's own strings are
# translated once the lead compiles the catalogues (tests/casework/test_translations.py).
@pytest.mark.parametrize(
    ("lang", "abai"), [("en", "Abai"), ("ru", "область Абай"), ("kk", "Абай облысы")]
)
def test_the_statistics_page_draws_its_map_and_charts(
    browser, live_server, org, caseload, register, lang, abai
):
    errors: list[str] = []
    for width, size in ((1280, "desktop"), (390, "mobile")):
        page = slow_page(browser, org.analyst, width=width)
        _in_language(page, live_server, lang)
        errors.clear()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(f"{live_server.url}/statistics/")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("svg.tile-map a[data-region]").count() == 20
        assert abai in page.locator('svg.tile-map a[data-region="KZ-10"] title').text_content()
        # Chart.js drew on the canvases (the CSP did not stop the vendored script).
        drawn = page.evaluate(
            "Array.from(document.querySelectorAll('canvas[data-chart]'))"
            ".filter(c => c.width > 0 && window.Chart && Chart.getChart(c)).length"
        )
        assert drawn == page.locator("canvas[data-chart]").count() > 5
        assert not [e for e in errors if "Content Security Policy" in e], errors
        assert page.locator("#recommendations canvas[data-chart]").count() == 1
        shot(page, f"statistics-{lang}-{size}")
        page.locator("#recommendations").screenshot(
            path=str(ARTIFACTS / f"statistics-register-{lang}-{size}.png")
        )
        page.close()


def test_a_tile_shows_its_figures_on_hover_and_opens_the_region(
    browser, live_server, org, caseload
):
    page = slow_page(browser, org.supervisor)
    page.goto(f"{live_server.url}/statistics/")
    tile = page.locator('svg.tile-map a[data-region="KZ-27"]')
    assert tile.locator("title").text_content() == "West Kazakhstan Region: 3 cases (25%)"
    tile.hover()
    tile.click()
    page.wait_for_url("**region=KZ-27")
    assert page.locator("h1").inner_text() == "Statistics — West Kazakhstan Region"
    assert page.locator("#table-theme tfoot td").first.inner_text() == "3"
    shot(page, "statistics-region-kz27")
    page.locator("#all-regions").click()
    assert page.locator("h1").inner_text() == "Statistics"


def test_the_dashboard_of_a_branch_head(browser, live_server, org, caseload):
    page = slow_page(browser, org.branch_head)
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("#open-by-stage tfoot td").inner_text() == "7"
    shot(page, "dashboard-branch-head")
