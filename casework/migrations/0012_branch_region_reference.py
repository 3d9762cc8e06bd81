"""A branch's region is a Region now; the free-text names it replaces go.

Reversible: going back writes the region's names into the text fields again.
"""

from django.db import migrations


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
        ("casework", "0011_regions"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, names_back),
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
