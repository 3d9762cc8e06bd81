"""Two PostgreSQL roles: the owner runs migrations, the runtime role runs Remedy.

A role that owns a table can do anything to it: `ALTER TABLE … DISABLE TRIGGER`, then delete the
access log. So the web application and the workers connect as a *runtime* role that owns
nothing: ordinary SELECT/INSERT/UPDATE/DELETE on Remedy's tables, INSERT and SELECT only on the
access log (no UPDATE, DELETE or TRUNCATE), read-only on the migration ledger, and no DDL.
Migrations run as the *owner* role (`DATABASE_MIGRATE_URL`), and grant the runtime role its
privileges afterwards (security/management/commands/migrate.py); default privileges cover tables
the owner creates later by other means (docs/security.md, "Database roles").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import dj_database_url
from django.db import connections

# Tables the runtime role may read and append to, never change or empty.
APPEND_ONLY_TABLES = ("casework_accesslog",)
# Tables the runtime role may only read.
READ_ONLY_TABLES = ("django_migrations",)

_ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")


@dataclass(frozen=True)
class RoleCredentials:
    user: str
    password: str
    host: str
    port: str


def credentials_from_url(url: str) -> RoleCredentials:
    parsed = dj_database_url.parse(url)
    return RoleCredentials(
        user=parsed.get("USER", "") or "",
        password=parsed.get("PASSWORD", "") or "",
        host=parsed.get("HOST", "") or "",
        port=str(parsed.get("PORT", "") or ""),
    )


def database_name_from_url(url: str) -> str:
    return dj_database_url.parse(url).get("NAME", "") or ""


def quote_role(role: str) -> str:
    """A role name as an SQL identifier; refuses anything that is not a plain name."""
    if not _ROLE_NAME.match(role):
        raise ValueError(f"Not a plain PostgreSQL role name: {role!r}")
    return '"' + role + '"'


def runtime_grant_statements(
    *, role: str, owner: str, schema: str = "public", present: set[str] | None = None
) -> list[str]:
    """The SQL that gives `role` exactly the runtime privileges on `owner`'s tables in `schema`.

    `present`: the tables that exist (named tables missing from it are skipped)."""
    r, o, s = quote_role(role), quote_role(owner), quote_role(schema)
    statements = [
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"REVOKE CREATE ON SCHEMA {s} FROM {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        # Tables and sequences the owner creates later get the ordinary grants at once; the
        # next migrate (which always re-runs this) narrows append-only tables again.
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {r}",
    ]
    for table in APPEND_ONLY_TABLES:
        if present is not None and table not in present:
            continue
        statements += [
            f"REVOKE ALL ON {s}.{table} FROM {r}",
            f"GRANT SELECT, INSERT ON {s}.{table} TO {r}",
        ]
    for table in READ_ONLY_TABLES:
        if present is not None and table not in present:
            continue
        statements += [f"REVOKE ALL ON {s}.{table} FROM {r}", f"GRANT SELECT ON {s}.{table} TO {r}"]
    return statements


def grant_runtime_privileges(*, role: str, using: str = "default") -> list[str]:
    """Run the grants on database `using` as its current (owner) login; returns the SQL run."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        owner, schema = cursor.fetchone()
        if owner == role:
            raise ValueError(
                "The runtime role must not be the owner role: connect as the owner "
                "(DATABASE_MIGRATE_URL) to grant."
            )
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            raise ValueError(f"PostgreSQL has no role {role!r}: create it first (CREATE ROLE).")
        present = set(connection.introspection.table_names(cursor))
        statements = runtime_grant_statements(
            role=role, owner=owner, schema=schema, present=present
        )
        for sql in statements:
            cursor.execute(sql)
    return statements


@dataclass(frozen=True)
class RoleReport:
    role: str
    owns_tables: int
    superuser: bool
    can_change_access_log: bool


def current_role_report(using: str = "default") -> RoleReport | None:
    """What the connected role could do to Remedy's tables (None off PostgreSQL)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),"
            " (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
            "  AND tableowner = current_user),"
            " CASE WHEN to_regclass('casework_accesslog') IS NULL THEN false ELSE"
            "  has_table_privilege('casework_accesslog', 'UPDATE') OR"
            "  has_table_privilege('casework_accesslog', 'DELETE') OR"
            "  has_table_privilege('casework_accesslog', 'TRUNCATE') END"
        )
        role, superuser, owns, can_change = cursor.fetchone()
    return RoleReport(
        role=role,
        owns_tables=int(owns),
        superuser=bool(superuser),
        can_change_access_log=can_change,
    )
