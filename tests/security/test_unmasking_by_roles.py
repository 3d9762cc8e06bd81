# ruff: noqa: F811  (the case_file fixture is imported, then requested by name)
"""Masking never depends on a field that a user without "view identity" can change (item 2).

The attack: a team member holding `change_case` but not `view_case_identity` edited a party's
role (victim → witness) and then read the name everywhere. Changing the role of a protected
party, the person a party points to, or removing a protected party decides masking: the service
refuses it without the identity grant, and the form does not offer it (the role is shown
disabled, with the reason).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casework import services
from casework.identity import IdentityMask
from casework.models import CaseParty, PartyRole
from casework.selectors import CHANGE, VIEW, can_view_identity
from tests.casework.ui_fixtures import VICTIM_NAME, WITNESS_NAME, case_file  # noqa: F401
from tests.conftest import make_case


@pytest.fixture
def changer(org, case_file):
    """A colleague on the team who may change the case but not read identities."""
    services.grant_case_access(
        case=case_file.case, user=org.other_lawyer, perms=[VIEW, CHANGE], by=org.lawyer
    )
    assert not can_view_identity(org.other_lawyer, case_file.case)
    return org.other_lawyer


def _party(case, person) -> CaseParty:
    return CaseParty.objects.get(case=case, person=person)


def _edit_url(case, party) -> str:
    return reverse("cases:party_edit", kwargs={"reference": case.reference, "pk": party.pk})


def test_service_refuses_to_change_a_protected_role_without_identity(case_file, changer):
    party = _party(case_file.case, case_file.victim)
    with pytest.raises(PermissionDenied):
        services.party_update(party=party, by=changer, data={"role": PartyRole.WITNESS})
    party.refresh_from_db()
    assert party.role == PartyRole.VICTIM


def test_service_refuses_even_victim_to_client_without_identity(case_file, changer):
    party = _party(case_file.case, case_file.victim)
    with pytest.raises(PermissionDenied):
        services.party_update(party=party, by=changer, data={"role": PartyRole.CLIENT})


def test_service_refuses_to_repoint_a_party_to_another_person_without_identity(
    org,
    case_file,
    changer,
):
    # The victim also listed as a witness; pointing the victim row elsewhere would unmask them.
    services.party_add(
        case=case_file.case, by=org.lawyer, role=PartyRole.WITNESS, person=case_file.victim
    )
    party = CaseParty.objects.get(case=case_file.case, person=case_file.victim, role="victim")
    with pytest.raises(PermissionDenied):
        services.party_update(party=party, by=changer, data={"person": case_file.witness})


def test_service_refuses_to_remove_a_protected_party_without_identity(
    org,
    case_file,
    changer,
):
    services.party_add(
        case=case_file.case, by=org.lawyer, role=PartyRole.WITNESS, person=case_file.victim
    )
    party = CaseParty.objects.get(case=case_file.case, person=case_file.victim, role="victim")
    with pytest.raises(PermissionDenied):
        services.related_remove(party, by=changer, reason="tidy up")
    assert IdentityMask.for_case(case_file.case, reveal=False).is_masked(case_file.victim.pk)


def test_service_refuses_to_edit_a_person_without_identity(case_file, changer):
    party = _party(case_file.case, case_file.victim)
    with pytest.raises(PermissionDenied):
        services.party_update(
            party=party, by=changer, data={}, person_data={"full_name": "Someone else"}
        )


def test_service_refuses_to_add_a_person_the_user_cannot_see(org, case_file, changer):
    elsewhere = make_case(by=org.lawyer, branch=org.uralsk, title="Another case")
    stranger = services.party_add(
        case=elsewhere, by=org.lawyer, role=PartyRole.VICTIM, new_person={"full_name": "Hidden"}
    ).person
    with pytest.raises(PermissionDenied):
        services.party_add(
            case=case_file.case, by=changer, role=PartyRole.WITNESS, person=case_file.victim
        )
    with pytest.raises(PermissionDenied):
        services.party_add(case=case_file.case, by=changer, role=PartyRole.WITNESS, person=stranger)


def test_identity_holder_may_still_change_roles(org, case_file):
    party = _party(case_file.case, case_file.victim)
    services.party_update(party=party, by=org.lawyer, data={"role": PartyRole.CLIENT})
    party.refresh_from_db()
    assert party.role == PartyRole.CLIENT


def test_unprotected_party_may_become_protected_without_identity(case_file, changer):
    # Masking more is always allowed: a witness turns out to be a relative.
    party = _party(case_file.case, case_file.witness)
    services.party_update(party=party, by=changer, data={"role": PartyRole.RELATIVE})
    assert IdentityMask.for_case(case_file.case, reveal=False).is_masked(case_file.witness.pk)


def test_unprotected_party_role_stays_editable_without_identity(
    case_file,
    changer,
):
    party = _party(case_file.case, case_file.witness)
    services.party_update(party=party, by=changer, data={"role": PartyRole.REPRESENTATIVE})
    party.refresh_from_db()
    assert party.role == PartyRole.REPRESENTATIVE  # a witness's name is not protected anyway


def test_the_attack_through_the_page_changes_nothing_and_the_name_stays_masked(
    client,
    case_file,
    changer,
):
    case = case_file.case
    party = _party(case, case_file.victim)
    client.force_login(changer)
    response = client.post(_edit_url(case, party), {"role": "witness", "reason": "typo"})
    assert response.status_code in (302, 400)
    party.refresh_from_db()
    assert party.role == PartyRole.VICTIM
    page = client.get(reverse("cases:parties", kwargs={"reference": case.reference}))
    assert VICTIM_NAME not in page.content.decode()
    assert "Victim A" in page.content.decode()


def test_the_form_shows_the_role_disabled_with_the_reason(client, case_file, changer):
    case = case_file.case
    client.force_login(changer)
    response = client.get(_edit_url(case, _party(case, case_file.victim)))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.fields["role"].disabled
    assert "may see identities" in str(form.fields["role"].help_text)
    # A witness's name is not protected: its role stays editable.
    response = client.get(_edit_url(case, _party(case, case_file.witness)))
    assert not response.context["form"].fields["role"].disabled
    assert WITNESS_NAME in response.content.decode()


def test_the_remove_page_of_a_protected_party_is_refused_without_identity(
    client,
    case_file,
    changer,
):
    case = case_file.case
    party = _party(case, case_file.victim)
    client.force_login(changer)
    url = reverse("cases:party_delete", kwargs={"reference": case.reference, "pk": party.pk})
    response = client.post(url, {"reason": "duplicate"})
    assert response.status_code == 403
    assert CaseParty.objects.filter(pk=party.pk).exists()
    listing = client.get(reverse("cases:parties", kwargs={"reference": case.reference}))
    assert url not in listing.content.decode()
