"""A published case leaves the public site as soon as it no longer passes the case's gates:
made secret, made restricted without an administrator's approval, or its consent expired."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from casework import services as case_services
from casework.models import Authorisation, Confidentiality
from operations.jobs import run_daily_jobs
from publication import services
from publication.models import SnapshotStatus, StepKind

from .conftest import publish


def _make(org, ready, confidentiality: str) -> None:
    case = ready.case
    case_services.case_update(
        case=case,
        by=org.supervisor,
        data={"confidentiality": confidentiality},
        expected_version=case.version,
        reason="The client's situation changed",
    )


def _last_step(ready) -> str:
    return ready.publication.steps.order_by("pk").last().kind


def test_a_case_made_secret_leaves_the_public_site_at_once(org, ready):
    snapshot = publish(ready, org)
    _make(org, ready, Confidentiality.SECRET)
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.WITHDRAWN and snapshot.withdrawn_at
    assert _last_step(ready) == StepKind.NOT_PUBLIC
    response = Client().get(f"/public/en/cases/{ready.publication.slug}/")
    assert response.status_code == 410


def test_a_case_made_restricted_stays_only_with_an_administrators_approval(org, ready):
    snapshot = publish(ready, org)
    _make(org, ready, Confidentiality.RESTRICTED)
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.WITHDRAWN
    assert _last_step(ready) == StepKind.NOT_PUBLIC


def test_a_restricted_case_published_with_approval_stays_when_its_copy_changes(org, ready):
    _make(org, ready, Confidentiality.RESTRICTED)
    ready.case.refresh_from_db()
    services.publication_admin_approve(publication=ready.publication, by=org.administrator)
    snapshot = publish(ready, org)
    # A new revision of the working copy is not yet approved; the live version was.
    services.publication_update(
        publication=ready.publication, by=org.lawyer, data={"title_en": "A new title"}
    )
    assert services.withdraw_unpublishable() == 0
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.LIVE


def test_a_lowered_confidentiality_changes_nothing(org, ready):
    snapshot = publish(ready, org)
    _make(org, ready, Confidentiality.NORMAL)
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.LIVE


def test_a_consent_that_expired_overnight_is_withdrawn_by_the_daily_jobs(org, ready):
    snapshot = publish(ready, org)
    Authorisation.objects.filter(case=ready.case).update(valid_until=dt.date(2026, 2, 2))
    assert run_daily_jobs(dt.date(2026, 12, 3))["publications_withdrawn"] == 1
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.WITHDRAWN
    assert _last_step(ready) == StepKind.CONSENT_WITHDRAWN
    assert run_daily_jobs(dt.date(2026, 12, 4))["publications_withdrawn"] == 0
