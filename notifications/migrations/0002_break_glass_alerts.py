"""Break-glass alerts: who acted and their note (the rows move in 0003)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


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
        ]
