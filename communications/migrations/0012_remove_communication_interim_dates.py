"""The communication's interim-measures dates now live on the requests (0008)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("communications", "0011_interim_measures_from_communication")]

    operations = [
        migrations.RemoveField(
            model_name='communication',
            name='interim_measures_granted_on',
        ),
        migrations.RemoveField(
            model_name='communication',
            name='interim_measures_requested_on',
        ),
        migrations.RemoveField(
            model_name='historicalcommunication',
            name='interim_measures_granted_on',
        ),
        migrations.RemoveField(
            model_name='historicalcommunication',
            name='interim_measures_requested_on',
        ),
    ]
