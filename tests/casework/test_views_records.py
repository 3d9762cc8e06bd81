"""Forms for the records of a case: parties (with the conflict check), violations, proceedings,
authorisations and consents, activities, and the team. Every write is audited with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from casework import services
from casework.models import (
    Activity,
    AllegedViolation,
    Authorisation,
    CaseParty,
    CovenantArticle,
    Instance,
    PartyRole,
    Person,
    Proceeding,
)
from casework.selectors import CHANGE, MANAGE_TEAM, VIEW, can_view_case, case_permissions
from tests.conftest import make_case

from .ui_fixtures import *  # noqa: F403
from .ui_fixtures import VICTIM_NAME, login, party_of


def url(name, case, **kwargs):
    return reverse(f"cases:{name}", kwargs={"reference": case.reference, **kwargs})


# --- Parties ------------------------------------------------------------------------------------


def test_add_party_with_a_new_person(client, org, case):
    response = login(client, org.lawyer).post(
        url("party_add", case),
        {"role": "victim", "person-full_name": "Nurlan Abenov", "reason": "intake interview"},
    )
    assert response.status_code == 302
    party = CaseParty.objects.get(case=case, person__full_name="Nurlan Abenov")
    assert party.role == "victim"
    assert party.history.first().history_change_reason == "intake interview"
    assert party.history.first().history_user == org.lawyer


def test_add_party_needs_a_person_or_a_name(client, org, case):
    response = login(client, org.lawyer).post(url("party_add", case), {"role": "victim"})
    assert response.status_code == 400
    assert "give the new person" in response.content.decode()


def test_respondent_needs_an_authority_name(client, org, case):
    response = login(client, org.lawyer).post(url("party_add", case), {"role": "respondent"})
    assert response.status_code == 400
    assert "Name the respondent authority." in response.content.decode()


def test_conflict_check_lists_similar_people_and_waits_for_confirmation(client, org, case_file):
    other = make_case(by=org.lawyer, branch=org.almaty, title="Second case")
    login(client, org.lawyer)
    response = client.post(
        url("party_add", other), {"role": "client", "person-full_name": "A. Zhumabekova"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Conflict check" in html
    assert VICTIM_NAME in html and case_file.case.reference in html
    assert not other.parties.exists()
    confirmed = client.post(
        url("party_add", other),
        {"role": "client", "person-full_name": "A. Zhumabekova", "confirm_new": "1"},
    )
    assert confirmed.status_code == 302
    assert other.parties.get().person.full_name == "A. Zhumabekova"


def test_conflict_check_does_not_reveal_cases_the_user_cannot_read(client, org, case_file):
    # The same victim is also a party of a secret Uralsk case the lawyer cannot see.
    hidden = make_case(
        by=org.other_lawyer, branch=org.uralsk, title="Hidden", confidentiality="secret"
    )
    # Recorded by the system (by=None): other_lawyer may not pick a person they cannot see.
    services.party_add(case=hidden, by=None, role=PartyRole.WITNESS, person=case_file.victim)
    other = make_case(by=org.lawyer, branch=org.almaty, title="Second case")
    html = (
        login(client, org.lawyer)
        .post(url("party_add", other), {"role": "client", "person-full_name": "Zhumabekova"})
        .content.decode()
    )
    assert case_file.case.reference in html
    assert hidden.reference not in html


def test_existing_person_can_be_chosen(client, org, case_file):
    other = make_case(by=org.lawyer, branch=org.almaty, title="Second case")
    response = login(client, org.lawyer).post(
        url("party_add", other), {"role": "victim", "person": case_file.victim.pk}
    )
    assert response.status_code == 302
    assert other.parties.get().person == case_file.victim


def test_person_picker_and_conflict_check_hide_names_without_identity(client, org, case_file):
    # other_lawyer may change a new case of their own, but sees no identity of case_file.
    services.grant_case_access(
        case=case_file.case, user=org.other_lawyer, perms=[CHANGE], by=org.lawyer
    )
    own = make_case(by=org.other_lawyer, branch=org.uralsk, title="Own case")
    login(client, org.other_lawyer)
    page = client.get(url("party_add", case_file.case)).content.decode()
    assert VICTIM_NAME not in page
    response = client.post(
        url("party_add", own), {"role": "client", "person-full_name": "A. Zhumabekova"}
    )
    assert response.status_code == 302  # no conflict list: those names are not theirs to see
    assert VICTIM_NAME not in response.content.decode()
    # Choosing a person whose identity they may not read is refused.
    refused = client.post(url("party_add", own), {"role": "victim", "person": case_file.victim.pk})
    assert refused.status_code == 400


def test_edit_party_without_identity_has_no_person_fields(client, org, case_file):
    services.grant_case_access(
        case=case_file.case, user=org.other_lawyer, perms=[CHANGE], by=org.lawyer
    )
    party = party_of(case_file.case, case_file.victim)
    html = (
        login(client, org.other_lawyer)
        .get(url("party_edit", case_file.case, pk=party.pk))
        .content.decode()
    )
    assert "person-full_name" not in html
    assert VICTIM_NAME not in html


def test_edit_party_person_details_with_identity(client, org, case_file):
    party = party_of(case_file.case, case_file.victim)
    response = login(client, org.lawyer).post(
        url("party_edit", case_file.case, pk=party.pk),
        {
            "role": "victim",
            "notes": "detained 2025",
            "person-full_name": VICTIM_NAME,
            "person-birth_date": "2999-01-01",
        },
    )
    assert response.status_code == 400
    assert "A date of birth cannot be in the future." in response.content.decode()


def test_remove_party_needs_a_reason_and_is_audited(client, org, case_file):
    party = party_of(case_file.case, case_file.witness)
    login(client, org.lawyer)
    no_reason = client.post(url("party_delete", case_file.case, pk=party.pk), {"reason": ""})
    assert no_reason.status_code == 200
    assert CaseParty.objects.filter(pk=party.pk).exists()
    client.post(url("party_delete", case_file.case, pk=party.pk), {"reason": "duplicate entry"})
    assert not CaseParty.objects.filter(pk=party.pk).exists()
    deleted = CaseParty.history.filter(id=party.pk, history_type="-").get()
    assert deleted.history_change_reason == "duplicate entry"


def test_party_of_another_case_is_404(client, org, case_file):
    other = make_case(by=org.lawyer, branch=org.almaty, title="Second case")
    party = party_of(case_file.case, case_file.victim)
    response = login(client, org.lawyer).get(url("party_edit", other, pk=party.pk))
    assert response.status_code == 404


# --- Violations ---------------------------------------------------------------------------------


def test_allege_a_violation(client, org, case):
    article = CovenantArticle.objects.get(number=19)
    response = login(client, org.lawyer).post(
        url("violation_add", case), {"article": article.pk, "paragraph": "2"}
    )
    assert response.status_code == 302
    assert str(AllegedViolation.objects.get(case=case)) == "Art. 19(2)"


def test_duplicate_violation_is_refused_with_a_message(client, org, case_file):
    article = CovenantArticle.objects.get(number=21)
    response = login(client, org.lawyer).post(
        url("violation_add", case_file.case), {"article": article.pk}
    )
    assert response.status_code == 400
    assert "already exists" in response.content.decode()


# --- Proceedings --------------------------------------------------------------------------------


def test_appeal_without_first_instance_decision_shows_model_message(client, org, case):
    response = login(client, org.lawyer).post(
        url("proceeding_add", case),
        {
            "level": Instance.APPEAL,
            "procedure_type": "civil",
            "body": "Almaty City Court",
            "filed_on": "2025-03-01",
            "outcome": "pending",
        },
    )
    assert response.status_code == 400
    assert "needs a first instance decision" in response.content.decode()
    assert not Proceeding.objects.filter(case=case).exists()


def test_decision_before_filing_is_refused(client, org, case):
    response = login(client, org.lawyer).post(
        url("proceeding_add", case),
        {
            "level": Instance.FIRST_INSTANCE,
            "procedure_type": "civil",
            "body": "Court",
            "filed_on": "2025-03-01",
            "decided_on": "2025-02-01",
            "outcome": "dismissed",
        },
    )
    assert response.status_code == 400
    assert "A decision cannot be dated before the filing." in response.content.decode()


def test_appeal_after_first_instance_decision_is_recorded(client, org, case_file):
    response = login(client, org.lawyer).post(
        url("proceeding_add", case_file.case),
        {
            "level": Instance.APPEAL,
            "procedure_type": "civil",
            "body": "Almaty City Court",
            "filed_on": "2025-06-20",
            "outcome": "pending",
            "reason": "appeal filed",
        },
    )
    assert response.status_code == 302
    appeal = case_file.case.proceedings.get(level=Instance.APPEAL)
    assert appeal.history.first().history_change_reason == "appeal filed"


def test_recording_a_proceeding_syncs_deadlines(client, org, case, monkeypatch):
    deadlines = pytest.importorskip("deadlines.services")
    calls = []
    monkeypatch.setattr(
        deadlines, "sync_for_proceeding", lambda proceeding, by: calls.append((proceeding, by))
    )
    proceeding = services.proceeding_record(
        case=case,
        by=org.lawyer,
        level=Instance.FIRST_INSTANCE,
        body="Court",
        filed_on=dt.date(2025, 1, 10),
    )
    services.proceeding_update(
        proceeding=proceeding,
        by=org.lawyer,
        data={"decided_on": dt.date(2025, 2, 1), "outcome": "dismissed"},
    )
    assert calls == [(proceeding, org.lawyer), (proceeding, org.lawyer)]


def test_edit_proceeding_keeps_order_rules(client, org, case_file):
    appeal = services.proceeding_record(
        case=case_file.case,
        by=org.lawyer,
        level=Instance.APPEAL,
        body="City court",
        filed_on=dt.date(2025, 6, 20),
    )
    # Moving the appeal's filing before the first-instance decision breaks the order.
    response = login(client, org.lawyer).post(
        url("proceeding_edit", case_file.case, pk=appeal.pk),
        {
            "level": Instance.APPEAL,
            "procedure_type": "civil",
            "body": "City court",
            "filed_on": "2025-05-15",
            "outcome": "pending",
        },
    )
    assert response.status_code == 400
    appeal.refresh_from_db()
    assert appeal.filed_on == dt.date(2025, 6, 20)


# --- Authorisations and consents ----------------------------------------------------------------


def test_record_consent_lists_people_by_pseudonym_without_identity(client, org, case_file):
    services.grant_case_access(
        case=case_file.case, user=org.other_lawyer, perms=[CHANGE], by=org.lawyer
    )
    html = (
        login(client, org.other_lawyer)
        .get(url("authorisation_add", case_file.case))
        .content.decode()
    )
    assert VICTIM_NAME not in html
    assert "Victim A" in html


def test_withdraw_consent_with_a_date(client, org, case_file):
    consent = Authorisation.objects.get(case=case_file.case)
    login(client, org.lawyer)
    too_early = client.post(
        url("authorisation_withdraw", case_file.case, pk=consent.pk),
        {"withdrawn_on": "2025-01-01"},
    )
    assert too_early.status_code == 400
    assert "cannot be withdrawn before it was given" in too_early.content.decode()
    response = client.post(
        url("authorisation_withdraw", case_file.case, pk=consent.pk),
        {"withdrawn_on": "2025-09-01", "reason": "client's letter"},
    )
    consent.refresh_from_db()
    assert response.status_code == 302
    assert consent.withdrawn_on == dt.date(2025, 9, 1)
    assert consent.history.first().history_change_reason == "client's letter"
    html = client.get(url("authorisations", case_file.case)).content.decode()
    assert "withdrawn 2025-09-01" in html


def test_consent_by_a_person_outside_the_case_is_refused(client, org, case_file):
    stranger = Person.objects.create(full_name="Stranger")
    response = login(client, org.lawyer).post(
        url("authorisation_add", case_file.case),
        {"person": stranger.pk, "kind": "consent_data", "signed_on": "2025-01-01"},
    )
    assert response.status_code == 400


# --- Activities ---------------------------------------------------------------------------------


def test_add_activity_and_future_date_is_refused(client, org, case):
    login(client, org.lawyer)
    future = client.post(
        url("activity_add", case), {"kind": "note", "occurred_on": "2999-01-01", "text": "x"}
    )
    assert future.status_code == 400
    assert "cannot be dated in the future" in future.content.decode()
    ok = client.post(
        url("activity_add", case), {"kind": "call", "occurred_on": "2025-01-01", "text": "Called"}
    )
    assert ok.status_code == 302
    assert Activity.objects.get(case=case).author == org.lawyer


def test_edit_and_remove_activity(client, org, case_file):
    activity = case_file.case.activities.get()
    login(client, org.lawyer)
    client.post(
        url("activity_edit", case_file.case, pk=activity.pk),
        {"kind": "meeting", "occurred_on": "2025-04-21", "text": "Met again"},
    )
    activity.refresh_from_db()
    assert activity.text == "Met again"
    client.post(url("activity_delete", case_file.case, pk=activity.pk), {"reason": "typo"})
    assert not Activity.objects.filter(pk=activity.pk).exists()


# --- Team ---------------------------------------------------------------------------------------


def test_team_tab_lists_the_team(client, org, case):
    html = login(client, org.branch_head).get(url("team", case)).content.decode()
    assert str(org.lawyer) in html
    assert "Grant access" not in html  # a branch head does not manage this team


def test_grant_and_revoke_access_through_the_team_tab(client, org, case):
    login(client, org.lawyer)
    response = client.post(
        url("team", case),
        {"user": org.other_lawyer.pk, "permissions": [CHANGE], "reason": "co-counsel"},
    )
    assert response.status_code == 302
    assert case_permissions(org.other_lawyer, case) == {VIEW, CHANGE}
    client.post(
        url("team_revoke", case),
        {"user": org.other_lawyer.pk, "permission": VIEW, "reason": "left the team"},
    )
    assert not can_view_case(org.other_lawyer, case)
    assert login(client, org.other_lawyer).get(url("detail", case)).status_code == 404


def test_grant_needs_a_reason(client, org, case):
    response = login(client, org.lawyer).post(
        url("team", case), {"user": org.other_lawyer.pk, "permissions": [VIEW]}
    )
    assert response.status_code == 400
    assert not can_view_case(org.other_lawyer, case)


def test_supervisor_manages_the_team_of_a_normal_case(client, org, case):
    assert MANAGE_TEAM in case_permissions(org.supervisor, case)
    response = login(client, org.supervisor).post(
        url("team", case), {"user": org.other_lawyer.pk, "permissions": [VIEW], "reason": "r"}
    )
    assert response.status_code == 302
    assert can_view_case(org.other_lawyer, case)


def test_viewer_without_manage_permission_cannot_grant_or_revoke(client, org, case):
    login(client, org.branch_head)
    grant = client.post(
        url("team", case), {"user": org.branch_head.pk, "permissions": [CHANGE], "reason": "me"}
    )
    assert grant.status_code == 403
    revoke = client.post(
        url("team_revoke", case), {"user": org.lawyer.pk, "permission": VIEW, "reason": "x"}
    )
    assert revoke.status_code == 404
    assert CHANGE not in case_permissions(org.branch_head, case)
    assert can_view_case(org.lawyer, case)
