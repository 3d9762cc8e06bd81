"""Hostile input to the security pages, commands and decoders: clear errors, never a crash."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.models import User
from casework.storage import DocumentIntegrityError, decrypt_bytes, generate_key, parse_key
from security.archive import BackupArchiveError, DecryptingReader
from security.backup_keys import backup_key

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "lawyer\r\nSet-Cookie: x=1",
            "𝕏" * 200,
            "9" * 400,
            "2026-02-30",
            "-1",
        ]
    ),
)
FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FAST
@given(
    user=HOSTILE,
    case_reference=HOSTILE,
    action=HOSTILE,
    date_from=HOSTILE,
    date_to=HOSTILE,
    page=HOSTILE,
)
def test_access_log_filters_never_crash(
    client, org, user, case_reference, action, date_from, date_to, page
):
    client.force_login(org.administrator)
    params = {
        "user": user,
        "case_reference": case_reference,
        "action": action,
        "date_from": date_from,
        "date_to": date_to,
        "page": page,
    }
    response = client.get(reverse("security:access_log"), params)
    assert response.status_code == 200


@FAST
@given(user=HOSTILE, reason=HOSTILE, confirm=st.sampled_from(["", "on", "yes", "0", "\x00"]))
def test_lockdown_form_never_crashes_and_changes_nothing_unless_valid(
    client, org, user, reason, confirm
):
    client.force_login(org.administrator)
    active_before = set(User.objects.filter(is_active=True).values_list("username", flat=True))
    data = {"user": user, "reason": reason, "confirm": confirm}
    response = client.post(reverse("security:lockdown"), data)
    assert response.status_code in (200, 302)
    active_after = set(User.objects.filter(is_active=True).values_list("username", flat=True))
    if response.status_code == 200:  # form re-rendered with errors: nothing happened
        assert active_after == active_before
    else:
        assert active_before - active_after == {user}
        User.objects.filter(username=user).update(is_active=True)


@FAST
@given(username=HOSTILE, reason=HOSTILE)
def test_lockdown_command_fails_cleanly(org, username, reason):
    try:
        call_command("lockdown", username, "--reason", reason, stdout=io.StringIO())
    except CommandError:
        return
    assert not User.objects.get(username=username).is_active
    User.objects.filter(username=username).update(is_active=True)


@FAST
@given(blob=st.binary(max_size=400))
def test_document_decryption_of_garbage_is_an_integrity_error(blob):
    with pytest.raises(DocumentIntegrityError):
        decrypt_bytes(b"RMDYENC1" + blob if len(blob) % 2 else blob)


@FAST
@given(blob=st.binary(max_size=600))
def test_backup_reader_of_garbage_is_an_archive_error(blob):
    with pytest.raises(BackupArchiveError):
        reader = DecryptingReader(io.BytesIO(b"RMDYBAK1" + blob), generate_key())
        reader.read()


@FAST
@given(text=HOSTILE)
def test_malformed_keys_are_configuration_errors(text):
    try:
        parse_key(text)
    except ImproperlyConfigured:
        return
    assert len(text.strip()) >= 43  # only a real base64 key of 32 bytes gets through


@FAST
@given(blob=st.binary(max_size=2000))
def test_restore_of_hostile_files_is_a_command_error(db, tmp_path_factory, blob, settings):
    settings.REMEDY_BACKUP_KEY = generate_key()
    path = tmp_path_factory.mktemp("hostile") / "archive"
    path.write_bytes(blob)
    with pytest.raises(CommandError):
        call_command("restore_remedy", str(path), stdout=io.StringIO())


@FAST
@given(text=HOSTILE)
def test_backup_key_file_with_garbage_is_a_configuration_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("key") / "key"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with pytest.raises(ImproperlyConfigured):
        backup_key(str(path))


@FAST
@given(
    username=HOSTILE,
    password=HOSTILE,
    token=HOSTILE,
    step=st.sampled_from(["auth", "token", "backup", "x"]),
)
def test_login_wizard_never_crashes(client, org, username, password, token, step):
    response = client.post(
        reverse("login"),
        {
            "login_view-current_step": step,
            "auth-username": username,
            "auth-password": password,
            "token-otp_token": token,
            "backup-otp_token": token,
        },
    )
    assert response.status_code in (200, 302, 429)
    assert "_auth_user_id" not in client.session or password == "correct-horse-battery-staple"


@pytest.mark.parametrize("length", [151, 256, 400])
def test_an_overlong_username_is_refused_before_authentication(client, org, length):
    """Found on PostgreSQL: django-axes stored the failed 400-character name in varchar(255)."""
    from axes.models import AccessAttempt

    response = client.post(
        "/accounts/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": "9" * length,
            "auth-password": "whatever",
        },
    )
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()
