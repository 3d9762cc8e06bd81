"""casework.Notice goes: its rows are notifications now (notifications 0002)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0020_accesslog_incident_reads"),
        ("notifications", "0002_break_glass_alerts"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Notice",
        ),
    ]
