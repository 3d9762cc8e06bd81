from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models import CharField, TextField
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Importing the module connects the history-context receiver (app loading).
        from casework import (
            audit,  # noqa: F401
            fulltext,
            search,  # app loading: search imports the models
        )

        # SQLite folds only ASCII case; PostgreSQL folds every script (casework.search).
        connection_created.connect(search.register_sqlite_casefold)
        # SQLite has no full-text search with stemming: casework.fulltext does it in Python.
        connection_created.connect(fulltext.register_sqlite_functions)
        for field in (CharField, TextField):
            field.register_lookup(search.CasefoldIContains)
