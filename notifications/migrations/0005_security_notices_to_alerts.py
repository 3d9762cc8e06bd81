"""The security app's notices move here from `security.Notice`: one table for what a person is told.

Those rows stored a finished sentence (subject and body in the language of the day), not the
facts a sentence could be rebuilt from in the reader's language; each becomes an in-app-only
"security notice" that keeps its subject and body as written. A notice that named a case keeps
it only where the recipient may open the case (as migration 0003 decides). Its own migration:
on PostgreSQL rows written in a transaction block the DDL that going back would run after them.
"""

import importlib

from django.db import migrations

KIND = "security_notice"


def notices_to_alerts(apps, schema_editor):
    may_open = importlib.import_module("notifications.migrations.0003_notices_to_alerts")._may_open
    Notice = apps.get_model("security", "Notice")
    Notification = apps.get_model("notifications", "Notification")
    for notice in Notice.objects.select_related("recipient", "case").order_by("pk"):
        case = notice.case
        open_ = case is not None and may_open(apps, notice.recipient, case)
        row = Notification.objects.create(
            recipient=notice.recipient,
            kind=KIND,
            case=case if open_ else None,
            reference=case.reference if open_ else "",
            url=f"/cases/{case.reference}/" if open_ else "",
            params={"subject": notice.subject, "body": notice.body},
            read_at=notice.read_at,
            in_app=True,
            email_status="not_wanted",
        )
        # auto_now_add stamped today: keep when it happened.
        Notification.objects.filter(pk=row.pk).update(created_at=notice.created_at)


def alerts_to_notices(apps, schema_editor):
    Notice = apps.get_model("security", "Notice")
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.filter(kind=KIND).order_by("pk"):
        Notice.objects.create(
            recipient_id=row.recipient_id,
            subject=(row.params.get("subject") or "")[:200],
            body=row.params.get("body") or "",
            case_id=row.case_id,
            created_at=row.created_at,
            read_at=row.read_at,
        )
    Notification.objects.filter(kind=KIND).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_alert_params"),
        ("security", "0004_free_text_ceilings"),
    ]

    operations = [
        migrations.RunPython(notices_to_alerts, alerts_to_notices),
    ]
