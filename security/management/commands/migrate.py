"""`migrate`, run as the owner role when DATABASE_MIGRATE_URL is set (PostgreSQL).

Remedy connects as a runtime role that owns nothing and may not change the schema
(security.db_roles). This command swaps the connection to the owner's login for the migration,
then grants the runtime role (the login of DATABASE_URL) its privileges on every table, new ones
included, and switches back. Without DATABASE_MIGRATE_URL it is Django's migrate, unchanged.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from security.db_roles import (
    credentials_from_url,
    database_name_from_url,
    grant_runtime_privileges,
)


class Command(DjangoMigrate):
    help = DjangoMigrate.help + " Runs as the owner role when DATABASE_MIGRATE_URL is set."

    def handle(self, *args, **options):
        owner_url = getattr(settings, "REMEDY_DATABASE_MIGRATE_URL", "")
        connection = connections[options["database"]]
        if not owner_url or connection.vendor != "postgresql":
            return super().handle(*args, **options)
        owner = credentials_from_url(owner_url)
        runtime_role = connection.settings_dict.get("USER") or ""
        owner_db = database_name_from_url(owner_url)
        runtime_db = database_name_from_url(settings.REMEDY_DATABASE_RUNTIME_URL)
        if owner_db and runtime_db and owner_db != runtime_db:
            raise CommandError(
                "DATABASE_MIGRATE_URL and DATABASE_URL must name the same database "
                f"({owner_db!r} is not {runtime_db!r}); nothing was migrated."
            )
        if runtime_role == owner.user:
            return super().handle(*args, **options)
        saved = {
            key: connection.settings_dict.get(key) for key in ("USER", "PASSWORD", "HOST", "PORT")
        }
        connection.close()
        connection.settings_dict.update(
            USER=owner.user,
            PASSWORD=owner.password,
            HOST=owner.host or saved["HOST"],
            PORT=owner.port or saved["PORT"],
        )
        try:
            super().handle(*args, **options)
            if runtime_role:
                grant_runtime_privileges(role=runtime_role, using=options["database"])
                if options["verbosity"] >= 1:
                    self.stdout.write(
                        f"Granted the runtime role {runtime_role!r} its privileges "
                        "(append-only access log, no DDL)."
                    )
        finally:
            connection.close()
            connection.settings_dict.update(saved)
