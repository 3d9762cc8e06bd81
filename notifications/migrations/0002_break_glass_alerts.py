"""Break-glass alerts move here from `casework.Notice`: one table for what a person is told.

Each old notice becomes an in-app-only alert. Whether its recipient may open the case is decided
as `casework.selectors.cases_visible_to` does (responsible lawyer, a grant to them or to one of
their groups, the role's view of normal cases); where it is not, the alert keeps no case, no
reference, no link and no reason, as the banner showed it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


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
        ("notifications", "0001_notifications_and_preferences"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="note",
            field=models.CharField(blank=True, max_length=500, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalpreference",
            name="kind",
            field=models.CharField(
                choices=[
                    ("task_assigned", "Task assigned to you"),
                    ("task_reassigned_away", "Task reassigned to someone else"),
                    ("draft_returned", "Draft returned with comments"),
                    ("approval_requested", "Approval requested"),
                    ("deadline_reminder", "Deadline reminder"),
                    ("interim_measures_granted", "Interim measures granted"),
                    ("access_granted", "Access granted on a case"),
                    ("break_glass", "Break-glass access to a case"),
                ],
                max_length=40,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("task_assigned", "Task assigned to you"),
                    ("task_reassigned_away", "Task reassigned to someone else"),
                    ("draft_returned", "Draft returned with comments"),
                    ("approval_requested", "Approval requested"),
                    ("deadline_reminder", "Deadline reminder"),
                    ("interim_measures_granted", "Interim measures granted"),
                    ("access_granted", "Access granted on a case"),
                    ("break_glass", "Break-glass access to a case"),
                ],
                max_length=40,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="preference",
            name="kind",
            field=models.CharField(
                choices=[
                    ("task_assigned", "Task assigned to you"),
                    ("task_reassigned_away", "Task reassigned to someone else"),
                    ("draft_returned", "Draft returned with comments"),
                    ("approval_requested", "Approval requested"),
                    ("deadline_reminder", "Deadline reminder"),
                    ("interim_measures_granted", "Interim measures granted"),
                    ("access_granted", "Access granted on a case"),
                    ("break_glass", "Break-glass access to a case"),
                ],
                max_length=40,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(notices_to_alerts, alerts_to_notices),
    ]
