"""Staff administration (/staff/): onboard, change a role, deactivate, reset a second factor,
unlock a lockout — administrators only, every change in the person's history with who and why."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from casework.models import Role, User


@pytest.fixture
def admin_client(org) -> Client:
    client = Client()
    client.force_login(org.administrator)
    return client


def onboard(admin_client, org, **extra):
    data = {
        "first_name": "Aigerim",
        "last_name": "Nurlanova",
        "email": "a.nurlanova@example.org",
        "branch": org.uralsk.pk,
        "role": Role.LAWYER,
        **extra,
    }
    return admin_client.post(reverse("staff:onboard"), data)


@pytest.mark.parametrize("who", ["lawyer", "supervisor", "branch_head", "analyst"])
def test_staff_pages_are_404_for_everyone_but_administrators(org, who):
    client = Client()
    client.force_login(getattr(org, who))
    assert client.get(reverse("staff:list")).status_code == 404
    assert client.get(reverse("staff:detail", args=[org.lawyer.pk])).status_code == 404


def test_administrator_finds_staff_by_name_and_role(admin_client, org):
    response = admin_client.get(reverse("staff:list"), {"q": "uralsk", "role": Role.BRANCH_HEAD})
    body = response.content.decode()
    assert "uralsk_head" in body
    assert ">lawyer<" not in body


def test_staff_list_reads_a_fixed_number_of_queries(
    admin_client, org, django_assert_max_num_queries
):
    for n in range(15):
        services.onboard(
            first_name=f"P{n}",
            last_name="X",
            email=f"p{n}@example.org",
            branch=org.almaty,
            role=Role.LAWYER,
            by=org.administrator,
        )
    with django_assert_max_num_queries(14):
        assert admin_client.get(reverse("staff:list")).status_code == 200


def test_onboarding_sends_a_one_time_link_that_sets_the_password_then_asks_for_a_second_factor(
    admin_client, org
):
    response = onboard(admin_client, org)
    assert response.status_code == 200
    person = User.objects.get(email="a.nurlanova@example.org")
    assert person.has_role(Role.LAWYER) and person.branch == org.uralsk
    assert not person.has_usable_password()
    assert person.history.first().history_user == org.administrator
    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link in response.content.decode()  # shown once to the administrator too
    path = link.split("://", 1)[1].split("/", 1)[1]

    newcomer = Client()
    form_page = newcomer.get("/" + path, follow=True)
    assert form_page.status_code == 200
    password = "a long and new passphrase 42"
    response = newcomer.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")
    person.refresh_from_db()
    assert person.check_password(password)
    # The link worked once.
    again = Client().get("/" + path, follow=True)
    assert "has been used or has expired" in again.content.decode()


def test_the_onboarding_email_names_nobody_but_carries_the_link(admin_client, org):
    onboard(admin_client, org)
    [message] = mail.outbox
    assert "Nurlanova" not in message.body + message.subject
    assert "/account/welcome/" in message.body


def test_onboarding_with_a_taken_email_is_refused_with_a_message(admin_client, org):
    onboard(admin_client, org)
    response = onboard(admin_client, org)
    assert response.status_code == 200
    assert "already has this e-mail" in response.content.decode()
    assert User.objects.filter(email="a.nurlanova@example.org").count() == 1


def test_role_change_is_recorded_with_who_and_why(admin_client, org):
    url = reverse("staff:change", args=[org.lawyer.pk])
    response = admin_client.post(
        url,
        {
            "change-role": Role.SUPERVISOR,
            "change-branch": org.uralsk.pk,
            "change-reason": "Promoted",
        },
    )
    assert response.status_code == 302
    lawyer = User.objects.get(pk=org.lawyer.pk)
    assert lawyer.roles == [Role.SUPERVISOR]
    assert lawyer.branch == org.uralsk
    row = lawyer.history.order_by("-history_date").first()
    assert row.history_user == org.administrator
    assert "Promoted" in row.history_change_reason


def test_a_change_without_a_reason_changes_nothing_and_says_why(admin_client, org):
    url = reverse("staff:change", args=[org.lawyer.pk])
    response = admin_client.post(
        url, {"change-role": Role.SUPERVISOR, "change-branch": org.almaty.pk}
    )
    assert response.status_code == 200
    assert User.objects.get(pk=org.lawyer.pk).roles == [Role.LAWYER]


def test_administrators_cannot_change_their_own_role(admin_client, org):
    url = reverse("staff:change", args=[org.administrator.pk])
    response = admin_client.post(
        url,
        {"change-role": Role.SUPERVISOR, "change-branch": org.almaty.pk, "change-reason": "me"},
    )
    assert response.status_code == 200
    assert "another administrator" in response.content.decode()
    assert User.objects.get(pk=org.administrator.pk).roles == [Role.ADMINISTRATOR]


def test_staff_pages_grant_no_case_access(admin_client, org, secret_case):
    url = reverse("staff:change", args=[org.lawyer.pk])
    admin_client.post(
        url,
        {"change-role": Role.ADMINISTRATOR, "change-branch": org.almaty.pk, "change-reason": "x"},
    )
    response = admin_client.get(reverse("cases:detail", args=[secret_case.reference]))
    assert response.status_code == 404


def test_deactivating_ends_the_persons_sessions(admin_client, org):
    lawyer = Client()
    lawyer.force_login(org.lawyer)
    response = admin_client.post(
        reverse("staff:deactivate", args=[org.lawyer.pk]), {"deactivate-reason": "Left"}
    )
    assert response.status_code == 302
    assert not User.objects.get(pk=org.lawyer.pk).is_active
    assert lawyer.get(reverse("cases:list")).status_code == 302


def test_reactivating_issues_a_new_link_and_clears_the_old_factors(admin_client, org):
    services.deactivate(user=org.lawyer, by=org.administrator, reason="Leave")
    TOTPDevice.objects.create(user=org.lawyer, name="default", confirmed=True)
    response = admin_client.post(
        reverse("staff:reactivate", args=[org.lawyer.pk]), {"reactivate-reason": "Back"}
    )
    assert response.status_code == 200
    assert "/account/welcome/" in response.content.decode()
    lawyer = User.objects.get(pk=org.lawyer.pk)
    assert lawyer.is_active and not lawyer.has_usable_password()
    assert not TOTPDevice.objects.filter(user=lawyer).exists()


def test_reset_second_factor_removes_every_device(admin_client, org):
    TOTPDevice.objects.create(user=org.lawyer, name="default", confirmed=True)
    StaticDevice.objects.create(user=org.lawyer, name="backup")
    response = admin_client.post(
        reverse("staff:reset_factor", args=[org.lawyer.pk]), {"reset-reason": "Lost phone"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=org.lawyer).exists()
    assert not StaticDevice.objects.filter(user=org.lawyer).exists()
    reason = org.lawyer.history.order_by("-history_date").values_list(
        "history_change_reason", flat=True
    )
    assert any("Lost phone" in (text or "") for text in reason)


def test_unlock_lifts_the_lockout_with_a_reason(admin_client, org):
    AccessAttempt.objects.create(
        username="lawyer",
        ip_address="10.0.0.1",
        user_agent="x",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    listed = admin_client.get(reverse("staff:list"), {"status": "locked"}).content.decode()
    assert reverse("staff:detail", args=[org.lawyer.pk]) in listed
    response = admin_client.post(
        reverse("staff:unlock", args=[org.lawyer.pk]), {"unlock-reason": "Called me"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="lawyer").exists()
    assert "Called me" in org.lawyer.history.order_by("-history_date").first().history_change_reason


def test_unlocking_an_account_that_is_not_locked_says_so(admin_client, org):
    response = admin_client.post(
        reverse("staff:unlock", args=[org.lawyer.pk]), {"unlock-reason": "?"}
    )
    assert response.status_code == 200
    assert "not locked out" in response.content.decode()


def test_the_detail_page_shows_history_and_sessions(admin_client, org, case):
    response = admin_client.get(reverse("staff:detail", args=[org.lawyer.pk]))
    assert response.status_code == 200
    assert reverse("security:user_sessions", args=[org.lawyer.pk]) in response.content.decode()


def test_administrator_role_may_edit_reference_data_in_the_admin(org):
    for codename in [
        "deadlines.change_deadlinerule",
        "deadlines.add_calendarday",
        "communications.change_stateparty",
        "casework.change_theme",
        "casework.change_covenantarticle",
    ]:
        assert org.administrator.has_perm(codename), codename
    assert not org.administrator.has_perm("deadlines.delete_deadlinerule")
    assert not org.lawyer.has_perm("deadlines.change_deadlinerule")


def test_onboarded_administrators_reach_the_reference_data_admin(org):
    invitation = services.onboard(
        first_name="A",
        last_name="B",
        email="ab@example.org",
        branch=org.almaty,
        role=Role.ADMINISTRATOR,
        by=org.administrator,
    )
    client = Client()
    client.force_login(invitation.user)
    assert client.get(reverse("admin:deadlines_deadlinerule_changelist")).status_code == 200
    assert client.get(reverse("admin:casework_user_changelist")).status_code == 403


def test_the_detail_page_lists_the_persons_last_logins(admin_client, org):
    from axes.models import AccessLog as LoginLog

    LoginLog.objects.create(
        username=org.lawyer.username, ip_address="198.51.100.23", user_agent="Firefox/140"
    )
    LoginLog.objects.create(username="someone.else", ip_address="198.51.100.99", user_agent="x")
    body = admin_client.get(reverse("staff:detail", args=[org.lawyer.pk])).content.decode()
    assert "198.51.100.23" in body and "Firefox/140" in body
    assert "198.51.100.99" not in body


def test_no_reference_data_admin_reverts_a_past_version(db):
    """Every model an administrator edits keeps its history and never reverts it: a POST to a
    past version's page is refused (casework.admin.AuditedAdmin), whatever the model."""
    from django.apps import apps
    from django.contrib import admin as django_admin

    from accounts.reference_data import REFERENCE_DATA
    from casework.admin import AuditedAdmin

    for label in REFERENCE_DATA:
        model = apps.get_model(label)
        assert isinstance(django_admin.site._registry[model], AuditedAdmin), label
