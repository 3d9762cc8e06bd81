"""Give the runtime role its privileges (PostgreSQL); `migrate` already does this after every run
when DATABASE_MIGRATE_URL is set. Run it as the owner role: DATABASE_URL pointing at the owner."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from security.db_roles import grant_runtime_privileges


class Command(BaseCommand):
    help = "Grant ROLE the runtime privileges: DML, append-only access log, no DDL (PostgreSQL)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("role", help="The runtime role (the login of the web app).")
        parser.add_argument("--database", default="default")

    def handle(self, *args, role: str, database: str, **options) -> None:
        if connections[database].vendor != "postgresql":
            raise CommandError("Database roles apply to PostgreSQL only; nothing was changed.")
        try:
            statements = grant_runtime_privileges(role=role, using=database)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for sql in statements:
            self.stdout.write(sql + ";")
