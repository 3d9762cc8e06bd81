import datetime as dt

import pytest

from communications.models import Communication, StateParty


@pytest.fixture
def views_case(case):
    """`case` with Views adopted on 2026-03-02 (the Committee file, as its tests build it)."""
    Communication.objects.create(
        case=case,
        state=StateParty.objects.get(code="KZ"),
        outcome="views",
        decided_on=dt.date(2026, 3, 2),
        document_symbol="CCPR/C/146/D/4321/2026",
        remedies_ordered="Compensation; review of the conviction.",
    )
    return case
