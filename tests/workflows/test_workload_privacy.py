"""The workload tells a supervisor nothing about cases he cannot open (security review, item 13).

It counted every open task per lawyer and step, and per branch, and the page of one lawyer's
tasks said how many more were "on cases you cannot open": a secret case at "interim measures"
showed up as a number.
"""

from __future__ import annotations

from django.urls import reverse

from casework.models import Confidentiality, Role
from casework.selectors import CASE_PERMISSIONS
from casework.services import grant_case_access
from tests.conftest import make_case, make_user
from workflows import services, worklists


def _secret_case_on_the_route(org):
    secret = make_case(
        by=org.lawyer,
        branch=org.almaty,
        title="Secret case on the route",
        confidentiality=Confidentiality.SECRET,
    )
    services.start_flow_for_case(case=secret, by=org.lawyer)  # screening waits in the queue
    return secret


def test_workload_counts_only_tasks_on_cases_the_viewer_may_open(org, route):
    route.advance_to("primary_aid")  # a normal case: the lawyer holds its primary-aid task
    _secret_case_on_the_route(org)
    # The lawyer also holds a task on a secret case the supervisor cannot open.
    lawyer_load = {row.user: row for row in worklists.workload_by_lawyer(org.supervisor)}
    assert lawyer_load[org.lawyer].assigned == 1
    assert [title for title, _n in lawyer_load[org.lawyer].by_step] == ["Primary legal aid"]
    branches = {row.branch: row for row in worklists.workload_by_branch(org.supervisor)}
    assert branches["Almaty head office"].unassigned == 0  # the secret screening is not counted
    own = {row.branch: row for row in worklists.workload_by_branch(org.lawyer)}
    assert own["Almaty head office"].unassigned == 1  # the lawyer may open the secret case


def test_a_colleagues_task_page_does_not_count_hidden_tasks(client, org):
    secret = _secret_case_on_the_route(org)
    colleague = make_user("supervisor2", role=Role.SUPERVISOR, branch=org.almaty)
    grant_case_access(
        case=secret, user=colleague, perms=CASE_PERMISSIONS, by=org.lawyer, reason="Secret team"
    )
    task = secret.processes.get().task_set.filter(flow_task_type="HUMAN").get()
    services.task_assign(task=task, to=colleague, by=colleague)
    assert list(services.tasks_of(colleague)) == [task]
    client.force_login(org.supervisor)  # may not open the secret case
    page = client.get(reverse("workflows:lawyer_tasks", kwargs={"user_pk": colleague.pk}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "cannot open" not in body
    assert secret.reference not in body


def test_branch_head_sees_the_workload_of_their_branch_only(client, org, route):
    route.advance_to("primary_aid")  # an Almaty case: the Almaty lawyer holds its task
    almaty = {row.user for row in worklists.workload_by_lawyer(org.branch_head)}
    assert org.lawyer in almaty and org.other_lawyer not in almaty
    load = {row.user: row for row in worklists.workload_by_lawyer(org.branch_head)}
    assert load[org.lawyer].assigned == 1
    uralsk = {row.user: row for row in worklists.workload_by_lawyer(org.other_branch_head)}
    assert org.lawyer not in uralsk
    assert worklists.workload_by_branch(org.other_branch_head) == []

    client.force_login(org.branch_head)
    page = client.get(reverse("workflows:workload"))
    assert page.status_code == 200
    assert reverse("workflows:lawyer_tasks", args=[org.lawyer.pk]) not in page.content.decode()
    # Reassigning stays with those who manage the flow.
    assert client.get(reverse("workflows:lawyer_tasks", args=[org.lawyer.pk])).status_code == 404
