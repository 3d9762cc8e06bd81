"""Themes the recommendations register needs beyond the case themes (issue 16).

Treaty bodies and the UPR address women's rights, children, detention, the judiciary, civil
society and national institutions as much as the case themes; the register files recommendations
under the same `Theme` table as cases so that a theme's cases and recommendations meet.
"""

from django.db import migrations

THEMES = {
    "women": "Women's rights and gender equality",
    "children": "Rights of the child",
    "liberty": "Liberty of person and detention",
    "judiciary": "Independence of the judiciary",
    "civil-society": "Human rights defenders and civil society",
    "institutions": "National human rights institutions",
    "trafficking": "Trafficking in persons",
}


def forward(apps, schema_editor):
    Theme = apps.get_model("casework", "Theme")
    for code, name in THEMES.items():
        Theme.objects.get_or_create(code=code, defaults={"name": name})


def backward(apps, schema_editor):
    apps.get_model("casework", "Theme").objects.filter(code__in=THEMES, cases=None).delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0012_free_text_ceilings")]

    operations = [migrations.RunPython(forward, backward)]
