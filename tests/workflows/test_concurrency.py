"""Two people completing the same task at the same moment: exactly one wins (PostgreSQL).

Each thread has its own database connection; the flow's select_for_update lock serialises them,
and the second finds the task done and is told so instead of completing it twice.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from viewflow.workflow.status import STATUS

from workflows.flows import LitigationFlow
from workflows.selectors import task_url

from .conftest import messages_of


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_completion_succeeds_once(route, org):
    route.advance_to("primary_aid")
    task = route.task("primary_aid")
    url = task_url(task, "execute")
    data = {"_action": "complete", "outcome": "litigate"}
    barrier = threading.Barrier(2)
    results: list[tuple[int, str, str]] = []

    def complete():
        try:
            client = Client()
            client.force_login(org.lawyer)
            barrier.wait(timeout=10)
            response = client.post(url, data)
            results.append((response.status_code, response.url, messages_of(response)))
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(results) == 2
    done = [r for r in results if "is done" in r[2]]
    refused = [r for r in results if "already completed" in r[2]]
    assert len(done) == 1, results
    assert len(refused) == 1, results
    task.refresh_from_db()
    assert task.status == STATUS.DONE
    assert route.process.task_set.filter(flow_task=task.flow_task).count() == 1
    assert route.case.proceedings.count() == 0
    assert route.process.task_set.filter(flow_task=LitigationFlow.file_proceeding).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_supervisors_taking_the_same_task_at_once_one_gets_it(route, org):
    from tests.conftest import make_user

    second = make_user("supervisor2", role="supervisor", branch=org.almaty)
    task = route.task("screen")
    url = task_url(task, "assign")
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def take(user):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            response = client.post(url, {})
            results[user.username] = messages_of(response)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(u,)) for u in (org.supervisor, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED
    winner = task.owner.username
    loser = next(name for name in results if name != winner)
    assert "The task is yours." in results[winner]
    assert f"is assigned to {task.owner}" in results[loser]
