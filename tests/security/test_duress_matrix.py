"""A duress session answers every page of the permission matrix as a normal session does, empty.

For each role, a colleague of that role in the same office is put in a duress session (the
state the duress login leaves: account locked down, session marked, devices recorded), and
every URL the permission matrix knows is opened as the role's normal user and as the duress
session. Whoever watches must not be able to tell them apart by the status, and the duress
pages must show nothing real: no case, party, contact, incident or colleague. Nothing may be
written.

The one deliberate difference: a page of one object (a case and its pages, a task, a deadline,
an incident, a contact) answers 404, because the empty account sees no such object, exactly as
a colleague without access gets 404 on it (the matrix tests that answer for them). The lists
that would link to those objects are empty, so the empty view never leads there.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from casework.models import AccessLog
from notifications.models import Notification as Notice
from security.duress import SESSION_DEVICES_KEY, SESSION_DURESS_KEY, device_snapshot
from security.services import lockdown_user
from tests.conftest import make_user
from tests.logins import otp_device_for

from . import test_permission_matrix as matrix
from .matrix_world import World, build_world

ROLES = ("lawyer", "supervisor", "branch_head", "administrator", "analyst")
# Object pages of the directory whose object the empty view still lists: the person's office.
LISTED_OBJECTS = frozenset({"office"})


@pytest.fixture
def world(org) -> World:
    return build_world(org)


def duress_client(world: World, role: str) -> Client:
    """A colleague of `role` in the world's office, as the duress login leaves them."""
    twin = make_user(f"quiet_{role}", role=role, branch=world.org.almaty)
    otp_device_for(twin)
    backup = StaticDevice.objects.create(user=twin, name="backup")
    for n in range(5):
        backup.token_set.create(token=f"bk{role[:3]}{n}")
    snapshot = device_snapshot(twin)
    lockdown_user(user=twin, by=None, reason="Duress login (test)")
    client = Client()
    client.force_login(twin)
    session = client.session
    session[SESSION_DURESS_KEY] = -1
    session[SESSION_DEVICES_KEY] = snapshot
    session.save()
    return client


def secrets_of(world: World) -> list[str]:
    """What a duress page must never show: the world's cases, parties, contact, incident and
    the names of colleagues (usernames and full names)."""
    found = []
    for target in world.targets.values():
        found += [target.case.title, target.case.reference, target.victim_name]
    found += ["Demo: duty lawyer", "+7 700 000 00 00", "Matrix police station"]
    found += ["Detained after the hearing."]
    org = world.org
    for name in ("lawyer", "other_lawyer", "supervisor", "branch_head", "administrator"):
        person = getattr(org, name)
        found += [person.get_full_name(), f">{person.username}<", f"({person.username})"]
    return found


def names_an_object(route: str, expect: matrix.Expect) -> bool:
    if any(arg in route for arg in ("<str:reference>", "task_pk", "process_pk", "user_pk")):
        return True
    return expect.obj is not None and expect.obj not in LISTED_OBJECTS


def _urls():
    for name, route in matrix._all_url_names():
        match = matrix.FLOW_TASK_PATTERN.match(name)
        if matrix.ADMIN_PATTERN.match(name) or match:
            continue  # below: the admin site and the task pages each in one test
        yield name, route
    return


def check_role(world: World, role: str, urls) -> list[str]:
    scenario = matrix.Scenario(role, role, "own")
    normal = matrix._client(world, scenario)
    duress = duress_client(world, role)
    secrets = secrets_of(world)
    problems = []
    before = (matrix._fingerprint(), AccessLog.objects.count(), Notice.objects.count())
    for name, route in urls:
        expect = matrix.expectation_for(name)
        url = matrix._url(name, route, world, scenario, expect)
        if url is None:
            continue
        plain = normal.get(url)
        seen, normal_body = plain.status_code, matrix._body(plain)
        after_normal = (matrix._fingerprint(), AccessLog.objects.count(), Notice.objects.count())
        got = duress.get(url)
        body = matrix._body(got)
        # A 5xx only where the normal session has none (/health/ answers 503 to both when no
        # worker runs: the same answer is what must be seen).
        if (
            got.status_code >= 500
            and got.status_code != seen
            or got.status_code == 403
            and seen != 403
        ):
            problems.append(f"{name} as {role} under duress: {got.status_code} (normal {seen})")
        elif got.status_code != seen and not (
            got.status_code == 404 and names_an_object(route, expect)
        ):
            problems.append(f"{name} as {role} under duress: {got.status_code}, normal {seen}")
        for secret in secrets:
            if secret in body and secret not in url:
                problems.append(f"{name} as {role} under duress shows {secret!r}")
        same_page = got.status_code == seen == 200
        if same_page and body.lower().count("duress") != normal_body.lower().count("duress"):
            problems.append(f"{name} as {role} under duress mentions 'duress' differently")
        now = (matrix._fingerprint(), AccessLog.objects.count(), Notice.objects.count())
        if now != after_normal:
            problems.append(f"{name} as {role} under duress wrote to the database")
        before = now
    del before
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_a_duress_session_answers_every_page_like_the_normal_one_and_shows_nothing(world, role):
    problems = check_role(world, role, list(_urls()))
    assert not problems, "\n".join(problems)


def test_task_pages_and_the_admin_site_answer_a_duress_session_as_anyone_without_access(world):
    node = world.targets["own"].objects["task_node"]
    urls = [
        (n, r)
        for n, r in matrix._all_url_names()
        if matrix.ADMIN_PATTERN.match(n)
        or ((m := matrix.FLOW_TASK_PATTERN.match(n)) and m.group("node") == node)
    ]
    problems = check_role(world, "lawyer", urls)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["lawyer", "administrator"])
def test_a_form_sent_in_a_duress_session_seems_saved_and_changes_nothing(world, role):
    client = duress_client(world, role)
    scenario = matrix.Scenario(role, role, "own")
    before = (matrix._fingerprint(), AccessLog.objects.count(), Notice.objects.count())
    problems = []
    for name, route in _urls():
        if name in {"logout", "set_language"}:
            continue
        expect = matrix.expectation_for(name)
        url = matrix._url(name, route, world, scenario, expect)
        if url is None:
            continue
        response = client.post(
            url, {"title": "x", "name": "x"}, HTTP_REFERER="http://testserver/cases/"
        )
        if response.status_code != 302 or response["Location"] != "http://testserver/cases/":
            problems.append(f"POST {name}: {response.status_code}")
    assert not problems, "\n".join(problems)
    assert (matrix._fingerprint(), AccessLog.objects.count(), Notice.objects.count()) == before


def test_the_account_pages_show_the_devices_as_before_the_lockdown(world):
    client = duress_client(world, "lawyer")
    body = client.get(reverse("two_factor:profile")).content.decode()
    assert re.search(r"5 backup codes", body), body[:3000]
