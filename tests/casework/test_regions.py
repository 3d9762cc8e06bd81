"""Regions as reference data: the 2022 division, the regions of before, a case's default region."""

import datetime as dt

import pytest

from casework import services
from casework.forms import CaseForm
from casework.models import Region, Theme
from tests.conftest import make_case

pytestmark = pytest.mark.django_db

CURRENT_CODES = {
    "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
    "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
}  # fmt: skip


def test_the_current_division_has_17_regions_and_3_cities():
    current = Region.objects.filter(valid_to__isnull=True)
    assert set(current.values_list("code", flat=True)) == CURRENT_CODES
    assert current.filter(kind="region").count() == 17
    assert set(current.filter(kind="city").values_list("code", flat=True)) == {
        "KZ-71",
        "KZ-75",
        "KZ-79",
    }
    assert all(region.name_ru and region.name_kk for region in current)


def test_the_three_regions_of_2022_were_split_from_the_regions_of_before():
    for new, parent in {"KZ-10": "KZ-63", "KZ-33": "KZ-19", "KZ-62": "KZ-35"}.items():
        region = Region.objects.get(code=new)
        assert region.valid_from == dt.date(2022, 6, 8)
        assert region.split_from.code == parent
        assert region.split_from.valid_to == dt.date(2022, 6, 7)
        assert region.split_from.today() == Region.objects.get(code=parent, valid_to=None)


def test_a_region_of_today_names_the_region_of_an_earlier_day():
    karaganda = Region.objects.get(code="KZ-35", valid_to=None)
    assert karaganda.on(dt.date(2020, 5, 18)).valid_to == dt.date(2022, 6, 7)
    assert karaganda.on(dt.date(2022, 6, 8)) == karaganda
    pavlodar = Region.objects.get(code="KZ-55")
    assert pavlodar.on(dt.date(1999, 1, 1)) == pavlodar


def test_a_former_region_is_labelled_with_the_year_it_ceased():
    former = Region.objects.get(code="KZ-63", valid_to__isnull=False)
    assert former.label("en") == "East Kazakhstan Region (until 2022)"
    assert Region.objects.get(code="KZ-10").label("kk") == "Абай облысы"


def test_a_case_takes_its_branch_region_of_the_time_unless_one_is_given(org):
    org.almaty.region = Region.objects.get(code="KZ-19", valid_to=None)
    org.almaty.save()
    old = make_case(by=org.lawyer, branch=org.almaty, opened_on=dt.date(2021, 3, 2))
    new = make_case(by=org.lawyer, branch=org.almaty, opened_on=dt.date(2023, 3, 2))
    zhetisu = Region.objects.get(code="KZ-33")
    chosen = make_case(by=org.lawyer, branch=org.almaty, violation_region=zhetisu)
    assert old.violation_region.valid_to == dt.date(2022, 6, 7)
    assert new.violation_region == org.almaty.region
    assert chosen.violation_region == zhetisu


def test_clearing_the_region_on_the_form_restores_the_branch_default(org, case):
    abai = Region.objects.get(code="KZ-10")
    case = services.case_update(
        case=case, by=org.lawyer, data={"violation_region": abai}, expected_version=case.version
    )
    assert case.violation_region == abai
    case = services.case_update(
        case=case, by=org.lawyer, data={"violation_region": None}, expected_version=case.version
    )
    assert case.violation_region == org.almaty.region


def test_the_case_form_offers_todays_regions_first(org):
    form = CaseForm()
    choices = list(form.fields["violation_region"].queryset)
    assert all(region.valid_to is None for region in choices[:20])
    assert all(region.valid_to is not None for region in choices[20:])
    assert len(choices) == 23
    assert Theme.objects.exists()
