"""Free text has a ceiling: a megabyte note is refused with a clear message, never stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework import services
from casework.fields import LONG_TEXT
from casework.models import Case, Person
from communications.models import Communication
from monitoring.forms import AssessmentForm
from monitoring.models import Recommendation
from publication.forms import PublicDocumentForm
from workflows.forms import ScreenForm

from .test_views_case import edit_data
from .ui_fixtures import login

MEGABYTE = "я" * (1024 * 1024)


def test_a_long_text_field_refuses_more_than_the_ceiling_on_full_clean(db):
    person = Person(full_name="A. Person", notes="x" * (LONG_TEXT + 1))
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "notes" in error.value.message_dict
    person.notes = "x" * LONG_TEXT
    person.full_clean()


def test_every_free_text_of_the_case_file_has_a_ceiling():
    for model in (Case, Person, Communication):
        for field in model._meta.get_fields():
            if field.get_internal_type() in ("TextField", "CharField") and field.concrete:
                assert field.max_length, f"{model.__name__}.{field.name} has no maximum"


def test_every_text_field_of_every_remedy_app_has_a_ceiling():
    """Not only the case file: incidents, contacts, interim requests, recommendations and
    publications too. A field without a maximum would store a megabyte sent to any form."""
    ours = {p.name for p in Path(settings.BASE_DIR).iterdir() if (p / "models.py").exists()}
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in ours or model.__module__.split(".")[0] in ours
        # History rows copy the model's fields; their change reason comes from a bounded form.
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and field.get_internal_type() in ("TextField", "CharField")
        and not field.max_length
    ]
    assert not missing, missing


def test_plain_forms_of_the_register_and_publication_carry_the_ceiling(org):
    for form_class, name in ((AssessmentForm, "notes"), (PublicDocumentForm, "text")):
        assert form_class.base_fields[name].max_length, (form_class.__name__, name)
    form = AssessmentForm(
        {"assessed_on": "2026-01-01", "status": "partial", "notes": MEGABYTE},
        recommendation=Recommendation(),  # a register recommendation, not a case's remedy
        user=org.analyst,
    )
    assert not form.is_valid() and "at most 50000 characters" in str(form.errors["notes"])


def test_the_case_title_takes_300_characters():
    assert Case._meta.get_field("title").max_length == 300


def test_a_megabyte_summary_is_refused_with_a_message_and_not_stored(client, org, case):
    response = login(client, org.lawyer).post(
        reverse("cases:edit", kwargs={"reference": case.reference}),
        edit_data(case, summary=MEGABYTE),
    )
    assert response.status_code == 400
    assert "Ensure this value has at most 50000 characters" in response.content.decode()
    case.refresh_from_db()
    assert len(case.summary) < LONG_TEXT


def test_task_free_text_has_the_same_ceiling(org, case):
    form = ScreenForm({"decision": "decline", "reason": MEGABYTE}, case=case, user=org.supervisor)
    assert not form.is_valid()
    assert "at most 50000 characters" in str(form.errors["reason"])


def test_the_client_stays_on_a_case_in_drafting_unless_a_supervisor_removes_them(org, case):
    client = services.party_add(
        case=case, by=org.lawyer, role="client", new_person={"full_name": "Client Person"}
    )
    services.case_set_stage(case=case, stage="drafting", by=org.lawyer)
    with pytest.raises(ValidationError, match="Ask a supervisor"):
        services.related_remove(client, by=org.lawyer, reason="mistake")
    services.grant_case_access(
        case=case, user=org.supervisor, perms=["view_case_identity"], by=None, reason="test"
    )
    services.related_remove(client, by=org.supervisor, reason="Client replaced by the author")
    assert not case.parties.filter(role="client").exists()


def test_changing_the_clients_role_in_drafting_is_a_removal_too(client, org, case):
    party = services.party_add(
        case=case, by=org.lawyer, role="client", new_person={"full_name": "Client Person"}
    )
    services.case_set_stage(case=case, stage="drafting", by=org.lawyer)
    with pytest.raises(ValidationError, match="Ask a supervisor"):
        services.party_update(party=party, by=org.lawyer, data={"role": "witness"})
    party.refresh_from_db()
    assert party.role == "client"
    # The page says so and keeps the party as it was.
    response = login(client, org.lawyer).post(
        reverse("cases:party_edit", kwargs={"reference": case.reference, "pk": party.pk}),
        {"role": "witness", "notes": ""},
    )
    assert response.status_code in (200, 400)
    assert "Ask a supervisor" in response.content.decode()
    party.refresh_from_db()
    assert party.role == "client"
    services.grant_case_access(
        case=case, user=org.supervisor, perms=["view_case_identity"], by=None, reason="test"
    )
    services.party_update(party=party, by=org.supervisor, data={"role": "author"})
    party.refresh_from_db()
    assert party.role == "author"


def test_the_pages_offer_no_removal_of_the_client_in_drafting_and_say_why(client, org, case):
    party = services.party_add(
        case=case, by=org.lawyer, role="client", new_person={"full_name": "Client Person"}
    )
    services.case_set_stage(case=case, stage="drafting", by=org.lawyer)
    delete = reverse("cases:party_delete", kwargs={"reference": case.reference, "pk": party.pk})
    tab = reverse("cases:parties", kwargs={"reference": case.reference})
    login(client, org.lawyer)
    body = client.get(tab).content.decode()
    assert delete not in body and "Removed only by a supervisor" in body
    page = client.get(delete)
    assert page.status_code == 200
    assert "Ask a supervisor" in page.content.decode()
    assert 'type="submit"' not in page.content.decode().split("<main", 1)[1]
    refused = client.post(delete, {"reason": "mistake"})
    assert refused.status_code == 400 and "Ask a supervisor" in refused.content.decode()
    assert case.parties.filter(pk=party.pk).exists()
    services.grant_case_access(
        case=case, user=org.supervisor, perms=["view_case_identity", "change_case"], by=None
    )
    login(client, org.supervisor)
    assert delete in client.get(tab).content.decode()
