"""The incident register: restricted, logged on every read, with checklists kept as data."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework import services
from casework.access_chain import CHAIN_FIELDS, verify_rows
from casework.models import AccessAction, AccessLog, Confidentiality
from security import incidents
from security.models import ChecklistItem, Incident, IncidentKind, IncidentStep
from tests.conftest import make_case

VICTIM = "Gulnara Incidentova"


@pytest.fixture
def detained_client(org, case):
    party = services.party_add(
        case=case, by=org.lawyer, role="client", new_person={"full_name": VICTIM}
    )
    return incidents.incident_open(
        by=org.supervisor,
        kind=IncidentKind.CLIENT_DETAINED,
        branch=org.almaty,
        cases=[case],
        party=party,
        place="Demo police station",
        description="Taken from the court building.",
    )


def test_every_kind_has_a_seeded_checklist(db):
    kinds = set(ChecklistItem.objects.values_list("kind", flat=True))
    assert kinds == set(IncidentKind.values)


def test_an_incident_starts_with_the_checklist_of_its_kind(detained_client):
    texts = list(detained_client.steps.values_list("text_en", flat=True))
    assert any("interim measures" in t for t in texts)
    assert len(texts) == ChecklistItem.objects.filter(kind=IncidentKind.CLIENT_DETAINED).count()


def test_a_staff_detention_checklist_asks_for_lockdown_and_the_lawyers_access(org):
    incident = incidents.incident_open(
        by=org.administrator,
        kind=IncidentKind.STAFF_DETAINED,
        branch=org.almaty,
        staff_member=org.lawyer,
    )
    texts = " ".join(incident.steps.values_list("text_en", flat=True))
    for words in ("head office", "lawyer", "partners", "Lock down", "access"):
        assert words in texts


def test_editing_the_checklist_data_changes_new_incidents_not_old_ones(org, detained_client):
    item = ChecklistItem.objects.filter(kind=IncidentKind.CLIENT_DETAINED).first()
    item.text_en = "Changed step"
    item.save()
    assert not detained_client.steps.filter(text_en="Changed step").exists()
    new = incidents.incident_open(
        by=org.supervisor, kind=IncidentKind.CLIENT_DETAINED, branch=org.almaty
    )
    assert new.steps.filter(text_en="Changed step").exists()


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("administrator", 200),
        ("supervisor", 200),
        ("branch_head", 200),
        ("other_branch_head", 404),
        ("lawyer", 404),
        ("analyst", 404),
    ],
)
def test_only_administrators_supervisors_and_the_office_head_see_an_incident(
    client, org, detained_client, user, status
):
    client.force_login(getattr(org, user))
    url = reverse("security:incident_detail", args=[detained_client.pk])
    assert client.get(url).status_code == status


def test_every_read_is_in_the_hash_chained_access_log(client, org, detained_client):
    client.force_login(org.branch_head)
    client.get(reverse("security:incident_detail", args=[detained_client.pk]))
    client.get(reverse("security:incident_edit", args=[detained_client.pk]))
    reads = AccessLog.objects.filter(
        user=org.branch_head,
        case__isnull=True,
        action=AccessAction.VIEW_INCIDENT,
        object_repr=f"incident #{detained_client.pk}",
    )
    assert reads.count() == 2
    rows = AccessLog.objects.order_by("id").values("id", "prev_hash", "hash", *CHAIN_FIELDS)
    assert verify_rows(rows).broken is None


def test_a_page_of_the_register_is_a_logged_read_naming_what_it_listed(
    client, org, detained_client
):
    client.force_login(org.branch_head)
    assert client.get(reverse("security:incidents")).status_code == 200
    row = AccessLog.objects.get(user=org.branch_head, action=AccessAction.VIEW_INCIDENT)
    assert row.case is None
    assert row.object_repr == f"incident register p1: #{detained_client.pk}"


def test_a_long_register_page_names_as_many_incidents_as_the_row_holds(org):
    incidents.record_list_read(user=org.supervisor, incident_ids=list(range(1000, 1060)), page=2)
    text = AccessLog.objects.get(user=org.supervisor).object_repr
    assert len(text) <= 200
    assert text.startswith("incident register p2: #1000, #1001")
    assert text.endswith(f" +{60 - text.count('#')}")


def test_the_access_log_page_lists_incident_reads(client, org, detained_client):
    client.force_login(org.branch_head)
    client.get(reverse("security:incident_detail", args=[detained_client.pk]))
    client.force_login(org.administrator)
    page = client.get(reverse("security:access_log"), {"action": "view_incident"})
    assert page.status_code == 200
    assert f"incident #{detained_client.pk}" in page.content.decode()


def test_many_incident_reads_raise_the_reading_alert(client, org, settings):
    settings.REMEDY_ALERT_READS_PER_WINDOW = 2
    opened = [
        incidents.incident_open(by=org.supervisor, kind=IncidentKind.SEARCH, branch=org.almaty)
        for _ in range(3)
    ]
    client.force_login(org.branch_head)
    for incident in opened[:2]:
        client.get(reverse("security:incident_detail", args=[incident.pk]))
        client.get(reverse("security:incident_detail", args=[incident.pk]))  # the same twice
    assert not AccessLog.objects.filter(action=AccessAction.ALERT).exists()
    client.get(reverse("security:incident_detail", args=[opened[2].pk]))
    alert = AccessLog.objects.get(action=AccessAction.ALERT, user=org.branch_head)
    assert alert.case is None
    assert alert.object_repr.startswith("reads: 3 ")


# --- any member of staff reports; only the register's readers read -------------------------


def test_a_lawyer_reports_the_detention_of_a_client_and_sees_only_their_report(client, org, case):
    client.force_login(org.lawyer)
    page = client.get(reverse("security:incident_create"))
    assert page.status_code == 200
    assert 'name="follow_up"' not in page.content.decode()
    response = client.post(
        reverse("security:incident_create"),
        {
            "kind": IncidentKind.CLIENT_DETAINED,
            "branch": org.almaty.pk,
            "occurred_at": "2026-03-01T10:00",
            "place": "Court building",
            "description": "Taken by the police after the hearing.",
            "case_references": case.reference,
        },
    )
    incident = Incident.objects.get(reported_by=org.lawyer)
    assert response.status_code == 302
    assert incident.steps.exists()  # the checklist is there, for the readers
    detail = client.get(reverse("security:incident_detail", args=[incident.pk])).content.decode()
    assert "Taken by the police after the hearing." in detail
    assert 'id="checklist"' not in detail
    assert reverse("security:incident_edit", args=[incident.pk]) not in detail
    assert client.get(reverse("security:incident_edit", args=[incident.pk])).status_code == 404
    step = incident.steps.first()
    client.post(reverse("security:incident_step", args=[step.pk]), {"done": "on"})
    step.refresh_from_db()
    assert step.done_at is None
    listing = client.get(reverse("security:incidents")).content.decode()
    assert reverse("security:incident_detail", args=[incident.pk]) in listing


def test_a_reporter_does_not_see_incidents_others_reported(client, org, detained_client):
    client.force_login(org.lawyer)
    assert reverse("security:incident_detail", args=[detained_client.pk]) not in (
        client.get(reverse("security:incidents")).content.decode()
    )
    url = reverse("security:incident_detail", args=[detained_client.pk])
    assert client.get(url).status_code == 404


def test_a_staff_member_reports_their_own_detention_for_their_own_office_only(org):
    incident = incidents.incident_open(
        by=org.analyst,
        kind=IncidentKind.STAFF_DETAINED,
        branch=org.almaty,
        staff_member=org.analyst,
    )
    assert incident.reported_by == org.analyst
    with pytest.raises(PermissionDenied):
        incidents.incident_open(by=org.lawyer, kind=IncidentKind.SEARCH, branch=org.uralsk)


def test_the_office_head_reads_what_a_lawyer_reported(client, org):
    incident = incidents.incident_open(
        by=org.lawyer, kind=IncidentKind.SUMMONS, branch=org.almaty, description="Summoned."
    )
    client.force_login(org.branch_head)
    page = client.get(reverse("security:incident_detail", args=[incident.pk])).content.decode()
    assert 'id="checklist"' in page
    client.force_login(org.other_branch_head)
    url = reverse("security:incident_detail", args=[incident.pk])
    assert client.get(url).status_code == 404


def test_a_read_showing_a_restricted_case_goes_to_the_access_log(client, org):
    restricted = make_case(
        by=org.lawyer, branch=org.almaty, confidentiality=Confidentiality.RESTRICTED
    )
    services.grant_case_access(
        case=restricted, user=org.supervisor, perms=["view_case"], by=org.lawyer
    )
    incident = incidents.incident_open(
        by=org.supervisor, kind=IncidentKind.SEARCH, branch=org.almaty, cases=[restricted]
    )
    client.force_login(org.supervisor)
    client.get(reverse("security:incident_detail", args=[incident.pk]))
    assert AccessLog.objects.filter(user=org.supervisor, case=restricted).exists()


def test_linked_cases_the_reader_cannot_open_are_not_shown(client, org):
    restricted = make_case(
        by=org.lawyer,
        branch=org.almaty,
        title="Hidden torture case",
        confidentiality=Confidentiality.RESTRICTED,
    )
    incident = incidents.incident_open(
        by=None, kind=IncidentKind.SEARCH, branch=org.almaty, cases=[restricted]
    )
    client.force_login(org.administrator)
    body = client.get(reverse("security:incident_detail", args=[incident.pk])).content.decode()
    assert restricted.reference not in body and restricted.title not in body


def test_editing_keeps_links_to_cases_the_editor_cannot_see(org, case):
    restricted = make_case(by=org.lawyer, branch=org.almaty, confidentiality=Confidentiality.SECRET)
    incident = incidents.incident_open(
        by=None, kind=IncidentKind.SEARCH, branch=org.almaty, cases=[restricted, case]
    )
    incidents.incident_update(incident=incident, by=org.administrator, cases=[], place="Office")
    assert set(incident.cases.all()) == {restricted}


def test_linking_a_hidden_case_is_refused_as_unknown(org):
    restricted = make_case(by=org.lawyer, branch=org.almaty, confidentiality=Confidentiality.SECRET)
    with pytest.raises(ValidationError) as exc:
        incidents.resolve_case_references(org.administrator, [restricted.reference])
    assert restricted.reference in str(exc.value)  # echoes what the user typed, nothing more
    with pytest.raises(ValidationError):
        incidents.incident_open(
            by=org.administrator, kind=IncidentKind.SEARCH, branch=org.almaty, cases=[restricted]
        )


def test_a_case_party_is_masked_for_readers_without_view_identity(client, org, detained_client):
    client.force_login(org.supervisor)  # sees the normal case, not its identities
    body = client.get(
        reverse("security:incident_detail", args=[detained_client.pk])
    ).content.decode()
    assert VICTIM not in body
    assert "Client A" in body


def test_the_party_is_named_for_a_reader_with_view_identity(org, detained_client):
    assert VICTIM in incidents.party_label(detained_client.party, org.lawyer)


def test_a_branch_head_records_incidents_of_their_office_only(org):
    with pytest.raises(PermissionDenied):
        incidents.incident_open(by=org.branch_head, kind=IncidentKind.THREAT, branch=org.uralsk)
    # A lawyer reports too (any member of staff), for their own office.
    assert incidents.incident_open(by=org.lawyer, kind=IncidentKind.THREAT, branch=org.almaty)


def test_ticking_a_step_records_who_and_when_and_the_history_keeps_it(client, org, detained_client):
    step = detained_client.steps.first()
    client.force_login(org.branch_head)
    response = client.post(
        reverse("security:incident_step", args=[step.pk]), {"done": "on", "note": "Lawyer sent"}
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.done_by == org.branch_head and step.done_at is not None
    assert step.note == "Lawyer sent"
    client.post(reverse("security:incident_step", args=[step.pk]), {"note": ""})
    step.refresh_from_db()
    assert not step.is_done
    rows = IncidentStep.history.filter(id=step.pk).order_by("history_date")
    assert [r.done_at is not None for r in rows] == [False, True, False]
    assert rows[1].history_user == org.branch_head
    body = client.get(
        reverse("security:incident_detail", args=[detained_client.pk])
    ).content.decode()
    assert "Step done" in body


def test_others_cannot_tick_a_step(client, org, detained_client):
    step = detained_client.steps.first()
    client.force_login(org.other_branch_head)
    assert (
        client.post(reverse("security:incident_step", args=[step.pk]), {"done": "on"}).status_code
        == 404
    )
    step.refresh_from_db()
    assert not step.is_done


def test_recording_an_incident_through_the_page(client, org, case):
    client.force_login(org.branch_head)
    response = client.post(
        reverse("security:incident_create"),
        {
            "kind": IncidentKind.SUMMONS,
            "branch": org.almaty.pk,
            "occurred_at": "2026-03-03T10:30",
            "place": "Demo police department",
            "staff_member": org.lawyer.pk,
            "description": "Summoned as a witness.",
            "case_references": case.reference,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    incident = incidents.incidents_visible_to(org.branch_head).get()
    assert list(incident.cases.all()) == [case]
    assert incident.reported_by == org.branch_head
    assert incident.steps.exists()


def test_a_bad_incident_form_says_why_and_saves_nothing(client, org):
    client.force_login(org.supervisor)
    response = client.post(
        reverse("security:incident_create"),
        {
            "kind": IncidentKind.DURESS_LOGIN,  # only Remedy opens these
            "occurred_at": "3026-01-01T00:00",
            "case_references": "NOPE-1",
            "description": "\x00",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"kind", "occurred_at", "case_references"} <= set(errors)
    assert not incidents.incidents_visible_to(org.supervisor).exists()


def test_incident_list_queries_do_not_grow(client, org, django_assert_max_num_queries):
    for _ in range(2):
        incidents.incident_open(by=org.supervisor, kind=IncidentKind.THREAT, branch=org.almaty)
    client.force_login(org.supervisor)
    # 9 for the page and 3 for its logged read (the chain's head, the row, the reading alert's
    # count); PostgreSQL adds the access log's advisory lock. The same at both sizes.
    with django_assert_max_num_queries(13):
        client.get(reverse("security:incidents"))
    for _ in range(20):
        incidents.incident_open(by=org.supervisor, kind=IncidentKind.THREAT, branch=org.almaty)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("security:incidents")).status_code == 200


def test_the_checklist_is_shown_in_russian_and_kazakh(client, org, detained_client):
    client.force_login(org.supervisor)
    url = reverse("security:incident_detail", args=[detained_client.pk])
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "временных мерах" in body
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "уақытша шаралар" in body
