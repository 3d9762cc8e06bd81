"""A small caseload whose statistics are worked out by hand in the tests.

Almaty head office (Almaty city, KZ-75) and Uralsk branch (West Kazakhstan, KZ-27):

    Almaty: 6 normal cases, theme assembly; 1 secret case, theme torture
    Uralsk: 3 normal cases, theme assembly; 1 normal case in Atyrau (KZ-23), theme torture
    Almaty: 1 normal case opened 2021 whose violation was in Karaganda region of that time

12 cases: KZ-75 7, KZ-27 3, KZ-23 1, Karaganda (until 2022) 1.
"""

import datetime as dt

import pytest

from casework.models import Confidentiality, Region, Theme
from tests.conftest import make_case


@pytest.fixture
def caseload(org):
    torture = Theme.objects.get(code="torture")
    cases = []
    for i in range(6):
        cases.append(make_case(by=org.lawyer, branch=org.almaty, title=f"Almaty {i}"))
    cases.append(
        make_case(
            by=org.lawyer,
            branch=org.almaty,
            title="Secret",
            theme=torture,
            confidentiality=Confidentiality.SECRET,
        )
    )
    for i in range(3):
        cases.append(make_case(by=org.other_lawyer, branch=org.uralsk, title=f"Uralsk {i}"))
    cases.append(
        make_case(
            by=org.other_lawyer,
            branch=org.uralsk,
            title="Atyrau",
            theme=torture,
            violation_region=Region.objects.get(code="KZ-23"),
        )
    )
    karaganda_then = Region.objects.get(code="KZ-35", valid_to__isnull=False)
    cases.append(
        make_case(
            by=org.lawyer,
            branch=org.almaty,
            title="Karaganda 2021",
            opened_on=dt.date(2021, 4, 1),
            violation_region=karaganda_then,
        )
    )
    return cases
