"""Demo emergency directories and one incident for `manage.py seed_demo`.

DEMONSTRATION ONLY. Every entry is marked "Demo:" and every number is a placeholder of the
form +7 700 000 00 NN, every address @example.org: no real institution's line is invented
here. An organisation adopting Remedy replaces them with its own, checked contacts.
Idempotent: entries are looked up by office and name.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.utils import timezone

from casework.models import Branch, Case, User
from security import contacts, incidents
from security.models import ContactCategory, EmergencyContact, Incident, IncidentKind

C = ContactCategory

# office code or None (whole organisation), category, name, organisation, role, languages,
# months since the last check (None: never checked)
CONTACTS = [
    (
        None,
        C.INTERNATIONAL_PARTNER,
        "Demo: regional human rights office desk",
        "Demo UN regional office",
        "Duty officer",
        "en, ru",
        2,
    ),
    (
        None,
        C.INTERNATIONAL_PARTNER,
        "Demo: OSCE programme officer",
        "Demo OSCE programme office",
        "Human dimension officer",
        "en, ru",
        4,
    ),
    (
        None,
        C.INTERNATIONAL_PARTNER,
        "Demo: partner NGO hotline",
        "Demo international NGO",
        "Emergency coordinator",
        "en",
        8,
    ),
    (
        None,
        C.EMBASSY,
        "Demo: embassy human rights attaché",
        "Demo embassy",
        "Political section",
        "en, ru",
        3,
    ),
    (
        None,
        C.FOREIGN_MEDIA,
        "Demo: foreign correspondent",
        "Demo international news agency",
        "Central Asia correspondent",
        "en, ru",
        None,
    ),
    (
        None,
        C.STATE_BODY,
        "Demo: ombudsman's duty officer",
        "Demo office of the human rights commissioner",
        "Reception",
        "ru, kk",
        1,
    ),
    (
        "almaty",
        C.LAWYER_ON_CALL,
        "Demo: duty lawyer (criminal)",
        "Demo bar association",
        "Advocate",
        "ru, kk",
        1,
    ),
    (
        "almaty",
        C.LAWYER_ON_CALL,
        "Demo: duty lawyer (administrative)",
        "Demo law firm",
        "Advocate",
        "ru",
        7,
    ),
    (
        "almaty",
        C.STATE_BODY,
        "Demo: city prosecutor's reception",
        "Demo prosecutor's office",
        "Duty prosecutor",
        "ru, kk",
        2,
    ),
    (
        "almaty",
        C.STATE_BODY,
        "Demo: police duty line",
        "Demo city police department",
        "Duty unit",
        "ru, kk",
        5,
    ),
    (
        "almaty",
        C.LOCAL_MEDIA,
        "Demo: local editor",
        "Demo independent news site",
        "Editor",
        "ru, kk",
        3,
    ),
    (
        "uralsk",
        C.LAWYER_ON_CALL,
        "Demo: Uralsk duty lawyer",
        "Demo regional bar association",
        "Advocate",
        "ru",
        2,
    ),
    (
        "uralsk",
        C.STATE_BODY,
        "Demo: regional prosecutor's reception",
        "Demo regional prosecutor's office",
        "Duty prosecutor",
        "ru, kk",
        9,
    ),
    (
        "uralsk",
        C.LOCAL_MEDIA,
        "Demo: regional reporter",
        "Demo regional newspaper",
        "Reporter",
        "ru",
        None,
    ),
]


def seed(stdout: TextIO) -> None:
    admin = User.objects.get(username="admin")
    today = timezone.localdate()
    created = 0
    for number, (office, category, name, organisation, role, languages, months) in enumerate(
        CONTACTS, start=1
    ):
        branch = Branch.objects.get(code=office) if office else None
        if EmergencyContact.objects.filter(branch=branch, name=name).exists():
            continue
        contacts.contact_create(
            by=admin,
            branch=branch,
            reason="Demo data",
            category=category,
            name=name,
            organisation=organisation,
            role=role,
            phones=f"+7 700 000 00 {number:02d}",
            email=f"demo-contact-{number:02d}@example.org",
            languages=languages,
            notes="Demo entry: replace with a real, checked contact.",
            last_checked_on=None if months is None else today - dt.timedelta(days=30 * months),
        )
        created += 1
    stdout.write(f"Emergency contacts: {created} demo entries created.\n")
    _seed_incident(admin, stdout)


def _seed_incident(admin: User, stdout: TextIO) -> None:
    place = "Demo: square in front of the akimat"
    if Incident.objects.filter(place=place).exists():
        return
    case = (
        Case.objects.filter(branch__code="almaty", confidentiality="normal").order_by("pk").first()
    )
    incident = incidents.incident_open(
        by=admin,
        kind=IncidentKind.EVENT_DISRUPTED,
        branch=Branch.objects.get(code="almaty"),
        cases=[case] if case else [],
        occurred_at=timezone.now() - dt.timedelta(days=3),
        place=place,
        description="Demo incident: police stopped a picket the organisation was monitoring; "
        "two participants were taken to the district police station.",
        reason="Demo data",
    )
    first = incident.steps.order_by("position").first()
    if first is not None:
        incidents.step_set_done(step=first, by=admin, done=True, note="Demo: all accounted for")
    stdout.write("Incidents: 1 demo incident created.\n")
