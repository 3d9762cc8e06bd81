"""Demo emergency contacts are clearly demo entries with placeholder numbers; seeding twice is
harmless."""

import io
import re

from demo import casework as demo_casework
from demo import contingency
from security.models import EmergencyContact, Incident

PLACEHOLDER = re.compile(r"^\+7 700 000 00 \d\d$")


def test_demo_contacts_are_marked_demo_with_placeholder_numbers(db):
    demo_casework.seed_organisation(io.StringIO())
    contingency.seed(io.StringIO())
    entries = list(EmergencyContact.objects.all())
    assert len(entries) == len(contingency.CONTACTS)
    for contact in entries:
        assert contact.name.startswith("Demo:")
        assert all(PLACEHOLDER.match(p) for p in contact.phone_list), contact.phones
        assert contact.email.endswith("@example.org")
    assert {c.branch_id is None for c in entries} == {True, False}
    contingency.seed(io.StringIO())
    assert EmergencyContact.objects.count() == len(entries)
    assert Incident.objects.count() == 1
