"""Give each staff role the workflow permissions its flow nodes check (role half of a task's
permission; the other half is the guardian permission on the task's case)."""

from django.db import migrations

ROLE_PERMISSIONS = {
    "lawyer": ["view_caseprocess", "intake_case", "litigate_case"],
    "supervisor": [
        "view_caseprocess",
        "manage_caseprocess",
        "intake_case",
        "litigate_case",
        "supervise_case",
    ],
    "branch_head": ["view_caseprocess"],
    "administrator": ["view_caseprocess"],
    "analyst": [],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("workflows")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct = ContentType.objects.get(app_label="workflows", model="caseprocess")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*Permission.objects.filter(content_type=ct, codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="workflows")
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0002_case_process"),
        ("casework", "0002_seed_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
