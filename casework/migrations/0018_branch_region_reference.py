"""A branch's region is a Region now; the free-text names it replaces go.

Reversible: going back writes the region's names into the text fields again. The old
required `region` text gets an empty default first, so that going back can re-add the column
to tables that already hold rows (history rows are never re-written).
"""

from django.db import migrations, models


def names_back(apps, schema_editor):
    Branch = apps.get_model("casework", "Branch")
    for branch in Branch.objects.select_related("region_ref"):
        if branch.region_ref is not None:
            region = branch.region_ref
            Branch.objects.filter(pk=branch.pk).update(
                region=region.name, region_ru=region.name_ru, region_kk=region.name_kk
            )


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0017_regions"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, names_back),
        migrations.AlterField(
            model_name="branch",
            name="region",
            field=models.CharField(default="", max_length=120, verbose_name="region"),
        ),
        migrations.AlterField(
            model_name="historicalbranch",
            name="region",
            field=models.CharField(default="", max_length=120, verbose_name="region"),
        ),
        migrations.RemoveField(model_name="branch", name="region"),
        migrations.RemoveField(model_name="branch", name="region_ru"),
        migrations.RemoveField(model_name="branch", name="region_kk"),
        migrations.RemoveField(model_name="historicalbranch", name="region"),
        migrations.RemoveField(model_name="historicalbranch", name="region_ru"),
        migrations.RemoveField(model_name="historicalbranch", name="region_kk"),
        migrations.RenameField(model_name="branch", old_name="region_ref", new_name="region"),
        migrations.RenameField(
            model_name="historicalbranch", old_name="region_ref", new_name="region"
        ),
    ]
