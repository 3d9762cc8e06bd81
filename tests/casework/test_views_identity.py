"""Identity masking rules (casework.identity) and the admin's read-only evidence."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from casework import services
from casework.identity import IdentityMask, cases_with_identity_for, people_visible_to
from casework.models import AccessAction, AccessLog, PartyRole, Person
from casework.selectors import VIEW, VIEW_IDENTITY
from tests.conftest import make_case

from .ui_fixtures import *  # noqa: F403
from .ui_fixtures import VICTIM_NAME, WITNESS_NAME, add_person


def test_mask_reveals_everything_with_identity_permission(org, case_file):
    mask = IdentityMask.for_case(case_file.case, reveal=True)
    assert mask.name(case_file.victim) == VICTIM_NAME
    assert mask.field(case_file.victim, "phone") == case_file.victim.phone


def test_mask_gives_stable_pseudonyms_by_role_and_order(org, case_file):
    mask = IdentityMask.for_case(case_file.case, reveal=False)
    assert mask.name(case_file.victim) == "Victim A"
    assert mask.name(case_file.client) == "Client B"
    assert str(mask.field(case_file.victim, "birth_date")) == "[identity hidden]"


def test_witness_is_not_masked_but_unknown_person_is(org, case_file):
    mask = IdentityMask.for_case(case_file.case, reveal=False)
    assert mask.name(case_file.witness) == WITNESS_NAME
    stranger = Person.objects.create(full_name="Not a party")
    assert mask.name(stranger) == "[identity hidden]"


def test_a_witness_who_is_also_a_relative_is_masked(org, case_file):
    services.party_add(
        case=case_file.case, by=org.lawyer, role=PartyRole.RELATIVE, person=case_file.witness
    )
    mask = IdentityMask.for_case(case_file.case, reveal=False)
    assert mask.is_masked(case_file.witness.pk)
    assert WITNESS_NAME not in mask.name(case_file.witness)


def test_people_visible_only_through_identity_grants(org, case_file):
    other = make_case(by=org.other_lawyer, branch=org.uralsk, title="Uralsk")
    uralsk_victim = add_person(other, org.other_lawyer, PartyRole.VICTIM, "Uralsk Victim")
    assert set(people_visible_to(org.lawyer)) >= {case_file.victim}
    assert uralsk_victim not in set(people_visible_to(org.lawyer))
    assert not people_visible_to(org.supervisor).exists()
    services.grant_case_access(case=other, user=org.supervisor, perms=[VIEW], by=org.other_lawyer)
    assert not cases_with_identity_for(org.supervisor).exists()
    services.grant_case_access(
        case=other, user=org.supervisor, perms=[VIEW_IDENTITY], by=org.other_lawyer
    )
    assert list(people_visible_to(org.supervisor)) == [uralsk_victim]


def test_identity_grant_on_a_case_no_longer_visible_reveals_nothing(org, case_file):
    services.grant_case_access(
        case=case_file.case, user=org.other_lawyer, perms=[VIEW_IDENTITY], by=org.lawyer
    )
    org.other_lawyer.is_active = False
    org.other_lawyer.save()
    assert not people_visible_to(org.other_lawyer).exists()


def test_access_log_admin_is_read_only(org, secret_case):
    services.log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE)
    model_admin = admin.site._registry[AccessLog]
    request = RequestFactory().get("/admin/")
    request.user = org.administrator
    entry = AccessLog.objects.get()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)


@pytest.mark.parametrize(
    "model_name",
    [
        "case",
        "caseparty",
        "person",
        "allegedviolation",
        "proceeding",
        "document",
        "authorisation",
        "activity",
    ],
)
def test_case_file_models_are_kept_out_of_the_admin(model_name):
    """The admin cannot apply per-case grants or identity masking, so case files stay out."""
    from django.apps import apps

    assert apps.get_model("casework", model_name) not in admin.site._registry


@pytest.mark.parametrize("model_name", ["branch", "theme", "covenantarticle", "user"])
def test_reference_data_is_in_the_admin_with_history(model_name):
    from django.apps import apps
    from simple_history.admin import SimpleHistoryAdmin

    assert isinstance(
        admin.site._registry[apps.get_model("casework", model_name)], SimpleHistoryAdmin
    )


def test_staff_cannot_reach_a_secret_case_through_the_admin(client, org, secret_case):
    org.administrator.is_staff = True
    org.administrator.save()
    client.force_login(org.administrator)
    assert client.get(f"/admin/casework/case/{secret_case.pk}/change/").status_code == 404


def test_admin_refuses_to_revert_a_past_version(client, org):
    branch = org.uralsk
    branch.name = "Oral branch"
    branch._history_user = org.administrator
    branch.save()
    superuser = org.administrator
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    old = branch.history.earliest("history_date")
    client.force_login(superuser)
    url = f"/admin/casework/branch/{branch.pk}/history/{old.history_id}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Uralsk branch"})
    branch.refresh_from_db()
    assert response.status_code == 403
    assert branch.name == "Oral branch"
