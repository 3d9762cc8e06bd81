"""PostgreSQL: Remedy runs as a runtime role that cannot erase or rewrite the access log.

Issue 10 item 9: the application's login owned the tables, so it could
`ALTER TABLE casework_accesslog DISABLE TRIGGER …` and then DELETE. The suite runs as the runtime
role (tests/dbroles.py, `.ci/run`); each attack below is made on the test's own connection.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from casework.models import AccessAction, AccessLog
from casework.services import log_access
from security.db_roles import current_role_report, runtime_grant_statements
from tests import dbroles

needs_two_roles = pytest.mark.skipif(
    "not dbroles.two_roles()",
    reason="needs DATABASE_MIGRATE_URL (owner) and DATABASE_URL (runtime role), as .ci/run sets",
)


@pytest.fixture
def entries(org, secret_case):
    log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE, ip="10.0.0.1")
    log_access(user=org.lawyer, case=secret_case, action=AccessAction.DOWNLOAD, obj="Decision")


def refused(sql: str) -> str:
    with pytest.raises(DatabaseError) as excinfo, transaction.atomic(), connection.cursor() as c:
        c.execute(sql)
    return str(excinfo.value)


ATTACKS = {
    "disable the trigger": (
        "ALTER TABLE casework_accesslog DISABLE TRIGGER casework_accesslog_append_only"
    ),
    "disable every trigger": "ALTER TABLE casework_accesslog DISABLE TRIGGER ALL",
    "drop the trigger": "DROP TRIGGER casework_accesslog_append_only ON casework_accesslog",
    "alter the table": "ALTER TABLE casework_accesslog DROP COLUMN hash",
    "delete rows": "DELETE FROM casework_accesslog",
    "update rows": "UPDATE casework_accesslog SET object_repr = 'nothing'",
    "truncate": "TRUNCATE casework_accesslog",
    "drop the table": "DROP TABLE casework_accesslog CASCADE",
    "create a table (DDL)": "CREATE TABLE remedy_smuggled (id int)",
    "replace the trigger function": (
        "CREATE OR REPLACE FUNCTION casework_accesslog_append_only() RETURNS trigger "
        "AS $$ BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql"
    ),
}


@pytest.mark.postgres
@needs_two_roles
@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_runtime_role_cannot_erase_or_rewrite_the_access_log(attack, entries):
    message = refused(ATTACKS[attack])
    assert "permission denied" in message or "must be owner" in message
    assert AccessLog.objects.count() == 2


@pytest.mark.postgres
@needs_two_roles
def test_runtime_role_appends_and_reads_the_access_log(org, secret_case):
    log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE)
    assert AccessLog.objects.filter(case=secret_case).count() == 1


@pytest.mark.postgres
@needs_two_roles
def test_runtime_role_owns_nothing_and_cannot_change_the_access_log(db):
    report = current_role_report()
    assert report is not None
    assert report.owns_tables == 0
    assert not report.superuser
    assert not report.can_change_access_log


@pytest.mark.postgres
@needs_two_roles
def test_runtime_role_cannot_fake_the_migration_ledger(db):
    message = refused("DELETE FROM django_migrations")
    assert "permission denied" in message


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_trigger_refuses_even_the_owner(org, secret_case):
    """Belt and braces: the owner (or a one-role installation) is stopped by the trigger."""
    log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE)
    with dbroles.owner_cursor() as cursor:
        for sql in (
            "UPDATE casework_accesslog SET object_repr = 'x'",
            "DELETE FROM casework_accesslog",
        ):
            with pytest.raises(Exception, match="append-only"):
                cursor.execute(sql)
            if not dbroles.two_roles():
                break  # one role: the test's connection is in an aborted state now
    assert AccessLog.objects.count() == 1


def test_grants_give_the_access_log_select_and_insert_only():
    statements = runtime_grant_statements(role="remedy_app", owner="remedy_owner")
    assert 'REVOKE ALL ON "public".casework_accesslog FROM "remedy_app"' in statements
    assert 'GRANT SELECT, INSERT ON "public".casework_accesslog TO "remedy_app"' in statements
    assert any(s.startswith('ALTER DEFAULT PRIVILEGES FOR ROLE "remedy_owner"') for s in statements)
    # The narrowing comes after the broad grant, so it wins.
    broad = statements.index(
        'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "public" TO "remedy_app"'
    )
    assert broad < statements.index(
        'GRANT SELECT, INSERT ON "public".casework_accesslog TO "remedy_app"'
    )


@pytest.mark.parametrize("name", ['app"; DROP TABLE x; --', "app role", ""])
def test_grants_refuse_role_names_that_are_not_plain(name):
    with pytest.raises(ValueError, match="plain PostgreSQL role name"):
        runtime_grant_statements(role=name, owner="remedy_owner")


@pytest.mark.postgres
@needs_two_roles
def test_deploy_check_is_quiet_for_the_runtime_role(db):
    from security.checks import check_runtime_database_role

    assert check_runtime_database_role(databases=["default"]) == []


def test_deploy_check_warns_when_remedy_runs_as_the_owner(db, monkeypatch):
    from security import checks
    from security.db_roles import RoleReport

    owner = RoleReport(role="remedy", owns_tables=80, superuser=False, can_change_access_log=True)
    monkeypatch.setattr(checks, "current_role_report", lambda alias: owner)
    [warning] = checks.check_runtime_database_role(databases=["default"])
    assert warning.id == "remedy.W010"
    assert "owns 80 tables" in warning.msg
    assert checks.check_runtime_database_role(databases=None) == []
