"""The PostgreSQL suite runs as the runtime role, like production (security.db_roles).

With `DATABASE_URL` (runtime role) and `DATABASE_MIGRATE_URL` (owner role) both set, as
`.ci/run` does:

1. the test database is created, migrated and serialised as the owner (`connect_as_owner`,
   called from `django_db_modify_db_settings` before pytest-django sets the database up);
2. then the owner grants the runtime role its privileges and every connection switches to the
   runtime role (`hand_over_to_runtime_role`): the tests run with exactly production's rights;
3. the flushes between transactional tests (TRUNCATE, which production never does and the
   runtime role may not do) run on a connection of the owner;
4. at the end the owner drops the test database.

Without `DATABASE_MIGRATE_URL` (SQLite, or PostgreSQL with one role) nothing changes, and the
tests that need two roles skip with a reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg
from django.conf import settings
from django.db import connections
from django.db.backends.postgresql.operations import DatabaseOperations

from security.db_roles import credentials_from_url, grant_runtime_privileges

_runtime: dict[str, str] = {}
_original_flush = None


def two_roles() -> bool:
    """True when the suite runs as a runtime role distinct from the owner role."""
    if connections["default"].vendor != "postgresql" or not settings.REMEDY_DATABASE_MIGRATE_URL:
        return False
    owner = credentials_from_url(settings.REMEDY_DATABASE_MIGRATE_URL)
    return (
        bool(owner.user)
        and owner.user != credentials_from_url(settings.REMEDY_DATABASE_RUNTIME_URL).user
    )


def owner_settings() -> dict[str, str]:
    owner = credentials_from_url(settings.REMEDY_DATABASE_MIGRATE_URL)
    current = connections["default"].settings_dict
    return {
        "USER": owner.user,
        "PASSWORD": owner.password,
        "HOST": owner.host or current.get("HOST", ""),
        "PORT": owner.port or str(current.get("PORT", "")),
    }


def _switch(values: dict[str, str]) -> None:
    connection = connections["default"]
    connection.close()
    connection.settings_dict.update(values)
    settings.DATABASES["default"].update(values)


def connect_as_owner() -> None:
    if not two_roles():
        return
    current = connections["default"].settings_dict
    if not _runtime:
        _runtime.update({key: current.get(key, "") for key in ("USER", "PASSWORD", "HOST", "PORT")})
    _switch(owner_settings())


def hand_over_to_runtime_role() -> None:
    global _original_flush
    if not two_roles() or not _runtime:
        return
    grant_runtime_privileges(role=_runtime["USER"])
    _switch(_runtime)
    if _original_flush is None:
        _original_flush = DatabaseOperations.execute_sql_flush
        DatabaseOperations.execute_sql_flush = _execute_sql_flush_as_owner


def restore_owner_for_teardown() -> None:
    global _original_flush
    if _original_flush is not None:
        DatabaseOperations.execute_sql_flush = _original_flush
        _original_flush = None
    connections.close_all()
    connect_as_owner()


def _execute_sql_flush_as_owner(self, sql_list):
    """TRUNCATE between transactional tests, as the owner: the runtime role may not empty tables.

    Inside a test's open transaction the runtime connection cannot be swapped (and an owner
    connection would wait on its locks): such a flush runs as the runtime role and is refused,
    as it would be in production.
    """
    connection = self.connection
    if connection.in_atomic_block:
        return _original_flush(self, sql_list)
    runtime = {key: connection.settings_dict.get(key, "") for key in _runtime}
    connection.close()
    connection.settings_dict.update(owner_settings())
    try:
        return _original_flush(self, sql_list)
    finally:
        connection.close()
        connection.settings_dict.update(runtime)


@contextlib.contextmanager
def owner_cursor() -> Iterator:
    """A cursor on the test database as the owner role, in autocommit (raw SQL behind the app's
    back). With one role it is the test's own connection."""
    if not two_roles():
        with connections["default"].cursor() as cursor:
            yield cursor
        return
    current = connections["default"].settings_dict
    owner = owner_settings()
    with (
        psycopg.connect(
            dbname=current["NAME"],
            user=owner["USER"],
            password=owner["PASSWORD"] or None,
            host=owner["HOST"] or None,
            port=owner["PORT"] or None,
            autocommit=True,
        ) as raw,
        raw.cursor() as cursor,
    ):
        yield cursor


@contextlib.contextmanager
def runtime_cursor() -> Iterator:
    """A cursor of the runtime role in its own autocommit connection (a fresh login)."""
    current = connections["default"].settings_dict
    with (
        psycopg.connect(
            dbname=current["NAME"],
            user=_runtime.get("USER") or current["USER"],
            password=(_runtime.get("PASSWORD") or current.get("PASSWORD")) or None,
            host=(_runtime.get("HOST") or current.get("HOST")) or None,
            port=(_runtime.get("PORT") or current.get("PORT")) or None,
            autocommit=True,
        ) as raw,
        raw.cursor() as cursor,
    ):
        yield cursor
