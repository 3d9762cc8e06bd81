"""Tamper evidence: each access-log row carries a SHA-256 hash chained to the previous row.

Rows that exist already are chained here in id order (casework.access_chain, version 1). The
append-only trigger (0004) is switched off for the back-fill only, inside this migration's
transaction, by the owner role that runs migrations; the runtime role could not do that.
The "alert" action is written by security.alerts.
"""

from django.db import migrations, models

from casework.access_chain import CHAIN_FIELDS, GENESIS_HASH, entry_hash

TRIGGER = "casework_accesslog_append_only"


def chain_existing_rows(apps, schema_editor):
    AccessLog = apps.get_model("casework", "AccessLog")
    alias = schema_editor.connection.alias
    postgres = schema_editor.connection.vendor == "postgresql"
    rows = AccessLog.objects.using(alias).order_by("id")
    if not rows.exists():
        return
    if postgres:
        schema_editor.execute(f"ALTER TABLE casework_accesslog DISABLE TRIGGER {TRIGGER}")
    prev = GENESIS_HASH
    for row in rows.iterator(chunk_size=2000):
        fields = {name: getattr(row, name) for name in CHAIN_FIELDS}
        fields["object_repr"] = (fields["object_repr"] or "")[:200]
        digest = entry_hash(prev, **fields)
        AccessLog.objects.using(alias).filter(pk=row.pk).update(prev_hash=prev, hash=digest)
        prev = digest
    if postgres:
        schema_editor.execute(f"ALTER TABLE casework_accesslog ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0008_notice_and_grant_actions'),
    ]

    operations = [
        migrations.AddField(
            model_name='accesslog',
            name='hash',
            field=models.CharField(default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='accesslog',
            name='prev_hash',
            field=models.CharField(default='', editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='accesslog',
            name='action',
            field=models.CharField(choices=[('view_case', 'Viewed case'), ('view_identity', 'Viewed identity'), ('download', 'Downloaded document'), ('export', 'Exported'), ('build_package', 'Built a filing'), ('alert', 'Unusual reading alert')], max_length=20),
        ),
        # Chaining existing rows is undone by dropping the columns (the reverse of AddField).
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop),
    ]
