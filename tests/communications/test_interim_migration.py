"""Migration 0008: a communication's two interim-measures dates become one request, honestly."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.utils import timezone

from communications.models import InterimMeasuresRequest, StateParty

MIGRATION = importlib.import_module(
    "communications.migrations.0011_interim_measures_from_communication"
)


def _apps(rows):
    communications = SimpleNamespace(objects=SimpleNamespace(exclude=lambda **_kw: rows))
    models = {"Communication": communications, "InterimMeasuresRequest": InterimMeasuresRequest}
    return SimpleNamespace(get_model=lambda _app, name: models[name])


@pytest.fixture
def kz(db) -> StateParty:
    return StateParty.objects.get(code="KZ")  # seeded by migration 0003


@pytest.mark.django_db
def test_old_dates_become_a_request_sent_that_day_without_a_time(case, kz):
    granted = SimpleNamespace(
        case_id=case.pk,
        state_id=kz.pk,
        channel="email",
        interim_measures_requested_on=dt.date(2026, 6, 1),
        interim_measures_granted_on=dt.date(2026, 6, 5),
    )
    MIGRATION.forward(_apps([granted]), None)
    request = InterimMeasuresRequest.objects.get(case=case)
    assert timezone.localdate(request.sent_at) == dt.date(2026, 6, 1)
    assert not request.sent_time_known
    assert (request.response, request.response_on) == ("granted", dt.date(2026, 6, 5))
    assert request.grounds == "other" and request.explanation == ""  # nothing invented


@pytest.mark.django_db
def test_a_request_without_a_grant_date_awaits_the_answer(case, kz):
    pending = SimpleNamespace(
        case_id=case.pk,
        state_id=kz.pk,
        channel="",
        interim_measures_requested_on=dt.date(2026, 6, 1),
        interim_measures_granted_on=None,
    )
    MIGRATION.forward(_apps([pending]), None)
    request = InterimMeasuresRequest.objects.get(case=case)
    assert request.response == "pending" and request.response_on is None
