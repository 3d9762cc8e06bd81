"""casework.Notice goes: its rows are notifications now (notifications 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0020_accesslog_incident_reads"),
        ("notifications", "0003_notices_to_alerts"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Notice",
        ),
    ]
