"""Case pages: 404 without permission on every page, identity masking on every page,
create and edit (with optimistic locking), access logging."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from casework import services
from casework.models import AccessAction, AccessLog, Case, Stage
from casework.selectors import CHANGE, VIEW, VIEW_IDENTITY, case_permissions

from .ui_fixtures import *  # noqa: F403
from .ui_fixtures import CLIENT_NAME, VICTIM_NAME, VICTIM_PHONE, WITNESS_NAME, login

TAB_PAGES = [
    "detail",
    "parties",
    "violations",
    "proceedings",
    "documents",
    "authorisations",
    "activities",
    "team",
    "history",
]
CHANGE_PAGES = [
    "edit",
    "party_add",
    "violation_add",
    "proceeding_add",
    "document_upload",
    "authorisation_add",
    "activity_add",
]


def url(name: str, case: Case, **kwargs) -> str:
    return reverse(f"cases:{name}", kwargs={"reference": case.reference, **kwargs})


@pytest.mark.parametrize("page", TAB_PAGES + CHANGE_PAGES)
def test_every_case_page_is_404_for_a_lawyer_of_another_branch(client, org, case_file, page):
    response = login(client, org.other_lawyer).get(url(page, case_file.case))
    assert response.status_code == 404


@pytest.mark.parametrize("page", TAB_PAGES)
@pytest.mark.parametrize("who", ["supervisor", "branch_head", "administrator", "analyst"])
def test_secret_case_pages_are_404_without_grant_whatever_the_role(
    client, org, secret_case, page, who
):
    response = login(client, getattr(org, who)).get(url(page, secret_case))
    assert response.status_code == 404


def test_unknown_reference_is_404(client, org):
    response = login(client, org.lawyer).get("/cases/KIBHR-2099-9999/")
    assert response.status_code == 404


@pytest.mark.parametrize("page", TAB_PAGES + CHANGE_PAGES)
def test_every_case_page_opens_for_the_case_team(client, org, case_file, page):
    response = login(client, org.lawyer).get(url(page, case_file.case))
    assert response.status_code == 200


@pytest.mark.parametrize("page", CHANGE_PAGES)
def test_change_pages_are_404_for_a_viewer_without_change_permission(client, org, case_file, page):
    # The supervisor oversees the normal case (view, manage team) but may not change it.
    response = login(client, org.supervisor).get(url(page, case_file.case))
    assert response.status_code == 404


def test_change_pages_post_is_404_for_a_viewer(client, org, case_file):
    response = login(client, org.supervisor).post(
        url("activity_add", case_file.case),
        {"kind": "note", "occurred_on": "2025-01-01", "text": "sneaky"},
    )
    assert response.status_code == 404
    assert not case_file.case.activities.filter(text="sneaky").exists()


@pytest.mark.parametrize("page", TAB_PAGES)
def test_names_are_masked_on_every_tab_without_identity_permission(client, org, case_file, page):
    html = login(client, org.supervisor).get(url(page, case_file.case)).content.decode()
    for secret in (VICTIM_NAME, CLIENT_NAME, "Zhumabekov", VICTIM_PHONE, "1990-03-04"):
        assert secret not in html, f"{secret!r} leaked on {page}"


def test_parties_tab_shows_pseudonyms_and_unprotected_witness(client, org, case_file):
    html = login(client, org.supervisor).get(url("parties", case_file.case)).content.decode()
    assert "Victim A" in html
    assert "Client B" in html
    assert "[identity hidden]" in html
    assert WITNESS_NAME in html  # witnesses are not a protected role
    assert "Almaty City Akimat" in html


def test_parties_tab_shows_names_to_user_with_identity(client, org, case_file):
    html = login(client, org.lawyer).get(url("parties", case_file.case)).content.decode()
    assert VICTIM_NAME in html
    assert VICTIM_PHONE in html
    assert "1990-03-04" in html


def test_identity_grant_reveals_names(client, org, case_file):
    services.grant_case_access(
        case=case_file.case, user=org.supervisor, perms=[VIEW_IDENTITY], by=org.lawyer
    )
    html = login(client, org.supervisor).get(url("detail", case_file.case)).content.decode()
    assert VICTIM_NAME in html


def test_history_of_person_fields_is_masked(client, org, case_file):
    services.party_update(
        party=case_file.case.parties.get(person=case_file.victim),
        by=org.lawyer,
        data={},
        person_data={"full_name": "Aigerim Zhumabekova-Kaliyeva", "address": "Abay 10"},
    )
    masked = login(client, org.supervisor).get(url("history", case_file.case)).content.decode()
    assert "Kaliyeva" not in masked and "Abay 10" not in masked
    assert "[identity hidden]" in masked
    revealed = login(client, org.lawyer).get(url("history", case_file.case)).content.decode()
    assert "Aigerim Zhumabekova-Kaliyeva" in revealed and "Abay 10" in revealed


def test_history_shows_who_why_and_field_diffs(client, org, case_file):
    services.case_update(
        case=case_file.case,
        by=org.lawyer,
        data={"stage": Stage.SCREENING},
        expected_version=None,
        reason="Sent to screening",
    )
    html = login(client, org.lawyer).get(url("history", case_file.case)).content.decode()
    assert "Sent to screening" in html
    assert "Intake" in html and "Screening" in html
    assert str(org.lawyer) in html
    assert "Case creator" in html  # the creator's permission grants are in the timeline
    assert "Almaly District Court" in html


def test_history_shows_grants_and_revocations(client, org, case):
    services.grant_case_access(
        case=case, user=org.other_lawyer, perms=[VIEW], by=org.lawyer, reason="co-counsel"
    )
    services.revoke_case_access(case=case, user=org.other_lawyer, by=org.lawyer, reason="left")
    html = login(client, org.lawyer).get(url("history", case)).content.decode()
    assert "co-counsel" in html and "left" in html
    assert "revoked" in html


def test_history_page_has_no_edit_or_delete_forms(client, org, case_file):
    html = login(client, org.lawyer).get(url("history", case_file.case)).content.decode()
    body = html.split('class="list-unstyled history-timeline"', 1)[1]
    assert "<form" not in body.split("</ol>")[0]


def test_viewing_a_secret_case_is_logged(client, org, secret_case):
    login(client, org.lawyer).get(url("detail", secret_case))
    entry = AccessLog.objects.get(case=secret_case, action=AccessAction.VIEW_CASE)
    assert entry.user == org.lawyer
    assert entry.object_repr == "overview"


def test_viewing_a_normal_case_is_not_logged_but_reading_its_identities_is(client, org, case):
    # Issue 10, item 8: identity reads are logged on normal cases too; plain views are not.
    login(client, org.lawyer).get(url("detail", case))
    actions = list(AccessLog.objects.values_list("action", flat=True))
    assert actions == [AccessAction.VIEW_IDENTITY]


def test_open_a_case_goes_through_intake(client, org):
    """One way in: the client, consent and conflict check are recorded at intake."""
    intake = reverse("workflows:litigation:intake:execute")
    client = login(client, org.lawyer)
    assert client.get(reverse("cases:list")).content.decode().count(f'href="{intake}"') >= 1
    for response in (
        client.get(reverse("cases:create")),
        client.post(reverse("cases:create"), {"title": "Off the route", "reason": "x"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == intake
    assert not Case.objects.exists()


def test_analyst_may_not_open_a_case(client, org):
    assert login(client, org.analyst).get(reverse("cases:create")).status_code == 403


def test_the_case_form_has_no_stage_field(client, org, case):
    response = login(client, org.lawyer).get(url("edit", case))
    assert 'name="stage"' not in response.content.decode()


def test_the_case_form_leaves_closure_and_the_responsible_lawyer_to_the_route(client, org, case):
    html = login(client, org.lawyer).get(url("edit", case)).content.decode()
    for name in ("closed_on", "closure_reason", "responsible_lawyer"):
        assert f'name="{name}"' not in html
    # A hand-made closure or lawyer in the POST is ignored: the Stop page and the Team page
    # (which also grants the lawyer the case) are the ways to change them.
    response = client.post(
        url("edit", case),
        edit_data(
            case,
            closed_on="2026-05-01",
            closure_reason="withdrawn",
            responsible_lawyer=org.other_lawyer.pk,
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.closed_on, case.closure_reason) == (None, "")
    assert case.responsible_lawyer != org.other_lawyer


def _closed_on_its_opening_day(case: Case, by) -> None:
    services.case_close(case=case, reason_code="withdrawn", by=by, closed_on=case.opened_on)
    case.refresh_from_db()


def test_create_form_shows_validation_messages(client, org, case):
    _closed_on_its_opening_day(case, org.lawyer)
    later = (case.opened_on + dt.timedelta(days=1)).isoformat()
    data = edit_data(case, title="", opened_on=later)
    response = login(client, org.lawyer).post(url("edit", case), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html
    assert "A case cannot be closed before it was opened." in html


def edit_data(case: Case, **changes) -> dict:
    data = {
        "title": case.title,
        "branch": case.branch_id,
        "theme": case.theme_id,
        "confidentiality": case.confidentiality,
        "opened_on": case.opened_on.isoformat(),
        "summary": case.summary,
        "version": case.version,
        "reason": "",
    }
    data.update(changes)
    return data


def test_edit_saves_with_reason_and_bumps_version(client, org, case):
    response = login(client, org.lawyer).post(
        url("edit", case), edit_data(case, title="New title", reason="Client asked")
    )
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.title == "New title"
    assert case.version == 2
    assert case.history.first().history_change_reason == "Client asked"


def test_stale_edit_keeps_input_and_explains(client, org, case):
    form_version = case.version
    services.case_update(
        case=case, by=org.supervisor, data={"title": "Renamed meanwhile"}, expected_version=None
    )
    response = login(client, org.lawyer).post(
        url("edit", case),
        edit_data(case, title="My careful title", summary="My long summary", version=form_version),
    )
    html = response.content.decode()
    case.refresh_from_db()
    assert response.status_code == 400
    assert case.title == "Renamed meanwhile"
    assert "changed by someone else" in html
    assert "My careful title" in html and "My long summary" in html
    assert "Renamed meanwhile" in html  # the saved value is shown next to the user's input
    # The re-rendered form carries the current version: saving again applies the user's input.
    assert response.context["form"]["version"].value() == str(case.version)


def test_edit_validation_error_is_rendered(client, org, case):
    _closed_on_its_opening_day(case, org.lawyer)
    later = (case.opened_on + dt.timedelta(days=30)).isoformat()
    response = login(client, org.lawyer).post(
        url("edit", case), edit_data(case, opened_on=later, stage="open")
    )
    assert response.status_code == 400
    assert "A case cannot be closed before it was opened." in response.content.decode()


def test_edit_is_404_for_branch_head_with_view_only(client, org, case):
    assert CHANGE not in case_permissions(org.branch_head, case)
    response = login(client, org.branch_head).post(url("edit", case), edit_data(case))
    assert response.status_code == 404


def test_overview_hides_edit_button_for_viewer(client, org, case):
    html = login(client, org.branch_head).get(url("detail", case)).content.decode()
    assert url("edit", case) not in html


def test_every_apps_tab_and_panel_appear_on_case_pages(client, org, case):
    """The case frame is static: the deadlines and communication tabs, the next-deadline badge
    and the litigation-route and communication cards are on every case's pages."""
    from casework.case_page import TABS

    html = login(client, org.lawyer).get(url("detail", case)).content.decode()
    for tab in TABS:
        assert reverse(tab.url_name, kwargs={"reference": case.reference}) in html
        assert str(tab.label) in html
    assert 'id="litigation-route"' in html
    assert reverse("cases:communication", kwargs={"reference": case.reference}) in html


