"""Full-text indexes for the case search on PostgreSQL (issue 13, casework.fulltext).

One GIN index per text-search configuration on the expression the search writes,
`to_tsvector(config, title || ' ' || summary)`: the planner uses an expression index only for
the very same expression, so casework.fulltext.CaseTextMatches must stay in step with this.
PostgreSQL only: SQLite matches in Python (the zero-set-up default is not meant for 100,000
cases).
"""

from django.db import migrations

CONFIGS = ("russian", "english", "simple")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS case_text_{config}_fts ON casework_case USING gin "
            f"((to_tsvector('{config}'::regconfig, (title || ' ' || summary))))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS case_text_{config}_fts")


class Migration(migrations.Migration):
    dependencies = [("casework", "0023_search_trigram_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
