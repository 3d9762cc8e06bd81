"""A publication's follow-up grade is a grade of the Committee's scale as data (monitoring), on
today's scale, published with its label in every public language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from communications.models import CommitteeOutcome
from monitoring import services as monitoring
from monitoring.models import FollowUpGrade, ImplementationStatus, RemedyKind
from publication import services
from publication.forms import PublicationForm

from .conftest import publish


def test_the_grade_is_published_with_its_label_in_every_language(org, ready):
    grade = FollowUpGrade.objects.get(code="B")
    grade.label_kk = "Ішінара қанағаттанарлық (тексеру)"
    grade.save()
    services.publication_update(
        publication=ready.publication, by=org.lawyer, data={"follow_up_grade": grade}
    )
    snapshot = publish(ready, org)
    assert snapshot.content["follow_up"] == {
        "grade": "B",
        "label": {"ru": grade.label_ru, "kk": grade.label_kk, "en": grade.label},
    }


def test_only_todays_scale_is_offered_and_accepted(org, ready):
    form = PublicationForm(instance=ready.publication)
    offered = {grade.code for grade in form.fields["follow_up_grade"].queryset}
    assert offered == {"A", "B", "C", "D", "E"}
    old = FollowUpGrade.objects.filter(current=False).first()
    assert old is not None  # the earlier methodology's sub-grades are kept as data
    with pytest.raises(ValidationError):
        services.publication_update(
            publication=ready.publication, by=org.lawyer, data={"follow_up_grade": old}
        )


def test_a_new_publication_takes_the_latest_grade_of_the_views_remedies(org, case, monkeypatch):
    from types import SimpleNamespace

    views_on = dt.date(2025, 3, 1)
    remedy = monitoring.remedy_add(
        case=case, by=org.lawyer, title="Compensation", remedy_kind=RemedyKind.COMPENSATION,
        issued_on=views_on,
    )  # fmt: skip
    for on, code in [(dt.date(2025, 10, 1), "C"), (dt.date(2026, 4, 1), "B")]:
        monitoring.assessment_add(
            recommendation=remedy,
            by=org.lawyer,
            assessed_on=on,
            status=ImplementationStatus.PARTIAL,
            grade=FollowUpGrade.objects.get(code=code),
        )
    communication = SimpleNamespace(
        outcome=CommitteeOutcome.VIEWS, decided_on=views_on, document_symbol="CCPR/C/1/D/1/2025"
    )
    monkeypatch.setattr(services, "communication_for", lambda case: communication)
    publication = services.publication_start(case=case, by=org.lawyer)
    assert publication.follow_up_grade.code == "B"


BEFORE = [("publication", "0002_free_text_ceilings"), ("monitoring", "0004_free_text_ceilings")]
AFTER = [("publication", "0005_follow_up_grade_letters_removed")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_letters_become_references_to_the_scale(org, case, as_owner):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Publication = old.get_model("publication", "Publication")
    row = Publication.objects.create(
        case_id=case.pk,
        slug="x1",
        follow_up_grade="C",
        theme_id=case.theme_id,
        created_by_id=org.lawyer.pk,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("publication", "Publication").objects.get(pk=row.pk)
    grade = new.get_model("monitoring", "FollowUpGrade").objects.get(pk=migrated.follow_up_grade_id)
    assert (grade.code, grade.current) == ("C", True)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
