"""The rules the law and common sense put on the case file, with their messages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casework import services
from casework.models import (
    AllegedViolation,
    Authorisation,
    AuthorisationKind,
    Case,
    CaseParty,
    CovenantArticle,
    Instance,
    Outcome,
    PartyRole,
    Person,
    Proceeding,
)


def proceeding(case, level, filed, decided=None, outcome=Outcome.PENDING):
    return Proceeding(
        case=case,
        level=level,
        body="Almaty City Court",
        filed_on=filed,
        decided_on=decided,
        outcome=outcome,
    )


def record(obj, by):
    return services.save_audited(obj, by=by)


def test_decision_cannot_predate_filing(org, case):
    p = proceeding(
        case, Instance.FIRST_INSTANCE, dt.date(2026, 3, 10), dt.date(2026, 3, 1), "dismissed"
    )
    with pytest.raises(ValidationError) as exc:
        p.full_clean()
    assert "before the filing" in str(exc.value.message_dict["decided_on"])


def test_decision_on_filing_day_is_valid(org, case):
    record(
        proceeding(
            case, Instance.FIRST_INSTANCE, dt.date(2026, 3, 1), dt.date(2026, 3, 1), "dismissed"
        ),
        org.lawyer,
    )


def test_appeal_needs_a_first_instance_decision(org, case):
    with pytest.raises(ValidationError) as exc:
        proceeding(case, Instance.APPEAL, dt.date(2026, 4, 1)).full_clean()
    assert "first instance decision" in str(exc.value.message_dict["level"])


def test_appeal_cannot_be_filed_before_the_first_instance_decision(org, case):
    record(
        proceeding(
            case, Instance.FIRST_INSTANCE, dt.date(2026, 3, 1), dt.date(2026, 3, 20), "dismissed"
        ),
        org.lawyer,
    )
    with pytest.raises(ValidationError):
        proceeding(case, Instance.APPEAL, dt.date(2026, 3, 19)).full_clean()
    proceeding(case, Instance.APPEAL, dt.date(2026, 3, 20)).full_clean()


def test_cassation_needs_an_appeal_decision(org, case):
    record(
        proceeding(
            case, Instance.FIRST_INSTANCE, dt.date(2026, 1, 5), dt.date(2026, 2, 1), "dismissed"
        ),
        org.lawyer,
    )
    with pytest.raises(ValidationError):
        proceeding(case, Instance.CASSATION, dt.date(2026, 3, 1)).full_clean()


def test_decided_proceeding_needs_an_outcome(org, case):
    with pytest.raises(ValidationError) as exc:
        proceeding(
            case, Instance.FIRST_INSTANCE, dt.date(2026, 1, 5), dt.date(2026, 2, 1)
        ).full_clean()
    assert "outcome" in exc.value.message_dict


def test_outcome_without_decision_date_is_rejected(org, case):
    p = proceeding(case, Instance.FIRST_INSTANCE, dt.date(2026, 1, 5), None, Outcome.DISMISSED)
    with pytest.raises(ValidationError) as exc:
        p.full_clean()
    assert "decided_on" in exc.value.message_dict


def test_future_filing_date_is_rejected(org, case):
    with pytest.raises(ValidationError):
        proceeding(case, Instance.FIRST_INSTANCE, dt.date(2999, 1, 1)).full_clean()


def test_prosecutor_request_needs_no_prerequisite(org, case):
    proceeding(case, Instance.PROSECUTOR, dt.date(2026, 1, 5)).full_clean()


def test_case_reference_is_unique(org, case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(
            reference=case.reference, title="x", branch=org.almaty, theme=case.theme
        )


def test_case_references_count_up_within_a_year(org, case):
    second = services.case_open(by=org.lawyer, branch=org.almaty, theme=case.theme, title="Second")
    assert case.reference.endswith("-0001")
    assert second.reference == "KIBHR-2026-0002"


def test_case_reference_restarts_each_year(org, case):
    older = services.case_open(
        by=org.lawyer,
        branch=org.almaty,
        theme=case.theme,
        title="Old",
        opened_on=dt.date(2025, 5, 1),
    )
    assert older.reference == "KIBHR-2025-0001"


def test_case_cannot_close_before_it_opened(org, case):
    case.closed_on = dt.date(2025, 1, 1)
    case.closure_reason = "withdrawn"
    with pytest.raises(ValidationError) as exc:
        case.full_clean()
    assert "closed_on" in exc.value.message_dict


def test_closed_case_needs_a_reason(org, case):
    case.closed_on = dt.date(2026, 6, 1)
    with pytest.raises(ValidationError) as exc:
        case.full_clean()
    assert "closure_reason" in exc.value.message_dict


def test_respondent_party_needs_an_authority_name(org, case):
    with pytest.raises(ValidationError) as exc:
        CaseParty(case=case, role=PartyRole.RESPONDENT).full_clean()
    assert "authority_name" in exc.value.message_dict


def test_victim_party_needs_a_person(org, case):
    with pytest.raises(ValidationError) as exc:
        CaseParty(case=case, role=PartyRole.VICTIM).full_clean()
    assert "person" in exc.value.message_dict


def test_same_person_cannot_hold_the_same_role_twice(org, case):
    person = Person.objects.create(full_name="Айгүл Тұрлыбекова")
    record(CaseParty(case=case, role=PartyRole.VICTIM, person=person), org.lawyer)
    with pytest.raises(ValidationError):
        record(CaseParty(case=case, role=PartyRole.VICTIM, person=person), org.lawyer)


def test_same_article_and_paragraph_once_per_case(org, case):
    art = CovenantArticle.objects.get(number=19)
    record(AllegedViolation(case=case, article=art, paragraph="2"), org.lawyer)
    with pytest.raises(ValidationError):
        record(AllegedViolation(case=case, article=art, paragraph="2"), org.lawyer)


def test_birth_date_cannot_be_in_the_future(db):
    with pytest.raises(ValidationError):
        Person(full_name="X", birth_date=dt.date(2999, 1, 1)).full_clean()


def test_consent_cannot_be_withdrawn_before_it_was_given(org, case):
    person = Person.objects.create(full_name="Client")
    a = Authorisation(
        case=case,
        person=person,
        kind=AuthorisationKind.CONSENT_TO_PUBLISH,
        signed_on=dt.date(2026, 2, 1),
        withdrawn_on=dt.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        a.full_clean()
    assert "withdrawn_on" in exc.value.message_dict


def test_withdrawn_consent_is_no_longer_in_force(org, case):
    person = Person.objects.create(full_name="Client")
    a = Authorisation(
        case=case,
        person=person,
        kind=AuthorisationKind.POWER_OF_ATTORNEY,
        signed_on=dt.date(2026, 1, 1),
        withdrawn_on=dt.date(2026, 3, 1),
    )
    assert a.is_in_force(dt.date(2026, 2, 28))
    assert not a.is_in_force(dt.date(2026, 3, 1))


def test_iccpr_articles_1_to_27_are_seeded(db):
    assert list(CovenantArticle.objects.values_list("number", flat=True)) == list(range(1, 28))
