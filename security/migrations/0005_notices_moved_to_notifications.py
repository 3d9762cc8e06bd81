"""`security.Notice` is gone: its rows are notifications now (notifications 0005)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0004_free_text_ceilings"),
        ("notifications", "0005_security_notices_to_alerts"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Notice",
        ),
    ]
