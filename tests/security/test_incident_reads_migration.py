"""Incident reads kept in their old table move into the hash-chained access log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from casework.access_chain import CHAIN_FIELDS, verify_rows

BEFORE = [
    ("security", "0002_seed_incident_checklists"),
    ("casework", "0019_theme_names_per_language"),
]
AFTER = [("security", "0003_incident_reads_to_access_log")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_incident_reads_become_chained_access_log_rows(as_owner):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("casework", "User")
    Incident = old.get_model("security", "Incident")
    IncidentRead = old.get_model("security", "IncidentRead")
    reader = User.objects.create(username="reader-before-the-move")
    incident = Incident.objects.create(
        kind="search", occurred_at=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    )
    at = dt.datetime(2026, 3, 2, 10, 30, 15, 123456, tzinfo=dt.UTC)
    IncidentRead.objects.create(incident=incident, user=reader, at=at, ip_address="10.0.0.7")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    AccessLog = new.get_model("casework", "AccessLog")
    row = AccessLog.objects.get(user_id=reader.pk)
    assert (row.case_id, row.action, row.object_repr, row.ip_address) == (
        None,
        "view_incident",
        f"incident #{incident.pk}",
        "10.0.0.7",
    )
    assert row.at == at.replace(microsecond=123000)
    rows = AccessLog.objects.order_by("id").values("id", "prev_hash", "hash", *CHAIN_FIELDS)
    assert verify_rows(rows).broken is None
    # Forward to the newest state again for the tests after this one.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
