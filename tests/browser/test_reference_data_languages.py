"""In the browser: Russian and Kazakh pages name the branch, its city and the Covenant article in
that language (issue 17, reference data in three languages)."""

from __future__ import annotations

import pytest

from casework import services
from casework.models import CovenantArticle
from tests.browser.support import BROWSER_TEST, page_for, shot

pytestmark = BROWSER_TEST


@pytest.mark.parametrize(("lang", "width"), [("ru", 1280), ("kk", 390)])
def test_case_list_and_violations_in_the_readers_language(
    browser, live_server, org, case, lang, width
):
    org.almaty.name_ru, org.almaty.name_kk = "Алматинский головной офис", "Алматы бас кеңсесі"
    org.almaty.city_ru, org.almaty.city_kk = "Алматы", "Алматы қаласы"
    org.almaty.save()
    article = CovenantArticle.objects.get(number=21)
    services.violation_add(case=case, by=org.lawyer, article=article)
    page = page_for(browser, org.lawyer, width=width, lang=lang)
    page.goto(f"{live_server.url}/cases/")
    options = page.locator("select[name=branch] option").all_inner_texts()
    assert org.almaty.localized_name(lang).text in options
    assert org.almaty.localized_city(lang).text in page.locator("main").inner_text()
    shot(page, f"reference-data-case-list-{lang}-{width}")
    page.goto(f"{live_server.url}/cases/{case.reference}/violations/")
    text = page.locator("main").inner_text()
    assert article.localized_title(lang).text in text
    assert article.title not in text
    shot(page, f"reference-data-violations-{lang}-{width}")
