"""A case ready to publish: a victim with names in two scripts, the client's consent, a working
copy with anonymised texts; and `publish()`, which takes it through every gate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from casework import services as case_services
from casework.models import AuthorisationKind, Case, Person
from publication import services
from publication.models import Publication, Snapshot

VICTIM = {
    "full_name": "Айгерім Серікқызы Жұмабекова",
    "full_name_latin": "Aigerim Serikkyzy Zhumabekova",
    "phone": "+7 701 555 12 34",
    "email": "aigerim.z@example.kz",
    "address": "г. Алматы, ул. Тимирязева, д. 42, кв. 17",
}
RELATIVE = {"full_name": "Павел Лев Гринько", "full_name_latin": "Pavel Lev Grinko"}

TEXTS = {
    "title_ru": "Разгон мирного собрания",
    "summary_ru": "Полиция разогнала мирное собрание; суды оштрафовали организатора.",
    "title_en": "Dispersal of a peaceful assembly",
    "summary_en": "Police dispersed a peaceful assembly; the courts fined its organiser.",
}


@dataclass
class Ready:
    case: Case
    victim: Person
    publication: Publication


@pytest.fixture
def ready(org, case) -> Ready:
    lawyer = org.lawyer
    victim = case_services.party_add(case=case, by=lawyer, role="victim", new_person=VICTIM)
    case_services.party_add(case=case, by=lawyer, role="relative", new_person=RELATIVE)
    case_services.authorisation_record(
        case=case,
        by=lawyer,
        person=victim.person,
        kind=AuthorisationKind.CONSENT_TO_PUBLISH,
        signed_on=dt.date(2026, 2, 1),
    )
    publication = services.publication_start(case=case, by=lawyer)
    services.publication_update(publication=publication, by=lawyer, data=TEXTS)
    return Ready(case, victim.person, publication)


def publish(ready: Ready, org) -> Snapshot:
    """Approve (a supervisor who did not prepare it) and publish (the lawyer)."""
    services.publication_approve(publication=ready.publication, by=org.supervisor)
    return services.publication_publish(publication=ready.publication, by=org.lawyer)
