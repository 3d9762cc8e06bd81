"""The old one-grade follow-up rows become per-remedy assessments, and back (issue 16)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("monitoring", "0002_seed_mechanisms_and_grades"),
    ("communications", "0006_submission_review"),
]
AFTER = [
    ("monitoring", "0003_follow_up_from_communications"),
    ("communications", "0009_follow_up_moved_to_monitoring"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_follow_up_rows_move_to_a_remedy_and_back(org, case, as_owner):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Communication = old.get_model("communications", "Communication")
    FollowUpAssessment = old.get_model("communications", "FollowUpAssessment")
    communication = Communication.objects.create(
        case_id=case.pk,
        state_id=old.get_model("communications", "StateParty").objects.get(code="KZ").pk,
        outcome="views",
        decided_on=dt.date(2026, 3, 2),
        document_symbol="CCPR/C/146/D/4321/2026",
        remedies_ordered="Compensation; retrial.",
    )
    FollowUpAssessment.objects.create(
        communication=communication,
        assessed_on=dt.date(2026, 9, 1),
        grade="C",
        state_reply_summary="Lawful.",
        notes="Nothing done.",
        recorded_by_id=org.lawyer.pk,
    )
    FollowUpAssessment.objects.create(
        communication=communication,
        assessed_on=dt.date(2026, 11, 1),
        grade="",
        recorded_by_id=org.lawyer.pk,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    remedy = new.get_model("monitoring", "Recommendation").objects.get(case_id=case.pk)
    assert (
        remedy.text_ru == "Compensation; retrial."
        and remedy.symbol == communication.document_symbol
    )
    rows = list(
        remedy.assessments.order_by("assessed_on").values_list(
            "assessed_on", "grade__code", "status", "source_kind", "notes", "assessed_by_id"
        )
    )
    assert rows == [
        (
            dt.date(2026, 9, 1),
            "C",
            "not_implemented",
            "state",
            "State's reply: Lawful.\n\nNothing done.",
            org.lawyer.pk,
        ),
        (dt.date(2026, 11, 1), None, "no_information", "own", "", org.lawyer.pk),
    ]

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps
    restored = back.get_model("communications", "FollowUpAssessment").objects.order_by(
        "assessed_on"
    )
    assert [(r.grade, r.state_reply_summary, r.notes) for r in restored] == [
        ("C", "Lawful.", "Nothing done."),
        ("", "", ""),
    ]
    assert not back.get_model("monitoring", "Recommendation").objects.exists()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
