"""Four eyes on the submission: whoever drafted (or last changed) it may not approve it.

The attack (security review, item 7): a supervisor reassigns the drafting task to himself,
completes it and approves his own submission. Tested through the flow, as the pages do it.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from casework.models import Role
from communications import selectors as communication_selectors
from communications import services as communication_services
from communications.models import Communication, SubmissionReview
from tests.conftest import make_user
from workflows import services

from .conftest import open_node_names


def test_a_supervisor_who_drafted_cannot_approve_his_own_submission(route, org):
    route.advance_to("draft_communication")
    task = route.task("draft_communication")
    services.task_assign(task=task, to=org.supervisor, by=org.supervisor, grant_access=True)
    route.do("draft_communication", by=org.supervisor)
    assert route.process.drafted_by == org.supervisor

    with pytest.raises(ValidationError, match="four eyes"):
        route.do("approve_submission", {"decision": "approve"}, by=org.supervisor)
    route.refresh()
    assert open_node_names(route.process) == {"approve_submission"}
    assert not SubmissionReview.objects.filter(case=route.case).exists()
    assert communication_selectors.submission_approved(route.case) is False


def test_another_supervisor_approves_and_the_approval_records_who(route, org):
    second = make_user("supervisor2", role=Role.SUPERVISOR, branch=org.almaty)
    route.advance_to("draft_communication")
    task = route.task("draft_communication")
    services.task_assign(task=task, to=org.supervisor, by=org.supervisor, grant_access=True)
    route.do("draft_communication", by=org.supervisor)

    route.do("approve_submission", {"decision": "approve"}, by=second)
    review = SubmissionReview.objects.get(case=route.case)
    assert (review.reviewer, review.drafted_by, review.decision) == (
        second,
        org.supervisor,
        "approve",
    )
    assert communication_selectors.submission_approved(route.case) is True


def test_the_last_editor_of_the_communication_cannot_approve_it(route, org):
    route.advance_to("approve_submission")  # drafted by the lawyer
    communication_services.communication_save(
        case=route.case,
        by=org.supervisor,
        communication=None,
        data={"state": route.kz, "facts": "Edited by the supervisor."},
    )
    assert Communication.objects.filter(case=route.case).exists()
    with pytest.raises(ValidationError, match="four eyes"):
        route.do("approve_submission", {"decision": "approve"}, by=org.supervisor)


def test_returning_a_draft_is_not_blocked_by_four_eyes(route, org):
    route.advance_to("draft_communication")
    task = route.task("draft_communication")
    services.task_assign(task=task, to=org.supervisor, by=org.supervisor, grant_access=True)
    route.do("draft_communication", by=org.supervisor)
    route.do(
        "approve_submission", {"decision": "return", "comments": "Redo it."}, by=org.supervisor
    )
    assert open_node_names(route.process) == {"draft_communication"}
