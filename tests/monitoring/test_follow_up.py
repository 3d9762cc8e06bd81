"""Follow-up of Views remedy by remedy: the round, the matrix, the dialogue, the deadlines."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from deadlines.models import Deadline, DeadlineRule, DeadlineStatus
from deadlines.services import sync_for_event
from monitoring import selectors, services
from monitoring.forms import FollowUpRoundForm, round_form_data
from monitoring.models import Assessment, DialogueStatus, FollowUpGrade

D = dt.date


def grade(code):
    return FollowUpGrade.objects.get(code=code)


def first_round(case, by, **extra):
    return services.follow_up_round(
        case=case,
        by=by,
        assessed_on=D(2026, 6, 1),
        source_kind="committee",
        source_reference="CCPR/C/147/3/Add.1",
        new_remedies=[("Compensation", "compensation", grade("C")), ("Retrial", "retrial", None)],
        **extra,
    )


def test_a_round_creates_the_remedies_and_grades_each_separately(views_case, org):
    assessments = first_round(views_case, org.lawyer)
    remedies = selectors.case_remedies(views_case)
    assert [r.title for r in remedies] == ["Compensation", "Retrial"]
    assert remedies[0].symbol == "CCPR/C/146/D/4321/2026"
    assert remedies[0].issued_on == D(2026, 3, 2)
    # Only the graded remedy has an assessment; its status follows the grade's mapping.
    assert [(a.recommendation.title, a.grade.code, a.status) for a in assessments] == [
        ("Compensation", "C", "not_implemented")
    ]


def test_the_matrix_has_one_column_per_assessment_date(views_case, org):
    first_round(views_case, org.lawyer)
    compensation, retrial = selectors.case_remedies(views_case)
    services.follow_up_round(
        case=views_case,
        by=org.lawyer,
        assessed_on=D(2026, 9, 1),
        source_kind="state",
        grades=[
            services.RemedyGrade(compensation, grade("B1"), "partial"),
            services.RemedyGrade(retrial, grade("E"), "regressed"),
        ],
    )
    matrix = selectors.follow_up_matrix(selectors.case_remedies(views_case))
    assert matrix.dates == [D(2026, 6, 1), D(2026, 9, 1)]
    cells = [[c.grade.code if c else None for c in row.cells] for row in matrix.rows]
    assert cells == [["C", "B1"], [None, "E"]]


def test_an_assessment_cannot_precede_the_views(views_case, org):
    with pytest.raises(ValidationError):
        services.follow_up_round(
            case=views_case,
            by=org.lawyer,
            assessed_on=D(2026, 1, 1),
            source_kind="committee",
            new_remedies=[("Compensation", "compensation", grade("A"))],
        )
    assert not Assessment.objects.exists()


def test_only_who_may_change_the_case_records_follow_up(views_case, org):
    with pytest.raises(PermissionDenied):
        first_round(views_case, org.analyst)
    with pytest.raises(PermissionDenied):
        first_round(views_case, org.branch_head)  # sees the case, may not change it


def test_the_dialogue_keeps_its_history_and_ignores_an_unchanged_status(views_case, org):
    first_round(views_case, org.lawyer, dialogue=DialogueStatus.ONGOING)
    services.dialogue_status_set(
        case=views_case, by=org.lawyer, status=DialogueStatus.ONGOING, changed_on=D(2026, 7, 1)
    )
    services.dialogue_status_set(
        case=views_case,
        by=org.lawyer,
        status=DialogueStatus.CLOSED_UNSATISFACTORY,
        changed_on=D(2026, 10, 1),
        source_reference="CCPR/C/148/3",
    )
    history = selectors.dialogue_history(views_case)
    assert [(h.status, h.changed_on) for h in history] == [
        (DialogueStatus.CLOSED_UNSATISFACTORY, D(2026, 10, 1)),
        (DialogueStatus.ONGOING, D(2026, 6, 1)),
    ]
    with pytest.raises(ValidationError):
        services.dialogue_status_set(
            case=views_case, by=org.lawyer, status=DialogueStatus.ONGOING, changed_on=D(2026, 9, 1)
        )


def test_the_states_reply_meets_the_180_day_deadline(views_case, org):
    [reply] = sync_for_event(
        case=views_case,
        trigger="hrc_views_adopted",
        event_date=D(2026, 3, 2),
        source_key="views",
        by=org.lawyer,
    )
    assert reply.rule.code == "hrc-follow-up-state-reply"
    assert reply.due_date == D(2026, 8, 29)  # 180 days after 2 March 2026 (OP art. 5(4) practice)
    services.follow_up_round(
        case=views_case,
        by=org.lawyer,
        assessed_on=D(2026, 8, 20),
        source_kind="state",
        new_remedies=[("Compensation", "compensation", grade("C"))],
    )
    reply.refresh_from_db()
    assert reply.status == DeadlineStatus.DONE


def test_the_date_the_committee_set_for_the_authors_comments_becomes_a_deadline(views_case, org):
    first_round(views_case, org.lawyer, author_comments_due=D(2026, 12, 15))
    first_round_again = services.author_comments_deadline(
        case=views_case, by=org.lawyer, due_on=D(2026, 12, 15)
    )
    deadline = Deadline.objects.get(case=views_case, rule__code="hrc-follow-up-author-comments")
    assert deadline == first_round_again  # entering the same date again adds nothing
    assert deadline.due_date == D(2026, 12, 15)
    assert DeadlineRule.objects.get(code="hrc-follow-up-author-comments").date_set_per_case


def test_the_round_form_needs_remedies_and_a_grade(views_case, org):
    form = FollowUpRoundForm(
        {"assessed_on": "2026-06-01", "source_kind": "committee"}, case=views_case, user=org.lawyer
    )
    assert not form.is_valid()
    assert "new_title_1" in form.errors
    data = round_form_data(
        views_case,
        assessed_on="2026-06-01",
        grade="B2",
        remedies=(("Compensation", "compensation"),),
    )
    form = FollowUpRoundForm(data, case=views_case, user=org.lawyer)
    assert form.is_valid(), form.errors
    assert form.round_kwargs()["new_remedies"][0][2] == grade("B2")


def test_the_follow_up_tab_shows_the_matrix_and_hides_the_case_from_others(client, views_case, org):
    first_round(views_case, org.lawyer, dialogue=DialogueStatus.ONGOING)
    url = reverse("cases:follow_up", kwargs={"reference": views_case.reference})
    client.force_login(org.lawyer)
    page = client.get(url).content.decode()
    assert "Compensation" in page and "<strong>C</strong>" in page and "2026-06-01" in page
    client.force_login(org.other_lawyer)
    assert client.get(url).status_code == 404
    record = reverse("cases:follow_up_record", kwargs={"reference": views_case.reference})
    client.force_login(org.branch_head)
    assert client.get(url).status_code == 200
    assert client.get(record).status_code == 404  # may see, may not change


def test_the_tab_records_a_round_and_refuses_bad_input_without_losing_it(client, views_case, org):
    client.force_login(org.lawyer)
    url = reverse("cases:follow_up_record", kwargs={"reference": views_case.reference})
    response = client.post(
        url,
        {
            "assessed_on": "2026-01-01",
            "source_kind": "committee",
            "new_title_1": "Compensation",
            "new_grade_1": grade("A").pk,
        },
    )
    assert response.status_code == 200
    assert "cannot precede the Views" in response.content.decode()
    assert 'value="Compensation"' in response.content.decode()
    response = client.post(
        url,
        {
            "assessed_on": "2026-04-01",
            "source_kind": "committee",
            "new_title_1": "Compensation",
            "new_kind_1": "compensation",
            "new_grade_1": grade("A").pk,
        },
    )
    assert response.status_code == 302
    assert Assessment.objects.get().grade.code == "A"
