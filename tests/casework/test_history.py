"""Every change leaves a history row that knows who, when and why — permission grants included."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from guardian.models import UserObjectPermission

from casework import services
from casework.models import (
    AccessAction,
    AccessLog,
    Activity,
    ActivityKind,
    AllegedViolation,
    Authorisation,
    AuthorisationKind,
    Branch,
    CaseParty,
    CovenantArticle,
    Instance,
    PartyRole,
    Person,
    Proceeding,
    Region,
)


def test_opening_a_case_records_creator_and_reason(org, case):
    row = case.history.get()
    assert row.history_type == "+"
    assert row.history_user == org.lawyer
    assert row.history_change_reason == "Case opened"


def test_updating_a_case_records_a_field_level_diff(org, case):
    services.case_update(
        case=case,
        by=org.supervisor,
        data={"title": "Renamed"},
        expected_version=case.version,
        reason="Clearer title",
    )
    new, old = case.history.all()[:2]
    delta = new.diff_against(old)
    assert [c.field for c in delta.changes if c.field != "version"] == ["title"]
    assert new.history_user == org.supervisor
    assert new.history_change_reason == "Clearer title"


def test_stale_update_is_refused_and_loses_nothing(org, case):
    stale_version = case.version
    services.case_update(
        case=case, by=org.lawyer, data={"title": "First"}, expected_version=stale_version
    )
    with pytest.raises(services.StaleObjectError) as exc:
        services.case_update(
            case=case, by=org.supervisor, data={"title": "Second"}, expected_version=stale_version
        )
    assert "changed by someone else" in exc.value.messages[0]
    case.refresh_from_db()
    assert case.title == "First"


def test_invalid_update_is_not_saved(org, case):
    with pytest.raises(ValidationError):
        services.case_update(
            case=case, by=org.lawyer, data={"closed_on": dt.date(2000, 1, 1)}, expected_version=None
        )
    case.refresh_from_db()
    assert case.closed_on is None


def test_grant_is_in_the_history_with_actor_and_reason(org, case):
    services.grant_case_access(
        case=case, user=org.other_lawyer, perms=["view_case"], by=org.supervisor, reason="Cover"
    )
    row = UserObjectPermission.history.filter(user=org.other_lawyer).get()
    assert row.history_type == "+"
    assert row.history_user == org.supervisor
    assert row.history_change_reason == "grant view_case for other_lawyer: Cover"


def test_revocation_is_in_the_history(org, case):
    services.grant_case_access(case=case, user=org.other_lawyer, perms=["view_case"], by=org.lawyer)
    services.revoke_case_access(case=case, user=org.other_lawyer, by=org.supervisor, reason="Left")
    row = UserObjectPermission.history.filter(user=org.other_lawyer, history_type="-").get()
    assert row.history_user == org.supervisor
    assert row.history_change_reason.endswith("Left")


def test_grant_of_change_implies_view(org, case):
    services.grant_case_access(
        case=case, user=org.other_lawyer, perms=["change_case"], by=org.lawyer
    )
    perms = set(
        UserObjectPermission.objects.filter(user=org.other_lawyer).values_list(
            "permission__codename", flat=True
        )
    )
    assert perms == {"view_case", "change_case"}


def test_unknown_permission_is_refused(org, case):
    with pytest.raises(ValidationError):
        services.grant_case_access(
            case=case, user=org.other_lawyer, perms=["delete_case"], by=org.lawyer
        )


def test_grant_to_inactive_account_is_refused(org, case):
    org.other_lawyer.is_active = False
    org.other_lawyer.save()
    with pytest.raises(ValidationError):
        services.grant_case_access(
            case=case, user=org.other_lawyer, perms=["view_case"], by=org.lawyer
        )


@pytest.mark.parametrize(
    "factory",
    [
        lambda case: Person(full_name="Witness W."),
        lambda case: CaseParty(case=case, role=PartyRole.RESPONDENT, authority_name="Akimat"),
        lambda case: AllegedViolation(case=case, article=CovenantArticle.objects.get(number=21)),
        lambda case: Proceeding(
            case=case, level=Instance.PROSECUTOR, body="Prosecutor", filed_on=dt.date(2026, 2, 1)
        ),
        lambda case: Activity(
            case=case, kind=ActivityKind.NOTE, text="Called the client", author=case.created_by
        ),
        lambda case: Branch(
            code="taraz", name="Taraz", city="Taraz", region=Region.objects.get(code="KZ-31")
        ),
    ],
    ids=["person", "party", "violation", "proceeding", "activity", "branch"],
)
def test_create_change_and_delete_are_each_recorded(org, case, factory):
    obj = factory(case)
    services.save_audited(obj, by=org.lawyer, reason="created")
    services.save_audited(obj, by=org.supervisor, reason="touched")
    pk = obj.pk
    services.delete_audited(obj, by=org.administrator, reason="removed")
    rows = list(type(obj).history.filter(id=pk).order_by("history_id"))
    assert [r.history_type for r in rows] == ["+", "~", "-"]
    assert [r.history_user for r in rows] == [org.lawyer, org.supervisor, org.administrator]
    assert [r.history_change_reason for r in rows] == ["created", "touched", "removed"]


def test_consent_withdrawal_is_recorded(org, case):
    person = Person.objects.create(full_name="Client")
    consent = services.save_audited(
        Authorisation(
            case=case,
            person=person,
            kind=AuthorisationKind.CONSENT_TO_PUBLISH,
            signed_on=dt.date(2026, 1, 20),
        ),
        by=org.lawyer,
    )
    consent.withdrawn_on = dt.date(2026, 2, 1)
    services.save_audited(consent, by=org.lawyer, reason="Client withdrew consent by phone")
    latest = consent.history.first()
    assert latest.withdrawn_on == dt.date(2026, 2, 1)
    assert latest.history_change_reason == "Client withdrew consent by phone"


def test_user_history_never_stores_password_hashes(org):
    org.lawyer.set_password("another-long-passphrase")
    org.lawyer.save()
    assert not hasattr(org.lawyer.history.first(), "password")


def test_access_log_records_reads_of_secret_cases(org, secret_case):
    services.log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE)
    assert AccessLog.objects.filter(case=secret_case, user=org.lawyer).count() == 1


def test_access_log_skips_normal_cases(org, case):
    services.log_access(user=org.lawyer, case=case, action=AccessAction.VIEW_CASE)
    assert AccessLog.objects.count() == 0


def test_access_log_is_append_only(org, secret_case):
    services.log_access(user=org.lawyer, case=secret_case, action=AccessAction.DOWNLOAD)
    entry = AccessLog.objects.get()
    entry.action = AccessAction.VIEW_CASE
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()


def test_role_changes_are_recorded_in_the_user_history(org):
    from django.contrib.auth.models import Group

    user = org.other_lawyer
    user._history_user = org.administrator
    user.groups.add(Group.objects.get(name="supervisor"))
    latest = user.history.latest("history_date")
    assert {g.group.name for g in latest.groups.all()} == {"lawyer", "supervisor"}
