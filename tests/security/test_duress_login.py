"""The duress login looks like a normal login, shows nothing, locks down and raises the alarm."""

from __future__ import annotations

import statistics
import time

import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    MD5PasswordHasher,
    identify_hasher,
    make_password,
)
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from casework.models import User
from notifications.models import Kind
from notifications.models import Notification as Notice
from security.duress import duress_password_remove, duress_password_set
from security.models import DuressCredential, Incident, IncidentKind
from tests.conftest import PASSWORD, make_case
from tests.logins import otp_device_for, totp_code

DURESS = "quiet-river-under-snow-42"


@pytest.fixture
def lawyer(org):
    """The lawyer, with a real (Argon2) password hash, a TOTP device and a duress password."""
    user = org.lawyer
    user.password = make_password(PASSWORD)
    user.save()
    otp_device_for(user)
    duress_password_set(user=user, password=DURESS, current_password=PASSWORD)
    return user


def _password_step(client, username, password):
    return client.post(
        reverse("login"),
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
        REMOTE_ADDR="203.0.113.7",
    )


def _token_step(client, code):
    return client.post(
        reverse("login"),
        {"login_view-current_step": "token", "token-otp_token": code},
        REMOTE_ADDR="203.0.113.7",
    )


def _backup_code(user, code):
    device, _ = StaticDevice.objects.get_or_create(user=user, name="backup")
    StaticToken.objects.create(device=device, token=code)
    return code


def _full_login(client, user, password, code=None):
    first = _password_step(client, user.username, password)
    assert first.status_code == 200
    assert first.context["wizard"]["steps"].current == "token"
    return first, _token_step(client, code or totp_code(user))


# --- setting the duress password ------------------------------------------------------------


def test_duress_password_is_stored_hashed_with_the_project_hasher(lawyer):
    credential = DuressCredential.objects.get(user=lawyer)
    assert DURESS not in credential.password
    assert identify_hasher(credential.password).algorithm == "argon2"


def test_duress_password_history_names_who_and_never_holds_the_hash(lawyer):
    row = DuressCredential.history.get(user_id=lawyer.pk)
    assert row.history_user_id == lawyer.pk
    assert not hasattr(row, "password")


def test_duress_password_must_differ_from_the_real_one(org):
    with pytest.raises(ValidationError) as exc:
        duress_password_set(user=org.lawyer, password=PASSWORD, current_password=PASSWORD)
    assert "different" in str(exc.value)
    assert not DuressCredential.objects.exists()


def test_duress_password_needs_the_current_password(org):
    with pytest.raises(ValidationError):
        duress_password_set(user=org.lawyer, password=DURESS, current_password="wrong")
    assert not DuressCredential.objects.exists()


def test_duress_password_follows_the_password_rules(org):
    with pytest.raises(ValidationError):
        duress_password_set(user=org.lawyer, password="12345", current_password=PASSWORD)


def test_duress_password_can_be_removed(lawyer):
    duress_password_remove(user=lawyer, current_password=PASSWORD)
    assert not DuressCredential.objects.exists()


def test_duress_page_sets_the_password(client, org):
    client.force_login(org.lawyer)
    url = reverse("security:duress")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "set",
            "current_password": PASSWORD,
            "password": DURESS,
            "password_again": DURESS,
        },
    )
    assert response.status_code == 302
    assert DuressCredential.objects.filter(user=org.lawyer).exists()


