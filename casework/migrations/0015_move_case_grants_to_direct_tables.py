"""Move every grant on a case, and its whole history, from guardian's generic tables to the
direct-foreign-key tables (0011), keeping row ids so that history rows still name their grant.

One INSERT … SELECT per table (fast at 700k rows), then the copied rows leave the generic tables:
a grant lives in exactly one place. Grants on other models stay where they are. Reversible: the
reverse copies the rows back and empties the direct tables.
"""

from django.db import migrations

# (generic table, direct table, the grantee column)
GRANTS = [
    ("guardian_userobjectpermission", "casework_caseuserobjectpermission", "user_id"),
    ("guardian_groupobjectpermission", "casework_casegroupobjectpermission", "group_id"),
]
HISTORY = [
    (
        "casework_historicaluserobjectpermission",
        "casework_historicalcaseuserobjectpermission",
        "user_id",
    ),
    (
        "casework_historicalgroupobjectpermission",
        "casework_historicalcasegroupobjectpermission",
        "group_id",
    ),
]
HISTORY_COLUMNS = "history_id, history_date, history_change_reason, history_type, history_user_id"


def _case_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    return ContentType.objects.using(db).filter(app_label="casework", model="case").first()


def _reset_sequences(schema_editor, sequences):
    """Ids were copied explicitly: each table's next id must pass the largest id of both tables,
    so that a grant (and its history) keeps one id whichever table it lives in, back and forth."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table, other, column in sequences:
            cursor.execute(
                f"SELECT MAX(m) FROM (SELECT MAX({column}) AS m FROM {table} "  # noqa: S608
                f"UNION ALL SELECT MAX({column}) FROM {other}) AS both_tables"
            )
            largest = cursor.fetchone()[0] or 0
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                    [table, column, largest + 1],
                )
            elif connection.vendor == "sqlite":
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, largest]
                )


def forwards(apps, schema_editor):
    content_type = _case_content_type(apps, schema_editor)
    if content_type is None:
        return  # a new database: no grant exists yet
    ct = content_type.pk
    with schema_editor.connection.cursor() as cursor:
        for generic, direct, grantee in GRANTS:
            # Only grants whose case exists: a grant left behind by a deleted case opens nothing.
            cursor.execute(
                f"INSERT INTO {direct} (id, {grantee}, permission_id, content_object_id) "  # noqa: S608
                f"SELECT g.id, g.{grantee}, g.permission_id, c.id FROM {generic} g "
                f"JOIN casework_case c ON CAST(c.id AS VARCHAR(255)) = g.object_pk "
                f"WHERE g.content_type_id = %s",
                [ct],
            )
            cursor.execute(
                f"DELETE FROM {generic} WHERE content_type_id = %s "  # noqa: S608
                f"AND id IN (SELECT id FROM {direct})",
                [ct],
            )
        for generic, direct, grantee in HISTORY:
            cursor.execute(
                f"INSERT INTO {direct} (id, {grantee}, permission_id, content_object_id, "  # noqa: S608
                f"{HISTORY_COLUMNS}) "
                f"SELECT id, {grantee}, permission_id, CAST(object_pk AS BIGINT), "
                f"{HISTORY_COLUMNS} FROM {generic} WHERE content_type_id = %s",
                [ct],
            )
            cursor.execute(f"DELETE FROM {generic} WHERE content_type_id = %s", [ct])  # noqa: S608
    _reset_sequences(
        schema_editor,
        [(direct, generic, "id") for generic, direct, _x in GRANTS]
        + [(direct, generic, "history_id") for generic, direct, _x in HISTORY],
    )


def backwards(apps, schema_editor):
    content_type = _case_content_type(apps, schema_editor)
    if content_type is None:
        return
    ct = content_type.pk
    with schema_editor.connection.cursor() as cursor:
        for generic, direct, grantee in GRANTS:
            cursor.execute(
                f"INSERT INTO {generic} (id, {grantee}, permission_id, content_type_id, "  # noqa: S608
                f"object_pk) SELECT id, {grantee}, permission_id, %s, "
                f"CAST(content_object_id AS VARCHAR(255)) FROM {direct}",
                [ct],
            )
            cursor.execute(f"DELETE FROM {direct}")  # noqa: S608
        for generic, direct, grantee in HISTORY:
            cursor.execute(
                f"INSERT INTO {generic} (id, {grantee}, permission_id, content_type_id, "  # noqa: S608
                f"object_pk, {HISTORY_COLUMNS}) SELECT id, {grantee}, permission_id, %s, "
                f"CAST(content_object_id AS VARCHAR(255)), {HISTORY_COLUMNS} FROM {direct}",
                [ct],
            )
            cursor.execute(f"DELETE FROM {direct}")  # noqa: S608
    _reset_sequences(
        schema_editor,
        [(generic, direct, "id") for generic, direct, _x in GRANTS]
        + [(generic, direct, "history_id") for generic, direct, _x in HISTORY],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0014_case_direct_object_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("guardian", "0003_remove_groupobjectpermission_guardian_gr_content_ae6aec_idx_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
