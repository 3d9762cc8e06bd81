"""The access log is tamper-evident: a hash chain that `verify_access_log` checks.

Tampering is done behind the application's back: raw SQL as the table's owner (on PostgreSQL
the append-only trigger is switched off first, as an owner or DBA could), or directly on SQLite.
"""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from casework.access_chain import GENESIS_HASH, entry_hash
from casework.models import AccessAction, AccessLog
from casework.services import log_access
from tests.dbroles import owner_cursor


@pytest.fixture
def logged(org, secret_case):
    for action in (AccessAction.VIEW_CASE, AccessAction.DOWNLOAD, AccessAction.VIEW_IDENTITY):
        log_access(user=org.lawyer, case=secret_case, action=action, obj="Decision", ip="10.0.0.1")
    log_access(user=org.supervisor, case=secret_case, action=AccessAction.VIEW_CASE, ip="::1")
    return list(AccessLog.objects.order_by("id"))


def verify(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_access_log", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def tamper(sql: str, params: list | None = None) -> None:
    """Change the table as its owner would, past the model's append-only guard."""
    if connection.vendor == "postgresql":
        with owner_cursor() as cursor:
            cursor.execute(
                "ALTER TABLE casework_accesslog DISABLE TRIGGER casework_accesslog_append_only"
            )
            cursor.execute(sql, params or [])
            cursor.execute(
                "ALTER TABLE casework_accesslog ENABLE TRIGGER casework_accesslog_append_only"
            )
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])


def test_each_row_is_chained_to_the_previous_one(logged):
    assert logged[0].prev_hash == GENESIS_HASH
    for previous, row in zip(logged, logged[1:], strict=False):
        assert row.prev_hash == previous.hash
    first = logged[0]
    assert first.hash == entry_hash(
        GENESIS_HASH,
        at=first.at,
        user_id=first.user_id,
        case_id=first.case_id,
        action=first.action,
        object_repr=first.object_repr,
        ip_address=first.ip_address,
    )


def test_an_intact_log_verifies_with_a_summary(logged):
    status, out, _ = verify()
    assert status == 0
    assert f"4 rows; head {logged[-1].id}:{logged[-1].hash}" in out


def test_an_empty_log_is_intact(db):
    status, out, _ = verify()
    assert (status, out.strip()) == (0, "access log intact: 0 rows; head none (empty log)")


def test_an_anchor_shows_a_recomputed_chain(logged):
    status, out, _ = verify()
    anchor = out.rsplit("head ", 1)[1].strip()
    assert verify("--anchor", anchor)[0] == 0
    other = f"{logged[-1].id}:{'a' * 64}"
    status, _, err = verify("--anchor", other)
    assert status == 2
    assert "anchor" in err


def test_an_anchor_on_a_missing_row_shows_a_cut_log(logged):
    status, _, err = verify("--anchor", f"{logged[-1].id + 100}:{'a' * 64}")
    assert status == 2
    assert "no longer exists" in err


def test_a_malformed_anchor_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ID:HASH"):
        call_command("verify_access_log", "--anchor", "nonsense")


# Committed rows (transaction=True): on PostgreSQL the owner's own connection must see them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("attack", ["alter", "delete", "insert"])
def test_tampering_behind_the_apps_back_is_reported(attack, org, secret_case):
    for _ in range(3):
        log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE, obj="Doc")
    rows = list(AccessLog.objects.order_by("id"))
    if attack == "alter":
        tamper(
            "UPDATE casework_accesslog SET user_id = %s WHERE id = %s",
            [org.administrator.id, rows[1].id],
        )
        expected, why = rows[1].id, "altered"
    elif attack == "delete":
        tamper("DELETE FROM casework_accesslog WHERE id = %s", [rows[1].id])
        expected, why = rows[2].id, "deleted or inserted"
    else:
        tamper(
            "INSERT INTO casework_accesslog (id, at, user_id, case_id, action, object_repr, "
            "prev_hash, hash) VALUES (%s, %s, %s, %s, 'view_case', '', %s, %s)",
            [rows[-1].id + 1, rows[-1].at, org.lawyer.id, secret_case.id, rows[-1].hash, "f" * 64],
        )
        expected, why = rows[-1].id + 1, "altered"
    status, out, err = verify()
    assert (status, out) == (2, "")
    assert len(err.strip().splitlines()) == 1  # one line naming the row
    assert f"row {expected} " in err
    assert why in err


# --- PostgreSQL: concurrent writers ---------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_keep_one_unbroken_chain(org, secret_case):
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            barrier.wait(timeout=10)
            for _ in range(5):
                log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert AccessLog.objects.count() == 30
    status, out, _ = verify()
    assert status == 0, out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_chains_rows_written_before_it(org, secret_case):
    """0006 back-fills the chain of rows that existed before the hash columns (as the owner)."""
    call_command("migrate", "casework", "0005_user_group_history", verbosity=0)
    try:
        with connection.cursor() as cursor:
            for n in range(3):
                cursor.execute(
                    "INSERT INTO casework_accesslog (at, user_id, case_id, action, object_repr) "
                    "VALUES (%s, %s, %s, 'view_case', %s)",
                    [timezone.now(), org.lawyer.id, secret_case.id, f"page {n}"],
                )
    finally:
        # Every app back to its latest migration: going back to 0005 also unapplied the
        # migrations of other apps that depend on later casework ones.
        call_command("migrate", verbosity=0)
    rows = list(AccessLog.objects.order_by("id"))
    assert len(rows) == 3
    assert rows[0].prev_hash == GENESIS_HASH
    assert rows[2].prev_hash == rows[1].hash
    status, out, _ = verify()
    assert status == 0, out
    log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE)
    assert verify()[0] == 0