def test_reading_identities_of_a_secret_case_is_logged(client, org, secret_case):
    login(client, org.lawyer).get(url("parties", secret_case))
    actions = set(AccessLog.objects.filter(case=secret_case).values_list("action", flat=True))
    assert actions == {AccessAction.VIEW_CASE, AccessAction.VIEW_IDENTITY}


def test_masked_view_of_a_restricted_case_logs_no_identity_read(client, org):
    from tests.conftest import make_case

    restricted = make_case(
        by=org.lawyer, branch=org.almaty, title="Restricted", confidentiality="restricted"
    )
    services.grant_case_access(case=restricted, user=org.supervisor, perms=[VIEW], by=org.lawyer)
    login(client, org.supervisor).get(url("parties", restricted))
    reads = AccessLog.objects.filter(case=restricted, user=org.supervisor)
    assert list(reads.values_list("action", flat=True)) == [AccessAction.VIEW_CASE]


@pytest.mark.parametrize("page", ["detail", "parties", "authorisations", "history"])
def test_case_pages_query_count_does_not_grow_with_parties(
    client, org, case_file, page, django_assert_max_num_queries
):
    from .ui_fixtures import add_person

    for n in range(15):
        person = add_person(case_file.case, org.lawyer, "relative", f"Relative {n}")
        services.authorisation_record(
            case=case_file.case,
            by=org.lawyer,
            person=person,
            kind="consent_data",
            signed_on=case_file.case.opened_on,
        )
    login(client, org.lawyer).get(url(page, case_file.case))
    with django_assert_max_num_queries(40):
        response = client.get(url(page, case_file.case))
    assert response.status_code == 200


def test_not_found_page_explains_without_confirming_existence(client, org, secret_case, settings):
    settings.DEBUG = False
    response = login(client, org.supervisor).get(url("detail", secret_case))
    html = response.content.decode()
    assert response.status_code == 404
    assert "does not exist, or you do not have access" in html
    assert secret_case.title not in html
