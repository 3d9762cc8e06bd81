"""casework.Notice rows (break-glass notices) become in-app-only notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import make_case

BEFORE = [
    ("casework", "0020_accesslog_incident_reads"),
    ("notifications", "0001_notifications_and_preferences"),
]
AFTER = [("casework", "0021_notices_moved_to_notifications")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_notices_become_alerts_masked_where_the_recipient_cannot_open_the_case(org, as_owner):
    normal = make_case(by=org.lawyer, branch=org.almaty, title="Normal")
    normal.responsible_lawyer = org.lawyer
    normal.save()
    secret = make_case(by=org.lawyer, branch=org.almaty, title="Secret", confidentiality="secret")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Notice = old.get_model("casework", "Notice")
    at = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
    for recipient, case in [(org.lawyer, normal), (org.administrator, secret)]:
        Notice.objects.create(
            recipient_id=recipient.pk,
            kind="break_glass",
            case_id=case.pk,
            actor_id=org.supervisor.pk,
            text="The lawyer is detained",
            created_at=at,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Notification = new.get_model("notifications", "Notification")
    mine = Notification.objects.get(recipient_id=org.lawyer.pk)
    assert (mine.kind, mine.case_id, mine.reference, mine.note, mine.actor_id) == (
        "break_glass",
        normal.pk,
        normal.reference,
        "The lawyer is detained",
        org.supervisor.pk,
    )
    assert mine.url == f"/cases/{normal.reference}/team/"
    assert mine.created_at == at
    masked = Notification.objects.get(recipient_id=org.administrator.pk)
    assert (masked.case_id, masked.reference, masked.url, masked.note) == (None, "", "", "")
    assert masked.actor_id == org.supervisor.pk
    assert not masked.read_at and masked.in_app and masked.email_status == "not_wanted"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
