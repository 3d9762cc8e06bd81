"""A task needs its node's role permission AND access to its case; supervisors manage tasks."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from viewflow.workflow.status import STATUS

from casework import selectors as case_selectors
from casework.models import Confidentiality
from casework.services import revoke_case_access
from tests.conftest import make_case
from workflows import services, worklists
from workflows.selectors import task_url

from .conftest import Route, messages_of, open_task


def test_lawyer_without_case_access_gets_404_on_its_task(client, route, org):
    route.advance_to("primary_aid")
    task = route.task("primary_aid")
    client.force_login(org.other_lawyer)
    for action in ("execute", "detail", "assign", "unassign", "index"):
        assert client.get(task_url(task, action)).status_code == 404, action
        assert client.post(task_url(task, action), {}).status_code == 404, action


def test_lawyer_who_loses_access_loses_the_task(client, route, org):
    route.advance_to("primary_aid")
    task = route.task("primary_aid")
    assert task.owner == org.lawyer
    assert list(worklists.inbox(org.lawyer)) == [task]

    revoke_case_access(case=route.case, user=org.lawyer, by=org.supervisor, reason="Moved")

    assert list(worklists.inbox(org.lawyer)) == []
    client.force_login(org.lawyer)
    assert client.get(task_url(task, "execute")).status_code == 404
    with pytest.raises(PermissionDenied):
        services.complete_task(task=task, by=org.lawyer, data={"action": "complete"})


def test_other_lawyer_never_sees_the_case_in_any_list(route, org):
    route.advance_to("primary_aid")
    services.task_unassign(task=route.task("primary_aid"), by=org.supervisor)
    for listing in (worklists.inbox, worklists.queue, worklists.archive):
        assert not list(listing(org.other_lawyer))


def test_lawyer_role_cannot_take_a_supervisor_step(client, route, org):
    task = route.task("screen")
    assert task.status == STATUS.NEW
    assert task not in worklists.queue(org.lawyer)  # lawyer holds every grant on this case
    assert task in worklists.queue(org.supervisor)
    client.force_login(org.lawyer)
    response = client.post(task_url(task, "assign"), {})
    assert response.status_code == 302
    assert "You may not do this" in messages_of(response)
    task.refresh_from_db()
    assert task.owner is None


def test_supervisor_without_grant_does_not_see_secret_case_tasks(org, kz):
    secret = make_case(
        by=org.lawyer, branch=org.almaty, title="Secret", confidentiality=Confidentiality.SECRET
    )
    route = Route(org, secret, kz)
    assert route.task("screen") is not None
    assert list(worklists.queue(org.supervisor)) == []
    assert not case_selectors.can_view_case(org.supervisor, secret)


def test_supervisor_reassigns_a_task_granting_access(route, org):
    route.advance_to("primary_aid")
    task = route.task("primary_aid")
    with pytest.raises(ValidationError):
        services.task_assign(task=task, to=org.other_lawyer, by=org.supervisor)
    services.task_assign(task=task, to=org.other_lawyer, by=org.supervisor, grant_access=True)
    task.refresh_from_db()
    assert task.owner == org.other_lawyer
    assert case_selectors.can_change_case(org.other_lawyer, route.case)
    assert list(worklists.inbox(org.other_lawyer)) == [task]
    assert not worklists.inbox(org.lawyer).exists()
    services.complete_task(
        task=task, by=org.other_lawyer, data={"action": "complete", "outcome": "litigate"}
    )
    assert open_task(route.process, "file_proceeding") is not None


def test_lawyer_cannot_reassign_tasks(route, org):
    route.advance_to("primary_aid")
    with pytest.raises(PermissionDenied):
        services.task_assign(task=route.task("primary_aid"), to=org.supervisor, by=org.lawyer)


def test_role_must_fit_the_step_when_reassigning(route, org):
    task = route.task("screen")
    with pytest.raises(ValidationError):
        services.task_assign(task=task, to=org.lawyer, by=org.supervisor)


def test_unassign_all_and_reassign_all_of_an_absent_lawyer(route, org, kz):
    second = Route(org, make_case(by=org.lawyer, branch=org.almaty, title="Second"), kz)
    route.advance_to("primary_aid")
    second.advance_to("primary_aid")
    assert services.tasks_of(org.lawyer).count() == 2

    result = services.unassign_all(lawyer=org.lawyer, by=org.supervisor)
    assert (result.changed, result.skipped) == (2, 0)
    assert not services.tasks_of(org.lawyer).exists()

    for r in (route, second):
        services.task_assign(task=r.task("primary_aid"), to=org.lawyer, by=org.supervisor)
    result = services.reassign_all(
        lawyer=org.lawyer, to=org.other_lawyer, by=org.supervisor, grant_access=True
    )
    assert (result.changed, result.skipped) == (2, 0)
    assert services.tasks_of(org.other_lawyer).count() == 2


def test_workload_is_for_supervisors_only(client, route, org, django_assert_max_num_queries):
    route.advance_to("primary_aid")
    client.force_login(org.lawyer)
    assert client.get(reverse("workflows:workload")).status_code == 404
    client.force_login(org.supervisor)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("workflows:workload"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Almaty head office" in body
    assert "Primary legal aid: 1" in body


def test_queue_offers_only_tasks_the_user_may_take(route, org):
    route.advance_to("primary_aid")
    task = route.task("primary_aid")
    services.task_unassign(task=task, by=org.supervisor)
    # The supervisor's role may litigate, but without a change grant on the case they cannot.
    assert task not in worklists.queue(org.supervisor)
    assert task in worklists.queue(org.lawyer)


def test_supervisor_bulk_unassigns_from_the_lawyer_page(client, route, org):
    route.advance_to("primary_aid")
    client.force_login(org.supervisor)
    url = reverse("workflows:lawyer_tasks", args=[org.lawyer.pk])
    assert route.case.reference in client.get(url).content.decode()
    response = client.post(url, {"action": "unassign"}, follow=True)
    assert "1 task(s) changed." in response.content.decode()
    assert route.task("primary_aid").status == STATUS.NEW


def test_supervisor_reassigns_one_task_from_its_page(client, route, org):
    route.advance_to("primary_aid")
    task = route.task("primary_aid")
    client.force_login(org.supervisor)
    url = reverse("workflows:task_reassign", args=[task.pk])
    response = client.post(url, {"action": "assign", "user": org.other_lawyer.pk})
    assert response.status_code == 200
    assert "has no access to this case" in response.content.decode()
    response = client.post(
        url, {"action": "assign", "user": org.other_lawyer.pk, "grant_access": "on"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == org.other_lawyer


def test_reassign_page_is_404_for_a_case_the_supervisor_cannot_see(client, org, kz):
    secret = make_case(
        by=org.lawyer, branch=org.almaty, title="Secret", confidentiality=Confidentiality.SECRET
    )
    route = Route(org, secret, kz)
    client.force_login(org.supervisor)
    url = reverse("workflows:task_reassign", args=[route.task("screen").pk])
    assert client.get(url).status_code == 404


def test_stop_page_is_404_for_users_who_cannot_see_the_case(client, route, org):
    client.force_login(org.other_lawyer)
    url = reverse("cases:workflow_stop", args=[route.case.reference])
    assert client.get(url).status_code == 404


def test_opening_a_task_of_a_secret_case_is_logged(client, org, kz):
    from casework.models import AccessLog
    from casework.selectors import CASE_PERMISSIONS
    from casework.services import grant_case_access

    secret = make_case(
        by=org.lawyer, branch=org.almaty, title="Secret", confidentiality=Confidentiality.SECRET
    )
    grant_case_access(case=secret, user=org.supervisor, perms=CASE_PERMISSIONS, by=org.lawyer)
    route = Route(org, secret, kz)
    route.advance_to("primary_aid")
    client.force_login(org.lawyer)
    assert client.get(task_url(route.task("primary_aid"), "execute")).status_code == 200
    assert AccessLog.objects.filter(case=secret, user=org.lawyer, action="view_case").exists()


def test_inbox_queries_do_not_grow_with_the_number_of_tasks(client, org, kz):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def inbox_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("workflows:inbox")).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(org.lawyer)
    Route(org, make_case(by=org.lawyer, branch=org.almaty, title="One"), kz).advance_to(
        "primary_aid"
    )
    one = inbox_queries()
    for title in ("Two", "Three", "Four"):
        Route(org, make_case(by=org.lawyer, branch=org.almaty, title=title), kz).advance_to(
            "primary_aid"
        )
    assert worklists.inbox(org.lawyer).count() == 4
    assert inbox_queries() == one


def test_admin_lists_processes_read_only_and_hides_viewflow_task_admin(client, route, org):
    from tests.conftest import make_user

    root = make_user(
        "root", role="administrator", branch=org.almaty, is_staff=True, is_superuser=True
    )
    client.force_login(root)
    page = client.get("/admin/workflows/caseprocess/")
    assert page.status_code == 200
    assert route.case.reference in page.content.decode()
    assert client.get("/admin/viewflow/task/").status_code == 404
