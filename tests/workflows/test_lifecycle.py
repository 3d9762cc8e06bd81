"""casework.services: the stage, lawyer, closure and consent changes the flow relies on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from casework import selectors, services
from casework.models import Authorisation, AuthorisationKind, ClosureReason, Person, Stage


def test_stage_change_is_audited_with_who(case, org):
    services.case_set_stage(case=case, stage=Stage.DOMESTIC, by=org.lawyer)
    case.refresh_from_db()
    last = case.history.order_by("-history_id").first()
    assert case.stage == Stage.DOMESTIC
    assert last.history_user == org.lawyer
    assert "Domestic proceedings" in last.history_change_reason


def test_unknown_stage_is_refused(case, org):
    with pytest.raises(ValidationError):
        services.case_set_stage(case=case, stage="nowhere", by=org.lawyer)


def test_assigning_the_lawyer_grants_access_including_identity(case, org):
    services.case_assign_lawyer(case=case, lawyer=org.other_lawyer, by=org.supervisor)
    case.refresh_from_db()
    assert case.responsible_lawyer == org.other_lawyer
    assert selectors.can_change_case(org.other_lawyer, case)
    assert selectors.can_view_identity(org.other_lawyer, case)


def test_only_lawyers_can_be_responsible(case, org):
    with pytest.raises(ValidationError):
        services.case_assign_lawyer(case=case, lawyer=org.analyst, by=org.supervisor)


def test_closing_twice_keeps_the_first_closure(case, org):
    services.case_close(case=case, reason_code=ClosureReason.DECLINED, by=org.supervisor)
    services.case_close(case=case, reason_code=ClosureReason.SETTLED, by=org.supervisor)
    case.refresh_from_db()
    assert case.closure_reason == ClosureReason.DECLINED
    assert case.stage == Stage.CLOSED


def test_consent_withdrawal_ends_every_mandate_and_consent_in_force(case, org):
    person = Person.objects.create(full_name="Client")
    poa = Authorisation.objects.create(
        case=case,
        person=person,
        kind=AuthorisationKind.POWER_OF_ATTORNEY,
        signed_on=dt.date(2026, 1, 10),
    )
    later = Authorisation.objects.create(
        case=case,
        person=person,
        kind=AuthorisationKind.CONSENT_DATA,
        signed_on=dt.date(2026, 5, 1),
    )
    publish = Authorisation.objects.create(
        case=case,
        person=person,
        kind=AuthorisationKind.CONSENT_TO_PUBLISH,
        signed_on=dt.date(2026, 1, 10),
    )
    withdrawn = services.consent_withdraw(
        case=case, by=org.lawyer, withdrawn_on=dt.date(2026, 3, 1)
    )
    assert set(withdrawn) == {poa, publish}
    for obj in (poa, later, publish):
        obj.refresh_from_db()
    assert poa.withdrawn_on == publish.withdrawn_on == dt.date(2026, 3, 1)
    assert later.withdrawn_on is None  # signed after the withdrawal: not concerned
    assert poa.history.order_by("-history_id").first().history_user == org.lawyer


def test_withdrawal_cannot_be_dated_in_the_future(case, org):
    with pytest.raises(ValidationError):
        services.consent_withdraw(
            case=case, by=org.lawyer, withdrawn_on=dt.date.today() + dt.timedelta(days=2)
        )
