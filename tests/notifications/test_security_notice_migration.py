"""security.Notice rows (alarms, reminders) become in-app-only notifications, text as written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import make_case

BEFORE = [("security", "0004_free_text_ceilings"), ("notifications", "0004_alert_params")]
AFTER = [("security", "0005_notices_moved_to_notifications")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_security_notices_become_alerts_that_keep_their_text(org, as_owner):
    secret = make_case(by=org.lawyer, branch=org.almaty, title="Secret", confidentiality="secret")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Notice = old.get_model("security", "Notice")
    at = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
    read = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)
    Notice.objects.create(
        recipient_id=org.administrator.pk,
        subject="Duress login: Lawyer Tester",
        body="Lawyer Tester signed in with their duress password.",
        created_at=at,
    )
    Notice.objects.create(
        recipient_id=org.administrator.pk,
        subject="About a secret case",
        body="b",
        case_id=secret.pk,
        created_at=at,
        read_at=read,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Notification = new.get_model("notifications", "Notification")
    duress, about_secret = Notification.objects.order_by("pk")
    assert (duress.kind, duress.recipient_id, duress.created_at) == (
        "security_notice",
        org.administrator.pk,
        at,
    )
    assert duress.params == {
        "subject": "Duress login: Lawyer Tester",
        "body": "Lawyer Tester signed in with their duress password.",
    }
    assert not duress.read_at and duress.in_app and duress.email_status == "not_wanted"
    # Administrators cannot open secret cases: the case is not kept.
    assert (about_secret.case_id, about_secret.reference, about_secret.url) == (None, "", "")
    assert about_secret.read_at == read
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_a_migrated_notice_shows_its_subject_and_body(org):
    from notifications.models import Kind, Notification

    row = Notification(
        recipient=org.administrator,
        kind=Kind.SECURITY_NOTICE,
        params={"subject": "Duress login: L", "body": "Details."},
    )
    assert row.message == "Duress login: L — Details."
