"""Fixtures for the case-file UI tests: a case with a full file and people whose names matter.

Imported by tests/casework/test_views_*.py and test_documents.py (`from .ui_fixtures import *`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from casework import services
from casework.models import (
    ActivityKind,
    AuthorisationKind,
    Case,
    CaseParty,
    CovenantArticle,
    Document,
    Instance,
    Outcome,
    PartyRole,
    Person,
    Proceeding,
)

VICTIM_NAME = "Aigerim Zhumabekova"
CLIENT_NAME = "Marat Zhumabekov"
WITNESS_NAME = "Oleg Petrenko"
VICTIM_PHONE = "+7 701 555 0101"


@dataclass
class CaseFile:
    case: Case
    victim: Person
    client: Person
    witness: Person
    proceeding: Proceeding


def add_person(case: Case, by, role: str, name: str, **fields) -> Person:
    party = services.party_add(
        case=case, by=by, role=role, new_person={"full_name": name, **fields}
    )
    return party.person


@pytest.fixture
def case_file(org, case) -> CaseFile:
    """`case` with a victim, a client, a witness, a respondent, a violation, a decided
    first-instance proceeding, a consent and an activity: everything the tabs show."""
    by = org.lawyer
    victim = add_person(
        case, by, PartyRole.VICTIM, VICTIM_NAME, birth_date=dt.date(1990, 3, 4), phone=VICTIM_PHONE
    )
    client = add_person(case, by, PartyRole.CLIENT, CLIENT_NAME)
    witness = add_person(case, by, PartyRole.WITNESS, WITNESS_NAME)
    services.party_add(
        case=case, by=by, role=PartyRole.RESPONDENT, authority_name="Almaty City Akimat"
    )
    services.violation_add(case=case, by=by, article=CovenantArticle.objects.get(number=21))
    proceeding = services.proceeding_record(
        case=case,
        by=by,
        level=Instance.FIRST_INSTANCE,
        body="Almaly District Court of Almaty",
        filed_on=dt.date(2025, 5, 1),
        decided_on=dt.date(2025, 6, 2),
        outcome=Outcome.DISMISSED,
    )
    services.authorisation_record(
        case=case,
        by=by,
        person=victim,
        kind=AuthorisationKind.COMMITTEE_AUTHORISATION,
        signed_on=dt.date(2025, 7, 1),
    )
    services.activity_add(
        case=case,
        by=by,
        kind=ActivityKind.CONSULTATION,
        occurred_on=dt.date(2025, 4, 20),
        text="First consultation about the dispersal.",
    )
    return CaseFile(case, victim, client, witness, proceeding)


@pytest.fixture
def media(tmp_path, monkeypatch):
    """Documents written to a temporary directory instead of var/media."""
    storage = Document._meta.get_field("file").storage
    monkeypatch.setattr(storage, "_location", str(tmp_path))
    for cached in ("base_location", "location"):
        storage.__dict__.pop(cached, None)
    yield tmp_path
    for cached in ("base_location", "location"):
        storage.__dict__.pop(cached, None)


def login(client, user):
    client.force_login(user)
    return client


def party_of(case: Case, person: Person) -> CaseParty:
    return CaseParty.objects.get(case=case, person=person)


__all__ = [
    "CLIENT_NAME",
    "VICTIM_NAME",
    "VICTIM_PHONE",
    "WITNESS_NAME",
    "CaseFile",
    "add_person",
    "case_file",
    "login",
    "media",
    "party_of",
]
