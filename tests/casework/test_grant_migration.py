"""Migration 0012 moves the grants on cases, with their history, to the direct-FK tables."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("casework", "0014_case_direct_object_permissions")]
AFTER = [("casework", "0015_move_case_grants_to_direct_tables")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    # The state of every app as migrated (guardian's models included), not only casework's.
    return executor.migrate(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_grants_and_their_history_move_to_the_case_tables(as_owner):
    apps = _migrate(BEFORE)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Branch = apps.get_model("casework", "Branch")
    Theme = apps.get_model("casework", "Theme")
    Case = apps.get_model("casework", "Case")
    User = apps.get_model("casework", "User")
    Generic = apps.get_model("guardian", "UserObjectPermission")
    GenericHistory = apps.get_model("casework", "HistoricalUserObjectPermission")

    case_type, _ = ContentType.objects.get_or_create(app_label="casework", model="case")
    branch_type, _ = ContentType.objects.get_or_create(app_label="casework", model="branch")
    view, _ = Permission.objects.get_or_create(
        codename="view_case", content_type=case_type, defaults={"name": "Can view case"}
    )
    change, _ = Permission.objects.get_or_create(
        codename="change_case", content_type=case_type, defaults={"name": "Can change case"}
    )
    view_branch, _ = Permission.objects.get_or_create(
        codename="view_branch", content_type=branch_type, defaults={"name": "Can view branch"}
    )
    branch = Branch.objects.create(code="almaty", name="Almaty", city="Almaty", region="Almaty")
    theme = Theme.objects.get_or_create(code="migration-test", defaults={"name": "Test"})[0]
    case = Case.objects.create(
        reference="KIBHR-2026-9001",
        title="t",
        branch=branch,
        theme=theme,
        opened_on=dt.date.today(),
    )
    lawyer = User.objects.create(username="migration-lawyer")
    supervisor = User.objects.create(username="migration-supervisor")
    kept = Generic.objects.create(
        user=lawyer, permission=view, content_type=case_type, object_pk=str(case.pk)
    )
    other_model = Generic.objects.create(
        user=lawyer, permission=view_branch, content_type=branch_type, object_pk=str(branch.pk)
    )
    when = timezone.now() - dt.timedelta(days=3)
    for kind, perm, row_id in (("+", view, kept.pk), ("+", change, 999), ("-", change, 999)):
        GenericHistory.objects.create(
            id=row_id,
            user=lawyer,
            permission=perm,
            content_type=case_type,
            object_pk=str(case.pk),
            history_date=when,
            history_type=kind,
            history_user=supervisor,
            history_change_reason=f"{kind} {perm.codename}",
        )

    apps = _migrate(AFTER)
    Direct = apps.get_model("casework", "CaseUserObjectPermission")
    DirectHistory = apps.get_model("casework", "HistoricalCaseUserObjectPermission")
    Generic = apps.get_model("guardian", "UserObjectPermission")
    GenericHistory = apps.get_model("casework", "HistoricalUserObjectPermission")

    moved = Direct.objects.get()
    assert (moved.pk, moved.user_id, moved.permission_id, moved.content_object_id) == (
        kept.pk,
        lawyer.pk,
        view.pk,
        case.pk,
    )
    # The grant on a branch is not a case grant: it stays in guardian's table.
    assert list(Generic.objects.values_list("pk", flat=True)) == [other_model.pk]
    history = list(
        DirectHistory.objects.order_by("history_id").values_list(
            "id", "history_type", "history_user_id", "history_change_reason", "content_object_id"
        )
    )
    assert history == [
        (kept.pk, "+", supervisor.pk, "+ view_case", case.pk),
        (999, "+", supervisor.pk, "+ change_case", case.pk),
        (999, "-", supervisor.pk, "- change_case", case.pk),
    ]
    assert not GenericHistory.objects.filter(content_type_id=case_type.pk).exists()
    # A new grant after the move gets a fresh id (the sequence moved past the copied rows).
    fresh = Direct.objects.create(
        user_id=supervisor.pk, permission_id=change.pk, content_object_id=case.pk
    )
    assert fresh.pk > kept.pk

    # Reversible: back in guardian's tables, with their history.
    apps = _migrate(BEFORE)
    Generic = apps.get_model("guardian", "UserObjectPermission")
    GenericHistory = apps.get_model("casework", "HistoricalUserObjectPermission")
    assert Generic.objects.filter(content_type_id=case_type.pk, object_pk=str(case.pk)).count() == 2
    assert GenericHistory.objects.filter(content_type_id=case_type.pk).count() == 3
    # Forward again to the latest migrations, so later tests find today's schema.
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())
