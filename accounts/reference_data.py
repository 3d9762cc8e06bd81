"""The reference data an administrator maintains in the Django admin, and the permissions for it.

Reference data holds no case file (deadline rules, holidays and working days, States party,
themes, Covenant articles, branches, regions), so the Django admin with model permissions is the
right tool: every model listed here keeps a full history (simple-history) and the admin shows
it, never reverts it (casework.admin.AuditedAdmin, SIMPLE_HISTORY_REVERT_DISABLED).

After every `migrate`, the administrator role gets view/add/change on each model listed in
`REFERENCE_DATA` that exists — never delete (a rule or a State a case refers to is retired, not
removed). A new reference table (e.g. a `Region` model) is added to the list, nothing else: the
next `migrate` grants it. Staff accounts and groups are not here: they change on /staff/.
"""

from __future__ import annotations

import logging

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from casework.models import Role

logger = logging.getLogger("remedy.accounts")

# "app_label.model_name" of every table of reference data the administrator role maintains.
REFERENCE_DATA: tuple[str, ...] = (
    "casework.branch",
    "casework.theme",
    "casework.covenantarticle",
    "casework.region",
    "monitoring.mechanism",
    "monitoring.followupgrade",
    "deadlines.deadlinerule",
    "deadlines.calendarday",
    "communications.stateparty",
    # A table another round adds (the statistics round's Region) is listed here when it lands.
)
ACTIONS = ("view", "add", "change")


def reference_models(apps=global_apps) -> list:
    """The models of `REFERENCE_DATA` that exist in this project."""
    found = []
    for label in REFERENCE_DATA:
        app_label, model_name = label.split(".")
        try:
            found.append(apps.get_model(app_label, model_name))
        except LookupError:
            continue
    return found


def grant_reference_permissions(sender=None, apps=global_apps, verbosity: int = 1, **kwargs):
    """post_migrate: the administrator group may view, add and change every reference table."""
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
    except LookupError:  # migrating to a state before auth exists
        return
    group = Group.objects.filter(name=Role.ADMINISTRATOR).first()
    if group is None:
        return
    for model in reference_models(apps):
        opts = model._meta
        codenames = [f"{action}_{opts.model_name}" for action in ACTIONS]
        content_type = ContentType.objects.get_for_model(model)
        if Permission.objects.filter(content_type=content_type).count() < len(codenames):
            # Permissions are created in post_migrate too, app by app: make sure they exist.
            create_permissions(global_apps.get_app_config(opts.app_label), verbosity=0)
        group.permissions.add(
            *Permission.objects.filter(content_type=content_type, codename__in=codenames)
        )
