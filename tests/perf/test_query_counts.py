"""Every list and case page makes the same number of queries at two data sizes (issue 13).

The bench seed grows the world from a few cases to many more, with grants, processes and open
tasks; each page is measured for a lawyer, a supervisor and a branch head at both sizes.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

from casework.models import Case
from workflows import worklists

LIST_PAGES = ["/cases/", "/workflow/inbox/", "/workflow/queue/", "/workflow/archive/"]
LIST_LIMIT = 12
# The target. An identity read appends to the access log (chain head, insert, reading
# alert; PostgreSQL adds its advisory lock), so the overview has little slack.
CASE_LIMIT = 20


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def _grow(cases: int) -> None:
    call_command("bench_seed", cases=cases, stdout=io.StringIO())


def _measure(client, org) -> dict[tuple[str, str], int]:
    counts = {}
    case = (
        Case.objects.filter(reference__startswith="BENCH-", responsible_lawyer=org.lawyer)
        .order_by("pk")
        .first()
    )
    for user in (org.lawyer, org.supervisor, org.branch_head):
        client.force_login(user)
        pages = [*LIST_PAGES, f"/cases/{case.reference}/"]
        if user != org.lawyer:
            pages.append("/workflow/workload/")
        for path in pages:
            counts[(user.username, path)] = _count(client, path)
    return counts


@pytest.mark.django_db
def test_pages_make_the_same_number_of_queries_at_two_sizes(client, org):
    _grow(40)  # enough that every list has rows at the small size too
    small = _measure(client, org)
    _grow(160)
    large = _measure(client, org)
    assert large == small
    for (username, path), n in large.items():
        limit = CASE_LIMIT if path.startswith("/cases/BENCH") else LIST_LIMIT
        assert n <= limit, (username, path, n)


@pytest.mark.django_db
def test_queue_lists_what_the_task_page_lets_each_user_take(client, org):
    """The SQL queue agrees with the task page's own rule (CaseTask.can_assign) task by task."""
    _grow(40)
    for user in (org.lawyer, org.other_lawyer, org.supervisor, org.branch_head, org.analyst):
        listed = set(worklists.queue(user).values_list("pk", flat=True))
        expected = {
            task.pk
            for task in Task.objects.filter(status="NEW", flow_task_type="HUMAN")
            if task.flow_task.can_assign(user, task)
        }
        assert listed == expected, user.username
