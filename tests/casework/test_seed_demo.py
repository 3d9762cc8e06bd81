"""The demo organisation: every role, real branch cities, ~30 cases; idempotent."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from casework.models import Branch, Case, Confidentiality, Role, User
from demo.casework import CASES, DEMO_PASSWORD


@pytest.fixture(scope="module")
def _demo_database(django_db_setup, django_db_blocker):
    """Seed once for the module (a full seed drives real flows and builds filings: seconds).

    The outer transaction is rolled back afterwards, so no other test sees demo data.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_demo_database, db):
    return None


def snapshot():
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def test_demo_has_every_role_and_nine_offices(seeded):
    assert Branch.objects.count() == 9
    for role in Role.values:
        assert User.objects.filter(groups__name=role).exists(), role


def test_demo_cases_spread_over_branches_themes_and_confidentiality(seeded):
    assert Case.objects.filter(reference__in=[c.reference for c in CASES]).count() == len(CASES)
    assert len(CASES) >= 30
    assert Case.objects.values("branch").distinct().count() >= 7
    assert Case.objects.values("theme").distinct().count() >= 6
    levels = set(Case.objects.values_list("confidentiality", flat=True))
    assert levels == set(Confidentiality.values)


def test_demo_password_logs_in(seeded):
    assert User.objects.get(username="lawyer.almaty").check_password(DEMO_PASSWORD)


def test_seed_demo_is_idempotent(seeded):
    before = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == before


def test_demo_has_emergency_directories_and_an_incident(seeded):
    from security.models import EmergencyContact, Incident

    assert EmergencyContact.objects.filter(branch__isnull=True).exists()
    assert EmergencyContact.objects.filter(branch__code="almaty").exists()
    assert Incident.objects.exists()


def test_every_demo_branch_and_case_has_a_region_of_its_time(seeded):
    assert not Branch.objects.filter(region__isnull=True).exists()
    demo = Case.objects.filter(reference__in=[spec.reference for spec in CASES])
    assert demo.count() == len(CASES)
    assert not demo.filter(violation_region__isnull=True).exists()
    # Karaganda branch, 2020: the Karaganda region as it was before Ulytau was split off.
    old = demo.get(reference="KIBHR-2020-0029")
    assert old.violation_region.code == "KZ-35" and old.violation_region.valid_to is not None


def test_seeding_again_fills_regions_missing_from_an_older_seed(seeded):
    case = Case.objects.get(reference="KIBHR-2025-0012")
    Case.objects.filter(pk=case.pk).update(violation_region=None)
    call_command("seed_demo", stdout=io.StringIO())
    case.refresh_from_db()
    assert case.violation_region.code == "KZ-31"  # Taraz branch: Zhambyl region


def test_the_demo_publishes_every_prepared_case_and_shows_one_tombstone(seeded):
    """A residue found in a demo text would skip its case quietly; this says so loudly."""
    from demo.publication import TEXTS, UNPUBLISH
    from publication.models import Snapshot, SnapshotStatus

    live = set(
        Snapshot.objects.filter(status=SnapshotStatus.LIVE).values_list(
            "publication__case__reference", flat=True
        )
    )
    withdrawn = set(
        Snapshot.objects.filter(status=SnapshotStatus.WITHDRAWN).values_list(
            "publication__case__reference", flat=True
        )
    )
    # TEXTS names each case by its reference or, for cases of the Committee's demo, its title.
    assert len(live) == len(TEXTS) - 1 and UNPUBLISH not in live
    assert withdrawn == {UNPUBLISH}
