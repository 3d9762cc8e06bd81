"""Granting oneself identity access is a "break-glass" action (issue 10, item 8).

A supervisor could grant himself `view_case_identity` and `change_case` on any normal case, and
nobody would know. Now a self-grant of anything beyond viewing needs a reason, writes an
access-log row and sends a notice to the case's responsible lawyer and the administrators;
granting to others needs `manage_case_team` and is logged too; and reads of identities on
normal cases are logged like those of restricted cases.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import AccessAction, AccessLog
from casework.selectors import CHANGE, VIEW, VIEW_IDENTITY, can_view_identity
from notifications.models import Kind, Notification
from notifications.selectors import top_bar
from tests.conftest import make_case

# Break-glass alerts are notifications of their own kind (in Remedy only, never e-mailed).
Notice = Notification.objects.filter(kind=Kind.BREAK_GLASS)

REASON = "The responsible lawyer is detained; the hearing is tomorrow"


@pytest.fixture
def staffed_case(org, case):
    case.responsible_lawyer = org.lawyer
    case.save()
    return case


def _team_url(case) -> str:
    return reverse("cases:team", kwargs={"reference": case.reference})


def _self_grant(client, case, user, *, reason=REASON, perms=(VIEW_IDENTITY,)):
    client.force_login(user)
    return client.post(
        _team_url(case), {"user": user.pk, "permissions": list(perms), "reason": reason}
    )


def _break_glass_on_a_secret_case(org):
    """The supervisor manages a secret case's team and grants himself identities: the
    administrators, who cannot open the case, are told without the case."""
    secret = make_case(by=org.lawyer, branch=org.almaty, title="Secret", confidentiality="secret")
    services.grant_case_access(
        case=secret, user=org.supervisor, perms=[services.MANAGE_TEAM], by=org.lawyer
    )
    services.grant_case_access(
        case=secret, user=org.supervisor, perms=[VIEW_IDENTITY], by=org.supervisor, reason=REASON
    )
    return secret


def test_self_grant_without_a_reason_is_refused_by_the_service(org, staffed_case):
    with pytest.raises(ValidationError, match="break-glass"):
        services.grant_case_access(
            case=staffed_case, user=org.supervisor, perms=[VIEW_IDENTITY], by=org.supervisor
        )
    assert not can_view_identity(org.supervisor, staffed_case)
    assert not Notice.exists()


def test_self_grant_with_a_reason_is_logged_and_notified(client, org, staffed_case):
    response = _self_grant(client, staffed_case, org.supervisor)
    assert response.status_code == 302
    assert can_view_identity(org.supervisor, staffed_case)
    entry = AccessLog.objects.get(action=AccessAction.BREAK_GLASS)
    assert entry.user == org.supervisor
    assert entry.case == staffed_case  # a normal case: logged all the same
    assert REASON[:40] in entry.object_repr
    recipients = set(Notice.values_list("recipient__username", flat=True))
    assert recipients == {"lawyer", "admin"}  # responsible lawyer and administrators
    notice = Notice.get(recipient=org.lawyer)
    assert notice.actor == org.supervisor
    assert notice.case == staffed_case
    assert notice.reference == staffed_case.reference
    assert REASON in notice.note
    assert notice.in_app
    assert notice.email_status == "not_wanted"  # never through a mail provider


def test_self_grant_of_change_is_break_glass_too(client, org, staffed_case):
    _self_grant(client, staffed_case, org.supervisor, perms=(CHANGE,))
    assert AccessLog.objects.filter(action=AccessAction.BREAK_GLASS).count() == 1
    assert Notice.filter(recipient=org.administrator).exists()


def test_self_grant_of_view_only_is_not_break_glass(org, staffed_case):
    services.grant_case_access(
        case=staffed_case, user=org.supervisor, perms=[VIEW], by=org.supervisor, reason="follow"
    )
    assert not AccessLog.objects.filter(action=AccessAction.BREAK_GLASS).exists()
    assert not Notice.exists()


def test_self_grant_page_without_reason_is_a_form_error(client, org, staffed_case):
    response = _self_grant(client, staffed_case, org.supervisor, reason="")
    assert response.status_code == 400
    assert not can_view_identity(org.supervisor, staffed_case)


def test_the_grant_form_warns_about_break_glass(client, org, staffed_case):
    client.force_login(org.supervisor)
    body = client.get(_team_url(staffed_case)).content.decode()
    assert "break-glass" in body


def test_opening_a_case_is_not_break_glass(org):
    make_case(by=org.lawyer, branch=org.almaty, title="Fresh")
    assert not AccessLog.objects.filter(action=AccessAction.BREAK_GLASS).exists()
    assert not Notice.exists()


def test_granting_to_others_needs_manage_case_team(org, staffed_case):
    services.grant_case_access(
        case=staffed_case, user=org.other_lawyer, perms=[VIEW, CHANGE], by=org.lawyer
    )
    with pytest.raises(PermissionDenied):
        services.grant_case_access(
            case=staffed_case, user=org.branch_head, perms=[VIEW_IDENTITY], by=org.other_lawyer
        )
    assert not can_view_identity(org.branch_head, staffed_case)


def test_granting_identity_to_others_is_logged(org, staffed_case):
    services.grant_case_access(
        case=staffed_case,
        user=org.other_lawyer,
        perms=[VIEW_IDENTITY],
        by=org.supervisor,
        reason="Second lawyer on the appeal",
    )
    entry = AccessLog.objects.get(action=AccessAction.GRANT_ACCESS)
    assert entry.user == org.supervisor
    assert "other_lawyer" in entry.object_repr
    assert VIEW_IDENTITY in entry.object_repr


def test_reading_identities_on_a_normal_case_is_logged(client, org, staffed_case):
    client.force_login(org.lawyer)
    client.get(reverse("cases:parties", kwargs={"reference": staffed_case.reference}))
    assert AccessLog.objects.filter(
        case=staffed_case, user=org.lawyer, action=AccessAction.VIEW_IDENTITY
    ).exists()
    # Viewing a normal case without names is not: the log stays about the reads that matter.
    assert not AccessLog.objects.filter(action=AccessAction.VIEW_CASE).exists()


def test_a_masked_read_of_a_normal_case_is_not_an_identity_read(client, org, staffed_case):
    client.force_login(org.supervisor)
    client.get(reverse("cases:parties", kwargs={"reference": staffed_case.reference}))
    assert not AccessLog.objects.exists()


def test_the_notice_is_shown_on_the_recipients_pages_until_they_open_the_team(
    client, org, staffed_case
):
    services.grant_case_access(
        case=staffed_case,
        user=org.supervisor,
        perms=[VIEW_IDENTITY],
        by=org.supervisor,
        reason=REASON,
    )
    client.force_login(org.lawyer)
    body = client.get(reverse("cases:list")).content.decode()
    assert 'id="notices"' in body
    assert staffed_case.reference in body
    assert REASON in body
    assert _team_url(staffed_case) in body
    client.get(_team_url(staffed_case))  # the lawyer looks at who holds what
    assert 'id="notices"' not in client.get(reverse("cases:list")).content.decode()


def test_a_notice_about_a_case_the_recipient_cannot_open_names_nothing(org):
    _break_glass_on_a_secret_case(org)
    shown = top_bar(org.administrator).alerts  # administrators cannot open secret cases
    assert len(shown) == 1
    item = shown[0]
    assert item.case is None
    assert item.reference == ""
    assert item.url == ""
    assert item.note == ""  # the reason may describe the case
    assert item.actor == org.supervisor


def test_notices_are_only_the_recipients_own(org, staffed_case):
    services.grant_case_access(
        case=staffed_case,
        user=org.supervisor,
        perms=[VIEW_IDENTITY],
        by=org.supervisor,
        reason=REASON,
    )
    assert top_bar(org.other_lawyer).alerts == []
    assert top_bar(org.supervisor).alerts == []  # the actor is not notified of themselves


def test_a_masked_notice_leaves_the_banner_after_two_weeks(org):
    _break_glass_on_a_secret_case(org)
    assert len(top_bar(org.administrator).alerts) == 1
    Notice.update(created_at=timezone.now() - dt.timedelta(days=15))
    assert top_bar(org.administrator).alerts == []
    # It stays in the centre and in the bell's count until read there.
    assert top_bar(org.administrator).unread == 1


def test_a_masked_alert_is_marked_read_from_the_banner(client, org):
    secret = _break_glass_on_a_secret_case(org)
    client.force_login(org.administrator)
    body = client.get(reverse("cases:list")).content.decode()
    assert 'id="notices"' in body
    assert secret.reference not in body
    assert REASON not in body
    alert = Notice.get(recipient=org.administrator)
    client.post(reverse("notifications:read"), {"notification": alert.pk})
    assert 'id="notices"' not in client.get(reverse("cases:list")).content.decode()


def test_the_bell_counts_the_alert_and_the_preferences_do_not_offer_e_mail_for_it(client, org):
    _break_glass_on_a_secret_case(org)
    client.force_login(org.administrator)
    body = client.get(reverse("cases:list")).content.decode()
    assert 'id="notification-count">1<' in body
    preferences = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="break_glass"' not in preferences
    response = client.post(reverse("notifications:preferences"), {"break_glass": "email"})
    assert not org.administrator.notification_preferences.filter(kind=Kind.BREAK_GLASS).exists()
    assert response.status_code in (200, 302)
