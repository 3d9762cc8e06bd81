"""Browser test: the public precedent database as a reader sees it, desktop and mobile, ru/kk/en;
and the case's publication page as the preparing lawyer sees it."""

from __future__ import annotations

import pytest

from publication import services
from tests.browser.support import BROWSER_TEST, page_for, shot
from tests.publication.conftest import publish, ready  # noqa: F401 — the fixture

pytestmark = BROWSER_TEST


@pytest.fixture
def published(org, ready):  # noqa: F811 — the fixture imported above
    services.publication_update(
        publication=ready.publication,
        by=org.lawyer,
        data={
            "article_numbers": [19, 21],
            "title_kk": "Бейбіт жиынды тарату",
            "summary_kk": "Полиция бейбіт жиынды таратты; соттар ұйымдастырушыға айыппұл салды.",
        },
    )
    services.document_add(
        publication=ready.publication,
        by=org.lawyer,
        source=None,
        title="Views of the Committee",
        language="en",
        text="The Committee found violations of articles 19 and 21.",
    )
    return publish(ready, org)


def test_a_reader_browses_searches_and_switches_language(browser, live_server, published):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/public/")
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "Strategic human-rights cases"
    shot(page, "public_01_home_en")
    page.get_by_role("link", name="Dispersal of a peaceful assembly").first.click()
    assert "What happened" in page.locator("main").inner_text()
    shot(page, "public_02_case_en")
    page.get_by_role("link", name="Русский").click()
    assert page.locator("h1").inner_text() == "Разгон мирного собрания"
    assert page.evaluate("document.documentElement.lang") == "ru"
    shot(page, "public_03_case_ru")
    page.get_by_role("link", name="Қазақша").click()
    assert page.locator("h1").inner_text() == "Бейбіт жиынды тарату"
    shot(page, "public_04_case_kk")
    page.goto(f"{live_server.url}/public/en/search/?q=assembly")
    page.wait_for_selector("#search-results li")
    assert "Dispersal of a peaceful assembly" in page.locator("#search-results").inner_text()
    shot(page, "public_05_search_en")
    page.goto(f"{live_server.url}/public/ru/regions/")
    assert (
        "fewer than" in page.locator("main").inner_text()
        or "менее" in page.locator("main").inner_text()
    )
    shot(page, "public_06_regions_ru")
    assert page.context.cookies() == []  # the public site set no cookie


def test_the_public_site_fits_a_phone(browser, live_server, published):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{live_server.url}/public/kk/")
    shot(page, "public_07_home_kk_mobile")
    page.goto(f"{live_server.url}/public/en/cases/{published.slug}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width}px)"
    shot(page, "public_08_case_en_mobile")
    page.goto(f"{live_server.url}/public/ru/regions/")
    shot(page, "public_09_regions_ru_mobile")


def test_a_withdrawn_case_shows_its_tombstone(browser, live_server, org, ready, published):  # noqa: F811
    services.publication_unpublish(publication=ready.publication, by=org.lawyer)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/public/en/cases/{published.slug}/")
    assert page.locator("h1").inner_text() == "This case has been withdrawn"
    shot(page, "public_10_tombstone_en")


def test_the_lawyer_sees_the_gates_of_a_publication(browser, live_server, org, ready):  # noqa: F811
    services.publication_update(
        publication=ready.publication,
        by=org.lawyer,
        data={"summary_en": "Ms Zhumabekova was fined; call +7 701 555 12 34."},
    )
    page = page_for(browser, org.lawyer)
    page.goto(f"{live_server.url}/cases/{ready.case.reference}/publication/")
    text = page.locator("main").inner_text()
    assert "The residue check found identifying details" in text
    assert "Summary (English)" in text
    shot(page, "public_11_internal_gates")
