"""Break-glass alerts move here from `casework.Notice`: one table for what a person is told.

Each old notice becomes an in-app-only alert. Whether its recipient may open the case is decided
as `casework.selectors.cases_visible_to` does (responsible lawyer, a grant to them or to one of
their groups, the role's view of normal cases); where it is not, the alert keeps no case, no
reference, no link and no reason, as the banner showed it. Its own migration: on PostgreSQL rows
written in a transaction block the DDL that going back would run after them.
"""

from django.db import migrations


def _may_open(apps, user, case) -> bool:
    if case.responsible_lawyer_id == user.pk:
        return True
    UserGrant = apps.get_model("casework", "CaseUserObjectPermission")
    GroupGrant = apps.get_model("casework", "CaseGroupObjectPermission")
    if UserGrant.objects.filter(
        user=user, content_object=case, permission__codename="view_case"
    ).exists():
        return True
    groups = list(user.groups.values_list("name", flat=True))
    if GroupGrant.objects.filter(
        group__name__in=groups, content_object=case, permission__codename="view_case"
    ).exists():
        return True
    if case.confidentiality != "normal":
        return False
    if {"supervisor", "administrator"} & set(groups):
        return True
    return "branch_head" in groups and user.branch_id and user.branch_id == case.branch_id


def notices_to_alerts(apps, schema_editor):
    Notice = apps.get_model("casework", "Notice")
    Notification = apps.get_model("notifications", "Notification")
    for notice in Notice.objects.select_related("recipient", "case").order_by("pk"):
        case = notice.case
        open_ = case is not None and _may_open(apps, notice.recipient, case)
        row = Notification.objects.create(
            recipient=notice.recipient,
            kind="break_glass",
            case=case if open_ else None,
            reference=case.reference if open_ else "",
            url=f"/cases/{case.reference}/team/" if open_ else "",
            actor_id=notice.actor_id,
            note=notice.text if open_ else "",
            read_at=notice.read_at,
            in_app=True,
            email_status="not_wanted",
        )
        # auto_now_add stamped today: keep when it happened.
        Notification.objects.filter(pk=row.pk).update(created_at=notice.created_at)


def alerts_to_notices(apps, schema_editor):
    Notice = apps.get_model("casework", "Notice")
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.filter(kind="break_glass").order_by("pk"):
        Notice.objects.create(
            recipient_id=row.recipient_id,
            kind="break_glass",
            case_id=row.case_id,
            actor_id=row.actor_id,
            text=row.note,
            created_at=row.created_at,
            read_at=row.read_at,
        )
    Notification.objects.filter(kind="break_glass").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0020_accesslog_incident_reads"),
        ("notifications", "0002_break_glass_alerts"),
    ]

    operations = [
        migrations.RunPython(notices_to_alerts, alerts_to_notices),
    ]
