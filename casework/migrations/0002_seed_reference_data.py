"""Reference data: ICCPR articles 1-27, monitoring themes, the five staff roles."""

from django.db import migrations

ICCPR_ARTICLES = {
    1: "Right of self-determination",
    2: "Respect and ensure rights; effective remedy",
    3: "Equal rights of men and women",
    4: "Derogation in public emergency",
    5: "No destruction of rights; no restriction of existing rights",
    6: "Right to life",
    7: "Prohibition of torture and cruel, inhuman or degrading treatment",
    8: "Prohibition of slavery and forced labour",
    9: "Liberty and security of person",
    10: "Humane treatment of persons deprived of liberty",
    11: "No imprisonment for inability to fulfil a contract",
    12: "Freedom of movement",
    13: "Expulsion of aliens",
    14: "Fair trial",
    15: "No punishment without law",
    16: "Recognition as a person before the law",
    17: "Privacy, family, home and correspondence",
    18: "Freedom of thought, conscience and religion",
    19: "Freedom of opinion and expression",
    20: "Prohibition of war propaganda and incitement to hatred",
    21: "Right of peaceful assembly",
    22: "Freedom of association",
    23: "Protection of the family; right to marry",
    24: "Rights of the child",
    25: "Participation in public affairs; right to vote",
    26: "Equality before the law; non-discrimination",
    27: "Rights of minorities",
}

THEMES = {
    "torture": "Freedom from torture",
    "assembly": "Peaceful assembly",
    "religion": "Freedom of religion or belief",
    "non-discrimination": "Non-discrimination",
    "association": "Freedom of association",
    "fair-trial": "Fair trial",
    "expression": "Freedom of expression",
    "asylum": "Asylum seekers, refugees and stateless persons",
}

# Model permissions of each role group (the "role permission" a workflow node checks).
# Object access to individual cases is granted separately, per case, through guardian.
ROLE_PERMISSIONS = {
    "lawyer": ["add_case", "add_person", "change_person", "view_person"],
    "supervisor": ["add_case", "add_person", "change_person", "view_person"],
    "branch_head": ["add_case", "view_person"],
    "administrator": [
        "add_case",
        "add_person",
        "change_person",
        "view_person",
        "add_branch",
        "change_branch",
        "view_branch",
        "add_theme",
        "change_theme",
        "view_theme",
        "change_covenantarticle",
        "view_covenantarticle",
        "view_accesslog",
    ],
    "analyst": [],
}


def seed(apps, schema_editor):
    CovenantArticle = apps.get_model("casework", "CovenantArticle")
    Theme = apps.get_model("casework", "Theme")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for number, title in ICCPR_ARTICLES.items():
        CovenantArticle.objects.update_or_create(number=number, defaults={"title": title})
    for code, name in THEMES.items():
        Theme.objects.update_or_create(code=code, defaults={"name": name})

    # Permissions are normally created after migrate; create the ones we need now.
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("casework")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    ct_ids = ContentType.objects.filter(app_label="casework").values_list("id", flat=True)
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type_id__in=ct_ids, codename__in=codenames)
        )


def unseed(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()
    apps.get_model("casework", "Theme").objects.filter(code__in=THEMES).delete()
    apps.get_model("casework", "CovenantArticle").objects.filter(number__in=ICCPR_ARTICLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
