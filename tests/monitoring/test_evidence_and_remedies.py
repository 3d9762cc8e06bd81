"""A remedy's assessment with the Committee's grade and evidence documents of the case; a
follow-up round's evidence; correcting a remedy or no longer following it (issue 16)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework.models import Confidentiality, DocumentKind
from monitoring import selectors, services
from monitoring.forms import FollowUpRoundForm, round_form_data
from monitoring.models import Assessment, FollowUpGrade, Recommendation
from tests.communications.conftest import add_document, make_pdf

D = dt.date


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def grade(code):
    return FollowUpGrade.objects.get(code=code)


@pytest.fixture
def remedy(views_case, org):
    return services.remedy_add(
        case=views_case,
        by=org.lawyer,
        title="Compensation",
        remedy_kind="compensation",
        issued_on=D(2026, 3, 2),
    )


def state_reply(case, by, *, secret=False, title="State's follow-up reply"):
    document = add_document(
        case,
        by=by,
        title=title,
        data=make_pdf(1, text=title),
        annex_order=None,
        kind=DocumentKind.CORRESPONDENCE,
    )
    if secret:
        document.confidentiality = Confidentiality.SECRET
        document.save()
    return document


def assess_url(remedy):
    return reverse("monitoring:assessment_add", kwargs={"pk": remedy.pk})


def test_a_remedys_assessment_takes_the_grade_and_evidence_documents(client, org, remedy):
    reply = state_reply(remedy.case, org.lawyer)
    client.force_login(org.lawyer)
    form_page = client.get(assess_url(remedy)).content.decode()
    assert 'name="grade"' in form_page and "State&#x27;s follow-up reply" in form_page
    response = client.post(
        assess_url(remedy),
        {
            "assessed_on": "2026-09-01",
            "grade": grade("B1").pk,
            "status": "",  # from the grade
            "source_kind": "state",
            "documents": [reply.pk],
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(recommendation=remedy)
    assert (assessment.grade.code, assessment.status) == ("B1", grade("B1").status)
    assert list(assessment.documents.all()) == [reply]
    page = client.get(reverse("monitoring:recommendation", kwargs={"pk": remedy.pk}))
    download = reverse(
        "cases:document_download", kwargs={"reference": remedy.case.reference, "pk": reply.pk}
    )
    assert f'href="{download}"' in page.content.decode()


def test_a_remedys_assessment_needs_a_grade_or_a_status_and_keeps_what_was_typed(
    client, org, remedy
):
    client.force_login(org.lawyer)
    response = client.post(
        assess_url(remedy),
        {"assessed_on": "2026-09-01", "source_kind": "state", "notes": "Reply received late."},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give the Committee" in body and "Reply received late." in body
    response = client.post(
        assess_url(remedy),
        {"assessed_on": "2026-01-01", "grade": grade("A").pk, "source_kind": "state"},
    )
    assert "cannot precede the Views" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_register_recommendation_has_no_grade_or_case_documents(client, org):
    from monitoring.models import Mechanism

    rec = services.recommendation_save(
        recommendation=Recommendation(
            mechanism=Mechanism.objects.get(code="cat"),
            symbol="CAT/C/KAZ/CO/4",
            paragraph="10",
            text_en="Investigate.",
        ),
        by=org.analyst,
    )
    client.force_login(org.analyst)
    body = client.get(assess_url(rec)).content.decode()
    assert 'name="grade"' not in body and 'name="documents"' not in body
    response = client.post(assess_url(rec), {"assessed_on": "2026-09-01", "source_kind": "own"})
    assert "This field is required" in response.content.decode()  # the status


def test_a_secret_document_is_neither_offered_nor_named_to_who_may_not_open_it(client, org, remedy):
    secret = state_reply(remedy.case, org.lawyer, secret=True, title="Medical report")
    services.assessment_add(
        recommendation=remedy,
        by=org.lawyer,
        assessed_on=D(2026, 9, 1),
        status="partial",
        documents=[secret],
    )
    page = reverse("monitoring:recommendation", kwargs={"pk": remedy.pk})
    client.force_login(org.lawyer)  # the case team opens it
    assert "Medical report" in client.get(page).content.decode()
    client.force_login(org.supervisor)  # oversees the case by role, not its secret annexes
    assert "Medical report" not in client.get(page).content.decode()
    assert "Medical report" not in client.get(assess_url(remedy)).content.decode()


def test_a_document_of_another_case_is_refused_as_evidence(org, remedy):
    from tests.conftest import make_case

    other = make_case(by=org.lawyer, branch=org.almaty, title="Another case")
    foreign = state_reply(other, org.lawyer, title="Another case's reply")
    with pytest.raises(ValidationError):
        services.assessment_add(
            recommendation=remedy,
            by=org.lawyer,
            assessed_on=D(2026, 9, 1),
            status="partial",
            documents=[foreign],
        )
    assert not Assessment.objects.exists()


def test_a_follow_up_round_attaches_its_evidence_to_every_assessment(org, views_case, remedy):
    reply = state_reply(views_case, org.lawyer)
    data = round_form_data(
        views_case,
        assessed_on="2026-09-01",
        grade="C",
        source_kind="state",
        evidence_documents=[reply.pk],
    )
    form = FollowUpRoundForm(data, case=views_case, user=org.lawyer)
    assert form.is_valid(), form.errors
    assessments = services.follow_up_round(case=views_case, by=org.lawyer, **form.round_kwargs())
    assert [list(a.documents.all()) for a in assessments] == [[reply]]


def edit_url(remedy):
    return reverse(
        "cases:follow_up_remedy_edit", kwargs={"reference": remedy.case.reference, "pk": remedy.pk}
    )


def remedy_data(remedy, **changes):
    data = {
        "title": remedy.title,
        "remedy_kind": remedy.remedy_kind,
        "paragraph": remedy.paragraph,
        "text_ru": remedy.text_ru,
        "text_en": remedy.text_en,
        "text_kk": remedy.text_kk,
        "monitored": "on" if remedy.monitored else "",
        "reason": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


def test_a_remedy_is_corrected_with_a_reason_in_its_history(client, org, remedy):
    client.force_login(org.lawyer)
    response = client.post(
        edit_url(remedy),
        remedy_data(
            remedy,
            title="Adequate compensation",
            paragraph="10",
            text_en="Provide adequate compensation.",
            reason="Paragraph 10 of the Views re-read",
        ),
    )
    assert response.status_code == 302
    remedy.refresh_from_db()
    assert (remedy.title, remedy.paragraph) == ("Adequate compensation", "10")
    latest = remedy.history.first()
    assert latest.history_user == org.lawyer
    assert latest.history_change_reason == "Paragraph 10 of the Views re-read"


def test_a_remedy_no_longer_followed_is_not_graded_again_but_keeps_its_history(
    client, org, views_case, remedy
):
    services.assessment_add(
        recommendation=remedy, by=org.lawyer, assessed_on=D(2026, 6, 1), status="partial"
    )
    client.force_login(org.lawyer)
    response = client.post(edit_url(remedy), remedy_data(remedy, monitored=""))
    assert response.status_code == 302
    assert not Recommendation.objects.get(pk=remedy.pk).monitored
    form = FollowUpRoundForm(case=views_case, user=org.lawyer)
    assert form.remedies == []
    tab = client.get(reverse("cases:follow_up", kwargs={"reference": views_case.reference}))
    body = tab.content.decode()
    assert "no longer followed" in body and "Compensation" in body
    assert Assessment.objects.filter(recommendation=remedy).count() == 1


def test_a_remedy_needs_its_title_and_a_bad_post_loses_nothing(client, org, remedy):
    client.force_login(org.lawyer)
    response = client.post(
        edit_url(remedy), remedy_data(remedy, title="", text_en="Kept as typed.")
    )
    assert response.status_code == 200
    assert "Kept as typed." in response.content.decode()
    assert Recommendation.objects.get(pk=remedy.pk).title == "Compensation"


def test_only_who_may_change_the_case_corrects_a_remedy(client, org, remedy):
    client.force_login(org.other_lawyer)
    assert client.get(edit_url(remedy)).status_code == 404
    client.force_login(org.branch_head)  # sees the case, may not change it
    assert client.get(edit_url(remedy)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.remedy_change(remedy=remedy, by=org.branch_head, title="Changed")


def test_the_remedys_page_links_to_its_correction_for_the_team_only(client, org, remedy):
    page = reverse("monitoring:recommendation", kwargs={"pk": remedy.pk})
    client.force_login(org.lawyer)
    assert edit_url(remedy) in client.get(page).content.decode()
    client.force_login(org.branch_head)
    assert edit_url(remedy) not in client.get(page).content.decode()


def test_the_timeline_reads_its_documents_in_a_constant_number_of_queries(
    org, remedy, django_assert_max_num_queries
):
    for n in range(2):
        services.assessment_add(
            recommendation=remedy,
            by=org.lawyer,
            assessed_on=D(2026, 6, 1 + n),
            status="partial",
            documents=[state_reply(remedy.case, org.lawyer, title=f"Reply {n}")],
        )
    with django_assert_max_num_queries(6):
        small = selectors.timeline(remedy, org.lawyer)
    for n in range(2, 8):
        services.assessment_add(
            recommendation=remedy,
            by=org.lawyer,
            assessed_on=D(2026, 6, 1 + n),
            status="partial",
            documents=[state_reply(remedy.case, org.lawyer, title=f"Reply {n}")],
        )
    with django_assert_max_num_queries(6):
        large = selectors.timeline(remedy, org.lawyer)
    assert (len(small), len(large)) == (2, 8)
    assert all(a.shown_documents for a in large)
