"""The access log is append-only in the database too (PostgreSQL): UPDATE and DELETE raise.

The model already refuses save-over and delete; this stops raw SQL, querysets' .update() and
.delete(), and anyone with the application's database login from rewriting who read what.
TRUNCATE (used by test-database flushes and by an operator deliberately wiping a database) is
not a row operation and is not blocked. Other databases (SQLite in development) keep only the
model-level guard.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION casework_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'casework_accesslog is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS casework_accesslog_append_only ON casework_accesslog;
CREATE TRIGGER casework_accesslog_append_only
    BEFORE UPDATE OR DELETE ON casework_accesslog
    FOR EACH ROW EXECUTE FUNCTION casework_accesslog_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS casework_accesslog_append_only ON casework_accesslog;
DROP FUNCTION IF EXISTS casework_accesslog_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_document_storage"),
    ]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
