"""Hostile input to the contingency pages: a clear answer, never a 500, nothing half saved."""

from __future__ import annotations

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from security import incidents
from security.models import DuressCredential, EmergencyContact, IncidentKind

from .test_hostile_input_security import FAST, HOSTILE


@FAST
@given(
    category=HOSTILE,
    name=HOSTILE,
    phones=HOSTILE,
    email=HOSTILE,
    checked=HOSTILE,
    notes=HOSTILE,
)
def test_contact_form_never_crashes(client, org, category, name, phones, email, checked, notes):
    client.force_login(org.administrator)
    before = EmergencyContact.objects.count()
    response = client.post(
        reverse("security:contact_add_organisation"),
        {
            "category": category,
            "name": name,
            "phones": phones,
            "email": email,
            "last_checked_on": checked,
            "notes": notes,
        },
    )
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert EmergencyContact.objects.count() == before


@FAST
@given(
    kind=st.one_of(HOSTILE, st.sampled_from(IncidentKind.values)),
    branch=HOSTILE,
    occurred_at=HOSTILE,
    references=HOSTILE,
    staff=HOSTILE,
    description=HOSTILE,
    page=HOSTILE,
)
def test_incident_form_and_list_never_crash(
    client, org, kind, branch, occurred_at, references, staff, description, page
):
    client.force_login(org.supervisor)
    before = incidents.incidents_visible_to(org.supervisor).count()
    response = client.post(
        reverse("security:incident_create"),
        {
            "kind": kind,
            "branch": branch,
            "occurred_at": occurred_at,
            "case_references": references,
            "staff_member": staff,
            "description": description,
        },
    )
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert incidents.incidents_visible_to(org.supervisor).count() == before
    listing = client.get(
        reverse("security:incidents"), {"kind": kind, "branch": branch, "page": page}
    )
    assert listing.status_code == 200


@FAST
@given(current=HOSTILE, password=HOSTILE, again=HOSTILE, action=HOSTILE, note=HOSTILE)
def test_duress_and_step_forms_never_crash(client, org, current, password, again, action, note):
    client.force_login(org.lawyer)
    response = client.post(
        reverse("security:duress"),
        {
            "action": action,
            "current_password": current,
            "password": password,
            "password_again": again,
            "remove-current_password": current,
        },
    )
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert not DuressCredential.objects.filter(user=org.lawyer).exists()
    incident = incidents.incident_open(
        by=org.supervisor, kind=IncidentKind.THREAT, branch=org.almaty
    )
    client.force_login(org.supervisor)
    step = incident.steps.first()
    response = client.post(
        reverse("security:incident_step", args=[step.pk]), {"done": action, "note": note}
    )
    assert response.status_code == 302
