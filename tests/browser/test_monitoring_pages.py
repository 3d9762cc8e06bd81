"""Browser test: the register, a recommendation's timeline, the dashboard, a case's follow-up tab
(issue 16), at desktop and mobile width, in English and Russian."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.models import Theme
from communications.models import Communication, StateParty
from monitoring import services
from monitoring.models import FollowUpGrade, Mechanism, Recommendation
from tests.browser.support import BROWSER_TEST, page_for, shot

pytestmark = BROWSER_TEST
D = dt.date


@pytest.fixture
def world(org, case):
    Communication.objects.create(
        case=case,
        state=StateParty.objects.get(code="KZ"),
        outcome="views",
        decided_on=D(2025, 3, 2),
        document_symbol="CCPR/C/143/D/4321/2025",
    )
    grades = {g.code: g for g in FollowUpGrade.objects.all()}
    services.follow_up_round(
        case=case,
        by=org.lawyer,
        assessed_on=D(2025, 10, 1),
        source_kind="state",
        new_remedies=[
            ("Compensation", "compensation", grades["C"]),
            ("Quash the conviction", "quash", grades["D"]),
            ("Review the law on assemblies", "law_review", None),
        ],
        dialogue="ongoing",
    )
    remedies = list(Recommendation.objects.filter(case=case).order_by("id"))
    services.follow_up_round(
        case=case,
        by=org.lawyer,
        assessed_on=D(2026, 4, 1),
        source_kind="committee",
        source_reference="CCPR/C/146/3/Add.2",
        grades=[
            services.RemedyGrade(remedies[0], grades["B"], "partial"),
            services.RemedyGrade(remedies[2], grades["E"], "regressed"),
        ],
    )
    rec = services.recommendation_save(
        recommendation=Recommendation(
            mechanism=Mechanism.objects.get(code="hrc-co"),
            symbol="CCPR/C/KAZ/CO/2",
            paragraph="5",
            issued_on=D(2016, 8, 9),
            text_en="Implementation of the Views: a paraphrase marked unverified.",
        ),
        by=org.analyst,
        themes=[Theme.objects.get(code="fair-trial")],
    )
    rec.related_cases.set([case])
    for on, status in ((D(2024, 1, 10), "not_implemented"), (D(2026, 2, 1), "partial")):
        services.assessment_add(
            recommendation=rec,
            by=org.analyst,
            assessed_on=on,
            status=status,
            evidence="https://example.org/evidence",
        )
    return case, rec


@pytest.mark.parametrize("width", [1280, 390])
def test_monitoring_pages(browser, live_server, org, world, width):
    case, rec = world
    size = "desktop" if width > 500 else "mobile"
    page = page_for(browser, org.supervisor, width=width)
    page.goto(f"{live_server.url}/monitoring/")
    assert "CCPR/C/KAZ/CO/2" in page.locator("main").inner_text()
    shot(page, f"monitoring_01_register_{size}")
    page.goto(f"{live_server.url}/monitoring/{rec.pk}/")
    assert "Timeline" in page.locator("main").inner_text()
    # The supervisor links one of the case's Views' remedies from the page.
    with page.expect_navigation():
        page.get_by_role("button", name="Link", exact=True).click()
    assert "Links saved" in page.locator("main").inner_text()
    assert rec.related_remedies.count() == 1
    shot(page, f"monitoring_02_recommendation_{size}")
    page.goto(f"{live_server.url}/monitoring/dashboard/")
    shot(page, f"monitoring_03_dashboard_{size}")
    page.goto(f"{live_server.url}/cases/{case.reference}/follow-up/")
    text = page.locator("main").inner_text()
    assert "Compensation" in text and "2026-04-01" in text
    shot(page, f"monitoring_04_case_follow_up_{size}")
    lawyer = page_for(browser, org.lawyer, width=width)
    lawyer.goto(f"{live_server.url}/cases/{case.reference}/follow-up/record/")
    shot(lawyer, f"monitoring_05_record_round_{size}")


def test_monitoring_pages_in_russian(browser, live_server, org, world):
    case, _rec = world
    page = page_for(browser, org.supervisor)
    page.goto(f"{live_server.url}/i18n/setlang/")  # the language cookie, as the switcher sets it
    page.context.add_cookies(
        [{"name": "django_language", "value": "ru", "domain": "localhost", "path": "/"}]
    )
    page.goto(f"{live_server.url}/monitoring/")
    shot(page, "monitoring_06_register_ru")
    page.goto(f"{live_server.url}/cases/{case.reference}/follow-up/")
    shot(page, "monitoring_07_case_follow_up_ru")


@pytest.fixture
def reply(org, world, settings, tmp_path):
    from casework.models import DocumentKind
    from tests.communications.conftest import add_document, make_pdf

    settings.MEDIA_ROOT = tmp_path / "media"
    case, _rec = world
    return add_document(
        case,
        by=org.lawyer,
        title="State's follow-up reply",
        data=make_pdf(1, text="Reply"),
        annex_order=None,
        kind=DocumentKind.CORRESPONDENCE,
    )


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_lawyer_grades_a_remedy_with_evidence_and_stops_following_another(
    browser, live_server, org, world, reply, lang
):
    case, _rec = world
    compensation, quash, _law = Recommendation.objects.filter(case=case).order_by("id")
    page = page_for(browser, org.lawyer, width=390 if lang == "kk" else 1280, lang=lang)
    page.goto(f"{live_server.url}/monitoring/{compensation.pk}/assess/")
    page.fill("input[name=assessed_on]", "2026-05-04")
    page.select_option("select[name=grade]", label=f"B — {grade_label('B', lang)}")
    page.check(f"input[name=documents][value='{reply.pk}']")
    shot(page, f"monitoring_08_assess_remedy_{lang}")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    latest = compensation.assessments.order_by("-assessed_on").first()
    assert (latest.grade.code, list(latest.documents.all())) == ("B", [reply])
    assert page.get_by_role("link", name="State's follow-up reply").is_visible()
    shot(page, f"monitoring_09_remedy_timeline_{lang}")
    page.goto(f"{live_server.url}/cases/{case.reference}/follow-up/remedies/{quash.pk}/edit/")
    page.uncheck("input[name=monitored]")
    page.fill("input[name=reason]", "Merged into the retrial remedy")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    quash.refresh_from_db()
    assert not quash.monitored
    assert page.locator(".follow-up-matrix .badge").count() == 1
    shot(page, f"monitoring_10_follow_up_remedy_retired_{lang}")


def grade_label(code: str, lang: str) -> str:
    return FollowUpGrade.objects.get(code=code).localized_label(lang).text
