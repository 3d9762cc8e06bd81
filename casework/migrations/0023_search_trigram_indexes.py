"""Trigram indexes for the case search on PostgreSQL (issue 13).

The search matches substrings (`icontains`, which PostgreSQL runs as
`UPPER(col::text) LIKE UPPER('%…%')`), so a B-tree cannot help and every search read every
case. pg_trgm's GIN operator class answers LIKE '%…%' from an index; each index is on the very
expression Django writes, or the planner would not use it. PostgreSQL only: SQLite keeps its
scan (the zero-set-up default is not meant for 100,000 cases). pg_trgm is a trusted extension
(PostgreSQL 13+), so the database owner that runs migrations may create it.
"""

from django.db import migrations

# (index name, table, column)
INDEXES = [
    ("case_reference_trgm", "casework_case", "reference"),
    ("case_title_trgm", "casework_case", "title"),
    ("case_summary_trgm", "casework_case", "summary"),
    ("caseparty_authority_trgm", "casework_caseparty", "authority_name"),
    ("proceeding_number_trgm", "casework_proceeding", "court_case_number"),
    ("person_full_name_trgm", "casework_person", "full_name"),
    ("person_latin_trgm", "casework_person", "full_name_latin"),
    ("person_cyrillic_trgm", "casework_person", "full_name_cyrillic"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("casework", "0022_proceeding_body_kk")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
