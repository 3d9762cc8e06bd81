"""Incident reads move from their own table into the hash-chained access log.

Each IncidentRead row becomes an access-log row without a case (action "view_incident",
object "incident #<id>"), appended to the chain in the order the reads happened, with its
original time, user and IP address; then the old table goes. Reversing copies those rows back
into a new IncidentRead table and leaves the access log as it is: it is append-only.
"""

from django.db import migrations

from casework import access_chain

VIEW_INCIDENT = "view_incident"


def _label(incident_id: int) -> str:
    # As security.incidents.access_log_label writes it.
    return f"incident #{incident_id}"


def reads_into_access_log(apps, schema_editor):
    IncidentRead = apps.get_model("security", "IncidentRead")
    AccessLog = apps.get_model("casework", "AccessLog")
    using = schema_editor.connection.alias
    reads = IncidentRead.objects.using(using).order_by("at", "id")
    if not reads.exists():
        return
    with access_chain.chain_lock(using):
        head = AccessLog.objects.using(using).order_by("-id").values_list("hash", flat=True)
        prev = head.first() or access_chain.GENESIS_HASH
        for read in reads.iterator():
            at = read.at.replace(microsecond=read.at.microsecond // 1000 * 1000)
            fields = {
                "at": at,
                "user_id": read.user_id,
                "case_id": None,
                "action": VIEW_INCIDENT,
                "object_repr": _label(read.incident_id),
                "ip_address": read.ip_address,
            }
            digest = access_chain.entry_hash(prev, **fields)
            # The historical model has no chaining save(): the hash is computed here.
            AccessLog.objects.using(using).create(prev_hash=prev, hash=digest, **fields)
            prev = digest


def reads_back_out(apps, schema_editor):
    IncidentRead = apps.get_model("security", "IncidentRead")
    Incident = apps.get_model("security", "Incident")
    AccessLog = apps.get_model("casework", "AccessLog")
    using = schema_editor.connection.alias
    known = set(Incident.objects.using(using).values_list("pk", flat=True))
    rows = AccessLog.objects.using(using).filter(action=VIEW_INCIDENT, case__isnull=True)
    for row in rows.order_by("id").iterator():
        try:
            incident_id = int(row.object_repr.rsplit("#", 1)[1])
        except (IndexError, ValueError):
            continue
        if incident_id in known:
            IncidentRead.objects.using(using).create(
                at=row.at, user_id=row.user_id, incident_id=incident_id, ip_address=row.ip_address
            )


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0002_seed_incident_checklists"),
        ("casework", "0020_accesslog_incident_reads"),
    ]

    operations = [
        migrations.RunPython(reads_into_access_log, reads_back_out),
        migrations.DeleteModel(name="IncidentRead"),
    ]