def test_duress_page_refuses_mismatched_passwords_and_saves_nothing(client, org):
    client.force_login(org.lawyer)
    response = client.post(
        reverse("security:duress"),
        {"action": "set", "current_password": PASSWORD, "password": DURESS, "password_again": "x"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not DuressCredential.objects.exists()


# --- the login looks normal -----------------------------------------------------------------


def test_duress_login_looks_like_a_normal_login(org, lawyer):
    normal_user = org.supervisor
    normal_user.password = make_password(PASSWORD)
    normal_user.save()
    otp_device_for(normal_user)

    normal, duress = Client(), Client()
    n1, n2 = _full_login(normal, normal_user, PASSWORD)
    d1, d2 = _full_login(duress, lawyer, DURESS)

    assert (n1.status_code, n2.status_code) == (d1.status_code, d2.status_code) == (200, 302)
    assert n2["Location"] == d2["Location"] == reverse("cases:list")
    assert sorted(n2.cookies) == sorted(d2.cookies)
    assert sorted(n2.headers) == sorted(d2.headers)
    assert sorted(n1.headers) == sorted(d1.headers)
    for name in n2.cookies:
        assert dict(n2.cookies[name].items()).keys() == dict(d2.cookies[name].items()).keys()
    assert mail.outbox == []


def test_duress_session_shows_the_calm_empty_case_list(org, lawyer):
    case = make_case(by=lawyer, branch=org.almaty, title="Detention of a blogger")
    client = Client()
    _full_login(client, lawyer, DURESS)
    for _ in range(3):  # stays signed in for its lifetime, not just one page
        response = client.get(reverse("cases:list"))
        assert response.status_code == 200
        body = response.content.decode()
        assert case.reference not in body and case.title not in body
        assert lawyer.get_full_name() in body  # the top bar names the person, as always
        assert "duress" not in body.lower()


def test_duress_session_opens_the_usual_pages_empty_and_writes_nothing(org, lawyer):
    case = make_case(by=lawyer, branch=org.almaty, title="Detention of a blogger")
    client = Client()
    _full_login(client, lawyer, DURESS)
    # A case the empty account cannot see: 404, as for any colleague without access.
    assert client.get(case.get_absolute_url()).status_code == 404
    # The account's own pages answer as always (a 404 there would give the path away).
    for name in (
        "security:duress",
        "two_factor:profile",
        "security:contacts",
        "workflows:litigation:intake:execute",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert case.reference not in response.content.decode()
    before = case.history.count()
    sent = client.post(
        reverse("workflows:litigation:intake:execute"),
        {"title": "x"},
        HTTP_REFERER="/workflow/intake/",
    )
    assert (sent.status_code, sent["Location"]) == (302, "/workflow/intake/")  # as if saved
    assert case.history.count() == before
    assert client.get(reverse("deadlines:mine")).status_code == 200
    assert client.get(reverse("workflows:inbox")).status_code == 200


def test_duress_session_logs_out_like_any_session(lawyer):
    client = Client()
    _full_login(client, lawyer, DURESS)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 302  # to the login page


def test_duress_login_locks_the_account_down(org, lawyer):
    other_device = Client()
    other_device.force_login(lawyer)
    client = Client()
    _full_login(client, lawyer, DURESS)
    lawyer.refresh_from_db()
    assert not lawyer.is_active
    assert not lawyer.has_usable_password()
    assert list(devices_for_user(lawyer, confirmed=None)) == []
    # The other session is gone; the duress session itself is the only one left.
    assert other_device.get(reverse("cases:list")).status_code == 302
    remaining = [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(lawyer.pk)
    ]
    assert [s.session_key for s in remaining] == [client.session.session_key]


def test_duress_login_opens_an_incident_with_time_and_ip_and_tells_administrators(org, lawyer):
    client = Client()
    _full_login(client, lawyer, DURESS)
    incident = Incident.objects.get(kind=IncidentKind.DURESS_LOGIN)
    assert incident.staff_member == lawyer
    assert incident.ip_address == "203.0.113.7"
    assert incident.branch == org.almaty
    assert incident.steps.count() >= 3  # its checklist
    assert "locked down" in incident.follow_up
    recipients = set(Notice.objects.values_list("recipient__username", flat=True))
    assert recipients == {org.administrator.username}
    assert mail.outbox == []
    alarm = Notice.objects.get()
    assert (alarm.kind, alarm.actor, alarm.case) == (Kind.DURESS_ALARM, lawyer, None)
    assert alarm.params == {"ip": "203.0.113.7", "incident": incident.pk}
    assert alarm.url == reverse("security:incident_detail", kwargs={"pk": incident.pk})
    assert "duress password" in alarm.message and "203.0.113.7" in alarm.message
    assert alarm.action_label == f"Open incident #{incident.pk}"


def test_duress_alarm_never_reaches_the_coerced_administrators_own_account(org):
    admin = org.administrator
    admin.password = make_password(PASSWORD)
    admin.save()
    otp_device_for(admin)
    duress_password_set(user=admin, password=DURESS, current_password=PASSWORD)
    _full_login(Client(), admin, DURESS)
    assert not Notice.objects.filter(recipient=admin).exists()


def test_the_alarm_goes_out_at_the_password_step_even_if_the_login_stops_there(org, lawyer):
    _password_step(Client(), lawyer.username, DURESS)
    assert Incident.objects.filter(kind=IncidentKind.DURESS_LOGIN).count() == 1
    assert Notice.objects.filter(recipient=org.administrator).exists()


def test_a_wrong_second_factor_is_refused_on_the_duress_path_as_on_the_normal_one(lawyer):
    client = Client()
    _password_step(client, lawyer.username, DURESS)
    code = totp_code(lawyer)
    response = _token_step(client, f"{(int(code) + 1) % 1_000_000:06d}")
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == "token"
    assert "_auth_user_id" not in client.session
    lawyer.refresh_from_db()
    assert lawyer.is_active  # nothing locked until the login completes


def test_a_backup_code_completes_the_duress_login_too(lawyer):
    client = Client()
    _password_step(client, lawyer.username, DURESS)
    code = _backup_code(lawyer, "backup77")
    client.post(reverse("login"), {"wizard_goto_step": "backup"})
    response = client.post(
        reverse("login"), {"login_view-current_step": "backup", "backup-otp_token": code}
    )
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200
    lawyer.refresh_from_db()
    assert not lawyer.is_active


def test_the_real_password_still_logs_in_normally(org, lawyer):
    case = make_case(by=lawyer, branch=org.almaty, title="Detention of a blogger")
    client = Client()
    _full_login(client, lawyer, PASSWORD)
    assert case.reference in client.get(reverse("cases:list")).content.decode()
    assert not Incident.objects.exists()
    lawyer.refresh_from_db()
    assert lawyer.is_active


def test_a_locked_account_does_not_accept_its_duress_password(lawyer):
    User.objects.filter(pk=lawyer.pk).update(is_active=False)
    response = _password_step(Client(), lawyer.username, DURESS)
    assert response.context["wizard"]["steps"].current == "auth"
    assert not Incident.objects.exists()


# --- timing ---------------------------------------------------------------------------------


class HashCounter:
    """Counts password-hash computations (encode and verify) of the hashers in use."""

    def __init__(self, monkeypatch):
        self.calls = 0
        for hasher in (Argon2PasswordHasher, MD5PasswordHasher):
            for name in ("encode", "verify"):
                original = getattr(hasher, name)
                monkeypatch.setattr(hasher, name, self._counting(original))

    def _counting(self, original):
        def wrapper(hasher_self, *args, **kwargs):
            self.calls += 1
            return original(hasher_self, *args, **kwargs)

        return wrapper

    def measure(self, fn) -> int:
        before = self.calls
        fn()
        return self.calls - before


def test_every_password_step_runs_the_same_number_of_hash_computations(org, lawyer, monkeypatch):
    no_duress = org.supervisor
    no_duress.password = make_password(PASSWORD)
    no_duress.save()
    counter = HashCounter(monkeypatch)
    counts = {
        "real": counter.measure(lambda: _password_step(Client(), lawyer.username, PASSWORD)),
        "duress": counter.measure(lambda: _password_step(Client(), lawyer.username, DURESS)),
        "wrong": counter.measure(lambda: _password_step(Client(), lawyer.username, "nope-nope")),
        "no duress set": counter.measure(
            lambda: _password_step(Client(), no_duress.username, PASSWORD)
        ),
        "unknown user": counter.measure(lambda: _password_step(Client(), "nobody", PASSWORD)),
    }
    assert set(counts.values()) == {2}, counts


def test_both_password_steps_make_the_same_reads(lawyer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as real:
        _password_step(Client(), lawyer.username, PASSWORD)
    # The duress path additionally writes the incident and the notices (server-side only).
    with CaptureQueriesContext(connection) as duress:
        _password_step(Client(), lawyer.username, DURESS)
    reads = [
        q["sql"].split(" WHERE")[0] for q in real.captured_queries if q["sql"].startswith("SELECT")
    ]
    duress_reads = [
        q["sql"].split(" WHERE")[0]
        for q in duress.captured_queries
        if q["sql"].startswith("SELECT")
    ]
    # Every read the normal path makes, the duress path makes too, in the same order.
    it = iter(duress_reads)
    assert all(any(r == d for d in it) for r in reads)


class AnswerClock:
    """Times each request until its answer is ready to go out — the moment the WSGI server
    starts sending it, before it calls the response's close() (PEP 3333). That is all a
    watcher, at the screen or on the network, can time."""

    def __init__(self, monkeypatch):
        self.answered: list[float] = []
        original = HttpResponseBase.close

        def close(response):
            self.answered.append(time.perf_counter())
            original(response)

        monkeypatch.setattr(HttpResponseBase, "close", close)

    def time(self, fn) -> float:
        start = time.perf_counter()
        before = len(self.answered)
        fn()
        assert len(self.answered) == before + 1
        return self.answered[-1] - start


def _login_times(clock, user, password, code) -> float:
    """The three requests of a login with a backup code, each timed to its answer."""
    client = Client()
    total = clock.time(lambda: _password_step(client, user.username, password))
    total += clock.time(lambda: client.post(reverse("login"), {"wizard_goto_step": "backup"}))
    responses = []
    total += clock.time(
        lambda: responses.append(
            client.post(
                reverse("login"),
                {"login_view-current_step": "backup", "backup-otp_token": code},
            )
        )
    )
    assert responses[0].status_code == 302
    return total


def test_the_alarm_and_the_lockdown_run_after_the_answer_has_gone_out(org, lawyer, monkeypatch):
    """At the moment the server has the answer, nothing of the duress path has been written
    yet; by the time the request is over (close() ran), all of it has."""
    seen = []
    original = HttpResponseBase.close

    def close(response):
        lawyer_row = User.objects.get(pk=lawyer.pk)
        seen.append((Incident.objects.count(), lawyer_row.is_active))
        original(response)

    monkeypatch.setattr(HttpResponseBase, "close", close)
    client = Client()
    _password_step(client, lawyer.username, DURESS)
    assert seen[-1] == (0, True)
    assert Incident.objects.filter(kind=IncidentKind.DURESS_LOGIN).count() == 1
    _token_step(client, totp_code(lawyer))
    assert seen[-1] == (1, True)  # the answer went out before the lockdown
    lawyer.refresh_from_db()
    assert not lawyer.is_active
    assert not list(devices_for_user(lawyer, confirmed=None))
    # The duress session itself survived the lockdown that ran after it was saved.
    assert Session.objects.filter(session_key=client.session.session_key).exists()
    assert client.get(reverse("cases:list")).status_code == 200


def test_timing_of_normal_and_duress_logins_is_indistinguishable_within_noise(
    org, lawyer, monkeypatch
):
    """Interleaved rounds of the whole login (password, backup-code step), timed to each
    answer: the medians stay within a factor of 1.5 of each other (coarse, for noisy CI
    machines). Both paths run the same two hash computations and the same reads before
    answering; the duress path's writes (incident, notices, lockdown) come after the answer.
    bench/duress_timing.py measures the same over HTTP through gunicorn (docs/benchmarks.md)."""
    twin = org.supervisor
    twin.password = make_password(PASSWORD)
    twin.save()
    otp_device_for(twin)
    clock = AnswerClock(monkeypatch)

    normal, duress = [], []
    for i in range(9):
        normal.append(_login_times(clock, twin, PASSWORD, _backup_code(twin, f"norm{i:04d}")))
        # Each duress login locks the account; reinstate it for the next round.
        User.objects.filter(pk=lawyer.pk).update(is_active=True, password=make_password(PASSWORD))
        otp_device_for(lawyer)
        duress.append(_login_times(clock, lawyer, DURESS, _backup_code(lawyer, f"dure{i:04d}")))
    assert Incident.objects.filter(kind=IncidentKind.DURESS_LOGIN).count() == 9
    ratio = statistics.median(duress) / statistics.median(normal)
    assert 1 / 1.5 < ratio < 1.5, (ratio, normal, duress)


def _normalised(html: str, *names: str) -> str:
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for name in names:
        html = html.replace(name, "PERSON")
    return html


def test_the_duress_case_list_is_the_page_a_colleague_without_cases_sees(org, lawyer):
    make_case(by=lawyer, branch=org.almaty, title="Detention of a blogger")
    from tests.conftest import make_user

    colleague = make_user("newcomer", role="lawyer", branch=org.almaty)
    normal = Client()
    normal.force_login(colleague)
    duress = Client()
    _full_login(duress, lawyer, DURESS)
    expected = normal.get(reverse("cases:list")).content.decode()
    seen = duress.get(reverse("cases:list")).content.decode()
    assert _normalised(seen, lawyer.get_full_name()) == _normalised(
        expected, colleague.get_full_name()
    )


def test_a_supervisor_under_duress_keeps_the_usual_navigation_but_no_data(org):
    supervisor = org.supervisor
    supervisor.password = make_password(PASSWORD)
    supervisor.save()
    otp_device_for(supervisor)
    duress_password_set(user=supervisor, password=DURESS, current_password=PASSWORD)
    case = make_case(by=org.lawyer, branch=org.almaty, title="Normal case a supervisor oversees")
    client = Client()
    _full_login(client, supervisor, DURESS)
    body = client.get(reverse("workflows:inbox")).content.decode()
    assert case.reference not in body
    assert reverse("workflows:workload") in body  # the supervisor's tab is still there
    workload = client.get(reverse("workflows:workload"))
    assert workload.status_code == 200  # and it opens, with no colleague and no count
    assert org.lawyer.get_full_name() not in workload.content.decode()


def test_if_the_lockdown_fails_the_duress_session_still_shows_nothing(org, lawyer, monkeypatch):
    import security.duress

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(security.duress, "lockdown_user", broken)
    case = make_case(by=lawyer, branch=org.almaty, title="Detention of a blogger")
    client = Client()
    _first, last = _full_login(client, lawyer, DURESS)
    assert last.status_code == 302
    body = client.get(reverse("cases:list")).content.decode()
    assert case.reference not in body


def test_if_the_alarm_fails_the_login_still_looks_normal_and_shows_nothing(
    org, lawyer, monkeypatch
):
    import security.duress

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(security.duress, "raise_alarm", broken)
    case = make_case(by=lawyer, branch=org.almaty, title="Detention of a blogger")
    client = Client()
    first, last = _full_login(client, lawyer, DURESS)
    assert last.status_code == 302
    assert case.reference not in client.get(reverse("cases:list")).content.decode()
    lawyer.refresh_from_db()
    assert not lawyer.is_active  # the lockdown still ran


def test_the_duress_password_is_a_wrong_password_anywhere_but_the_login_wizard(org, lawyer):
    make_case(by=lawyer, branch=org.almaty, title="Detention of a blogger")
    client = Client()
    response = client.post(
        reverse("two_factor:login"),
        {
            "login_view-current_step": "auth",
            "auth-username": lawyer.username,
            "auth-password": DURESS,
        },
    )
    # two_factor's own page is only a redirect to the one login page now (security item 10):
    # nothing is checked there, nobody is signed in.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert not Client().login(username=lawyer.username, password=DURESS)
    assert not Incident.objects.exists()
