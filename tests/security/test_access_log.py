"""The administrators' access-log page: filters, pagination, administrators only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.models import AccessAction, AccessLog
from casework.selectors import VIEW
from casework.services import grant_case_access, log_access


@pytest.fixture
def entries(org, secret_case):
    log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE, ip="10.0.0.1")
    log_access(user=org.lawyer, case=secret_case, action=AccessAction.DOWNLOAD, obj="Decision")
    log_access(user=org.supervisor, case=secret_case, action=AccessAction.VIEW_IDENTITY)
    return AccessLog.objects.all()


def _page(client, org, **params):
    client.force_login(org.administrator)
    response = client.get(reverse("security:access_log"), params)
    assert response.status_code == 200
    return response


def test_lists_every_entry_newest_first(client, org, entries):
    response = _page(client, org)
    listed = list(response.context["page"])
    assert listed == list(entries.order_by("-at", "-id"))


def test_filters_by_user(client, org, entries):
    listed = list(_page(client, org, user="supervisor").context["page"])
    assert [entry.user for entry in listed] == [org.supervisor]


def test_filters_by_action(client, org, entries):
    listed = list(_page(client, org, action=AccessAction.DOWNLOAD).context["page"])
    assert [entry.object_repr for entry in listed] == ["Decision"]


def test_filters_by_case_reference(client, org, entries, secret_case, case):
    # The reference filter matches only cases the administrator may open (issue 10, item 13).
    assert len(_page(client, org, case_reference=secret_case.reference).context["page"]) == 0
    grant_case_access(case=secret_case, user=org.administrator, perms=[VIEW], by=org.lawyer)
    # The three reads and the grant itself (grants are logged).
    assert len(_page(client, org, case_reference=secret_case.reference).context["page"]) == 4
    assert len(_page(client, org, case_reference=case.reference).context["page"]) == 0


def test_filters_by_date_range(client, org, entries):
    today = timezone.localdate()
    assert len(_page(client, org, date_from=today.isoformat()).context["page"]) == 3
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert len(_page(client, org, date_from=tomorrow).context["page"]) == 0


def test_inverted_date_range_is_explained_not_a_crash(client, org, entries):
    response = _page(client, org, date_from="2026-05-01", date_to="2026-04-01")
    assert b"The start date is after the end date." in response.content


def test_garbage_filters_show_everything_with_errors(client, org, entries):
    response = _page(client, org, date_from="not a date", action="nonsense", page="x")
    assert len(response.context["page"]) == 3


def test_is_paginated(client, org, secret_case):
    for _ in range(55):
        log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE)
    first = _page(client, org)
    assert len(first.context["page"]) == 50
    second = _page(client, org, page=2)
    assert len(second.context["page"]) == 5


def test_page_query_count_is_bounded(client, org, secret_case, django_assert_max_num_queries):
    for _ in range(30):
        log_access(user=org.lawyer, case=secret_case, action=AccessAction.VIEW_CASE)
    client.force_login(org.administrator)
    with django_assert_max_num_queries(10):
        client.get(reverse("security:access_log"))


@pytest.mark.parametrize("role", ["lawyer", "supervisor", "branch_head", "analyst"])
def test_is_not_found_for_other_roles(client, org, role, entries):
    client.force_login(getattr(org, role))
    assert client.get(reverse("security:access_log")).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(reverse("security:access_log"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_entries_cannot_be_changed_or_deleted(entries):
    entry = entries.first()
    entry.object_repr = "rewritten"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()


@pytest.mark.postgres
def test_database_refuses_updates_and_deletes_of_the_access_log(entries):
    from django.db import DatabaseError, transaction

    # As the runtime role the privileges refuse first; as the owner the trigger does
    # (tests/security/test_db_roles.py tells them apart).
    refused = "append-only|permission denied"
    with pytest.raises(DatabaseError, match=refused), transaction.atomic():
        AccessLog.objects.update(object_repr="rewritten")
    with pytest.raises(DatabaseError, match=refused), transaction.atomic():
        AccessLog.objects.all().delete()
    assert AccessLog.objects.count() == 3
