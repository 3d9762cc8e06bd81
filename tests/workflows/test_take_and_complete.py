"""A supervisor who opens a queued task decides it in one step (issue 12): the take page shows the
task's own form and "take and complete" records it; a refused form takes nothing."""

from __future__ import annotations

from viewflow.workflow.status import STATUS

from workflows.selectors import task_url

from .conftest import open_task


def test_the_take_page_shows_the_screening_and_completes_it_in_one_click(client, route, org):
    route.advance_to("screen")
    task = open_task(route.process, "screen")
    client.force_login(org.supervisor)
    page = client.get(task_url(task, "assign")).content.decode()
    assert "Take and complete the task" in page
    assert "Facts" in page  # what the supervisor decides on, on the same page
    assert 'name="decision"' in page
    response = client.post(
        task_url(task, "assign"),
        {**route.default_data("screen"), "_take_and_complete": "1"},
    )
    assert response.status_code == 302
    assert response.url == route.case.get_absolute_url()
    task.refresh_from_db()
    assert (task.status, task.owner) == (STATUS.DONE, org.supervisor)
    assert open_task(route.process, "assign") is not None


def test_assignment_in_one_click_shows_each_lawyers_workload(client, route, org):
    route.advance_to("assign")
    task = open_task(route.process, "assign")
    client.force_login(org.supervisor)
    page = client.get(task_url(task, "assign")).content.decode()
    assert "open tasks" in page  # each candidate with their open tasks and cases
    response = client.post(
        task_url(task, "assign"),
        {**route.default_data("assign"), "_take_and_complete": "1"},
    )
    assert response.status_code == 302
    route.case.refresh_from_db()
    assert route.case.responsible_lawyer == org.lawyer
    task.refresh_from_db()
    assert task.status == STATUS.DONE


def test_an_invalid_form_takes_nothing_and_says_why(client, route, org):
    route.advance_to("screen")
    task = open_task(route.process, "screen")
    client.force_login(org.supervisor)
    response = client.post(task_url(task, "assign"), {"_take_and_complete": "1"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    task.refresh_from_db()
    assert task.status == STATUS.NEW
    assert task.owner is None


def test_take_only_still_takes_without_completing(client, route, org):
    route.advance_to("screen")
    task = open_task(route.process, "screen")
    client.force_login(org.supervisor)
    response = client.post(task_url(task, "assign"), {"_take_only": "1"})
    assert response.status_code == 302
    assert response.url == task_url(task, "execute")
    task.refresh_from_db()
    assert (task.status, task.owner) == (STATUS.ASSIGNED, org.supervisor)


def test_someone_without_the_role_cannot_take_and_complete(client, route, org):
    route.advance_to("screen")
    task = open_task(route.process, "screen")
    client.force_login(org.other_lawyer)
    response = client.post(
        task_url(task, "assign"), {**route.default_data("screen"), "_take_and_complete": "1"}
    )
    assert response.status_code in (403, 404)
    task.refresh_from_db()
    assert task.status == STATUS.NEW
