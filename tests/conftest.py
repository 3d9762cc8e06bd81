"""Shared fixtures: an organisation with two branches, a user of every role, and cases.

`org` builds the usual world once per test; tests read like small stories on top of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from casework import services
from casework.models import Branch, Case, Confidentiality, PartyRole, Region, Role, Theme, User
from tests import dbroles

# The `browser` fixture (Debian Chromium through Playwright) for every browser test.
pytest_plugins = ["tests.browser.support"]

PASSWORD = "correct-horse-battery-staple"


FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="session", autouse=True)
def _recognise_fast_test_hasher():
    """Fixture users get a cheap MD5 hash (a real hash costs ~0.1 s each, 9 users a test).

    The production hashers stay first in the list, so anything that hashes a password anew
    (login upgrades, password changes) still uses them; MD5 is only *recognised*.
    """
    from django.conf import settings

    if FAST_HASHER not in settings.PASSWORD_HASHERS:
        settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS, FAST_HASHER]
    yield


@pytest.fixture(autouse=True)
def _sessions_pass_two_factor(monkeypatch):
    """Every staff session needs a second factor (security.middleware).

    `client.force_login(user)` and `client.login(...)` give a session verified through django-otp
    exactly as the real login wizard does; production code has no test switch. Tests of the
    enforcement itself use tests.logins.force_login_unverified.
    """
    from tests.logins import patch_test_client

    patch_test_client(monkeypatch)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """PostgreSQL with two roles: the owner creates and migrates the test database."""
    dbroles.connect_as_owner()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """…then the tests run as the runtime role, and the owner drops the database (tests/dbroles).

    The migrated database (reference data: regions, themes, rules, groups...) is serialised so
    that a transactional test's flush can put it back (`_flush_keeps_reference_data`).
    """
    from django.db import connection

    with django_db_blocker.unblock():
        if not hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        dbroles.hand_over_to_runtime_role()
    yield
    with django_db_blocker.unblock():
        dbroles.restore_owner_for_teardown()


def _flush_and_restore(self) -> None:
    """A transactional test's teardown: empty the database, then put back what the migrations
    wrote (reference data), as it was before the first test.

    Django leaves the database empty after a transactional test, which is harmless only when
    such tests run last; with the suite spread over several processes (pytest-xdist), any test
    may follow one. The post_migrate signal is inhibited: it would recreate content types and
    permissions under new keys, and the serialised copy brings back the originals.
    """
    from django.core.management import call_command
    from django.db import connections

    for alias in self._databases_names(include_mirrors=False):
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            database=alias,
            reset_sequences=False,
            allow_cascade=self.available_apps is not None,
            inhibit_post_migrate=True,
        )
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            connections[alias].creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session", autouse=True)
def _flush_keeps_reference_data():
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = _flush_and_restore
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture
def as_owner():
    """Migrating is DDL: on PostgreSQL the owner role runs it, as `manage.py migrate` does
    (migration tests request it; a no-op on SQLite and with one role)."""
    dbroles.connect_as_owner()
    try:
        yield
    finally:
        dbroles.hand_over_to_runtime_role()


def make_user(username: str, *, role: str | None, branch: Branch | None, **extra) -> User:
    from django.contrib.auth.hashers import make_password

    user = User.objects.create(
        username=username,
        password=make_password(PASSWORD, hasher="md5"),
        first_name=extra.pop("first_name", username.capitalize()),
        last_name=extra.pop("last_name", "Tester"),
        branch=branch,
        **extra,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def title_with_victims_name(case, by, name: str = "Айдос Серіков"):
    """Add a victim `name` and put the name in the case's title (a leak the pages must mask)."""
    person = services.party_add(
        case=case, by=by, role=PartyRole.VICTIM, new_person={"full_name": name}
    ).person
    services.case_update(
        case=case,
        by=by,
        data={"title": f"Detention of {person.full_name}"},
        expected_version=None,
        reason="test",
    )
    return person


def make_case(*, by: User, branch: Branch, title: str = "Test case", **fields) -> Case:
    fields.setdefault("theme", Theme.objects.get(code="assembly"))
    fields.setdefault("opened_on", dt.date(2026, 1, 15))
    return services.case_open(by=by, branch=branch, title=title, **fields)


@dataclass
class Org:
    almaty: Branch
    uralsk: Branch
    lawyer: User
    other_lawyer: User
    supervisor: User
    branch_head: User
    other_branch_head: User
    administrator: User
    analyst: User


@pytest.fixture
def org(db) -> Org:
    almaty = Branch.objects.create(
        code="almaty",
        name="Almaty head office",
        city="Almaty",
        region=Region.objects.get(code="KZ-75"),
        is_head_office=True,
    )
    uralsk = Branch.objects.create(
        code="uralsk",
        name="Uralsk branch",
        city="Uralsk",
        region=Region.objects.get(code="KZ-27"),
    )
    return Org(
        almaty=almaty,
        uralsk=uralsk,
        lawyer=make_user("lawyer", role=Role.LAWYER, branch=almaty),
        other_lawyer=make_user("other_lawyer", role=Role.LAWYER, branch=uralsk),
        supervisor=make_user("supervisor", role=Role.SUPERVISOR, branch=almaty),
        branch_head=make_user("head", role=Role.BRANCH_HEAD, branch=almaty),
        other_branch_head=make_user("uralsk_head", role=Role.BRANCH_HEAD, branch=uralsk),
        administrator=make_user("admin", role=Role.ADMINISTRATOR, branch=almaty),
        analyst=make_user("analyst", role=Role.ANALYST, branch=almaty),
    )


@pytest.fixture
def case(org: Org) -> Case:
    """A normal-confidentiality case in Almaty, opened by `org.lawyer` (who holds every grant)."""
    return make_case(by=org.lawyer, branch=org.almaty, title="Dispersal of a peaceful rally")


@pytest.fixture
def secret_case(org: Org) -> Case:
    return make_case(
        by=org.lawyer,
        branch=org.almaty,
        title="Torture in pre-trial detention",
        confidentiality=Confidentiality.SECRET,
    )


def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.postgres` tests need real row locks; SQLite runs skip them with a reason."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (CI runs the suite on PostgreSQL too)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """LocaleMiddleware activates a request's language on the thread and leaves it there; a test
    that browses in Russian or Kazakh must not make the next test's messages Kazakh."""
    from django.utils import translation

    yield
    translation.activate("en")
