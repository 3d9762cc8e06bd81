"""The Django admin shows case data only of cases the admin user may open (issue 10, item 3).

`/admin/workflows/caseprocess/<id>/history/` and its version pages read title, screening decision
and review comments of restricted cases the administrator could not open (simple-history's
history view falls back to the historical rows when the scoped queryset has no object). Every
registered admin whose model reaches a Case is now a `casework.admin.CaseScopedAdmin`: list,
change, delete, history and history-version views are filtered by `cases_visible_to`.

The test walks `admin.site._registry`, so a model registered tomorrow cannot be forgotten: it
fails until the new admin is case-scoped and this module knows how to make one of its objects.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from casework.admin import CaseScopedAdmin
from casework.models import AccessAction, AccessLog, Case
from casework.services import log_access

from .matrix_world import World, build_world

MAX_DEPTH = 3


def case_path(model: type[models.Model]) -> str | None:
    """The shortest lookup from `model` to Case through forward relations ("deadline__case")."""
    queue = [(model, "")]
    for _depth in range(MAX_DEPTH + 1):
        following = []
        for current, path in queue:
            if current is Case:
                return path
            for field in current._meta.get_fields():
                relation = (field.many_to_one or field.one_to_one) and field.concrete
                if relation and field.related_model not in (None, current):
                    name = f"{path}__{field.name}" if path else field.name
                    following.append((field.related_model, name))
        queue = following
    return None


def resolves_to_case(model: type[models.Model], lookup: str) -> bool:
    for name in lookup.split("__"):
        model = model._meta.get_field(name).related_model
    return model is Case


def case_admins() -> dict[type[models.Model], admin.ModelAdmin]:
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if case_path(model) is not None
    }


# How to make one object of each case-related admin model on a given case of the world.
def _deadline(world: World, key: str):
    from deadlines.models import Deadline

    return Deadline.objects.get(pk=world.targets[key].objects["deadline"])


def _reminder(world: World, key: str):
    from deadlines.models import ReminderLog

    deadline = _deadline(world, key)
    return ReminderLog.objects.create(
        deadline=deadline,
        offset_days=7,
        due_date=deadline.due_date,
        recipient=world.org.lawyer,
        status=ReminderLog._meta.get_field("status").choices[0][0],
    )


def _process(world: World, key: str):
    from workflows.models import CaseProcess

    return CaseProcess.objects.get(pk=world.targets[key].objects["process"])


def _access_log(world: World, key: str):
    case = world.targets[key].case
    log_access(user=world.org.lawyer, case=case, action=AccessAction.VIEW_IDENTITY, obj="parties")
    return AccessLog.objects.filter(case=case).latest("id")


FACTORIES: dict[str, Callable[[World, str], models.Model]] = {
    "deadlines.Deadline": _deadline,
    "deadlines.ReminderLog": _reminder,
    "workflows.CaseProcess": _process,
    "casework.AccessLog": _access_log,
}


@pytest.fixture
def world(org) -> World:
    return build_world(org)


@pytest.fixture
def admin_client(world) -> Client:
    """The administrator, made a Django superuser: every admin page opens, no case file does."""
    administrator = world.org.administrator
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    client = Client()
    client.force_login(administrator)
    return client


def test_the_registry_walk_finds_the_case_models():
    labels = {model._meta.label for model in case_admins()}
    assert {"workflows.CaseProcess", "deadlines.Deadline", "casework.AccessLog"} <= labels


@pytest.mark.parametrize("model", sorted(case_admins(), key=lambda m: m._meta.label), ids=str)
def test_every_admin_of_case_data_is_case_scoped(model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, CaseScopedAdmin), (
        f"{model._meta.label} reaches case data ({case_path(model)}) but its admin is not a "
        "casework.admin.CaseScopedAdmin"
    )
    assert resolves_to_case(model, model_admin.case_lookup), model_admin.case_lookup
    assert model._meta.label in FACTORIES, f"add a factory for {model._meta.label} to this test"


def _urls(model_admin, obj) -> list[str]:
    opts = model_admin.model._meta
    info = opts.app_label, opts.model_name
    urls = [
        reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk]),
        reverse(f"admin:{info[0]}_{info[1]}_history", args=[obj.pk]),
        reverse(f"admin:{info[0]}_{info[1]}_delete", args=[obj.pk]),
    ]
    history = getattr(model_admin.model, "history", None)
    if history is not None:
        for row in history.model.objects.filter(**{opts.pk.attname: obj.pk}):
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_simple_history", args=[obj.pk, row.pk]))
    return urls


def _secrets(world: World, key: str) -> list[str]:
    target = world.targets[key]
    return [target.case.reference, target.case.title, target.victim_name]


@pytest.mark.parametrize("label", sorted(FACTORIES))
def test_admin_pages_of_a_hidden_case_are_not_found(label, world, admin_client):
    from django.apps import apps

    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    hidden = FACTORIES[label](world, "restricted")
    opts = model._meta
    problems = []
    for url in _urls(model_admin, hidden):
        response = admin_client.get(url)
        body = response.content.decode()
        if response.status_code == 200 or any(s in body for s in _secrets(world, "restricted")):
            problems.append(f"{url}: {response.status_code}")
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    body = changelist.content.decode()
    for secret in _secrets(world, "restricted"):
        if secret in body:
            problems.append(f"changelist shows {secret!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("label", sorted(FACTORIES))
def test_admin_pages_of_a_visible_case_still_open(label, world, admin_client):
    from django.apps import apps

    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    visible = FACTORIES[label](world, "own")
    opts = model._meta
    for url in _urls(model_admin, visible):
        if url.endswith("/delete/"):
            continue
        assert admin_client.get(url).status_code == 200, url
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert world.targets["own"].case.reference in changelist.content.decode()


def test_history_of_a_deleted_object_of_a_hidden_case_is_not_found(world, admin_client):
    from deadlines.models import Deadline

    deadline = _deadline(world, "restricted")
    pk = deadline.pk
    Deadline.objects.filter(pk=pk).delete()  # no history row for a queryset delete
    deadline.history.model.objects.filter(id=pk).update(history_type="-")
    response = admin_client.get(reverse("admin:deadlines_deadline_history", args=[pk]))
    assert response.status_code == 404


def test_caseprocess_history_of_a_restricted_case_names_nothing(world, admin_client):
    """The exact attack of the issue: a sequential id, the history page, a version page."""
    process = _process(world, "restricted")
    response = admin_client.get(f"/admin/workflows/caseprocess/{process.pk}/history/")
    assert response.status_code == 404
    row = process.history.first()
    response = admin_client.get(f"/admin/workflows/caseprocess/{process.pk}/history/{row.pk}/")
    assert response.status_code == 404
