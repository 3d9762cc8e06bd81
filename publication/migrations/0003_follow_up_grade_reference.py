"""A publication's follow-up grade becomes a reference to the Committee's scale, which is data
(`monitoring.FollowUpGrade`), instead of a copy of its five letters. Step 1: the new column."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0004_free_text_ceilings"),
        ("publication", "0002_free_text_ceilings"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="grade",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="monitoring.followupgrade",
                limit_choices_to={"current": True},
                verbose_name="follow-up grade",
            ),
        ),
        migrations.AddField(
            model_name="historicalpublication",
            name="grade",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="monitoring.followupgrade",
                limit_choices_to={"current": True},
                verbose_name="follow-up grade",
            ),
        ),
    ]
