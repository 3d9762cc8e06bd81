"""Four eyes on the submission: whoever drafted (or last changed) it may not approve it.

The attack (security review, item 7): a supervisor reassigns the drafting task to himself,
completes it and approves his own submission. Tested through the flow, as the pages do it.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.models import Role
from casework.selectors import can_view_identity
from casework.services import grant_case_access
from communications import selectors as communication_selectors
from communications import services as communication_services
from communications.models import Communication, SubmissionReview
from communications.package import PackageRefused
from tests.conftest import make_user
from workflows import services
from workflows.selectors import task_url

from .conftest import open_node_names


def drafting_needs_identity(route, user) -> None:
    """Drafting builds the draft package, which carries names: the drafter must see them."""
    grant_case_access(
        case=route.case, user=user, perms=["view_case_identity"], by=None, reason="drafting"
    )


def test_a_supervisor_who_drafted_cannot_approve_his_own_submission(route, org):
    route.advance_to("draft_communication")
    task = route.task("draft_communication")
    services.task_assign(task=task, to=org.supervisor, by=org.supervisor, grant_access=True)
    drafting_needs_identity(route, org.supervisor)
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
    drafting_needs_identity(route, org.supervisor)
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
        communication=Communication.objects.get(case=route.case),
        data={"facts": "Edited by the supervisor."},
    )
    with pytest.raises(ValidationError, match="four eyes"):
        route.do("approve_submission", {"decision": "approve"}, by=org.supervisor)


def test_returning_a_draft_is_not_blocked_by_four_eyes(route, org):
    route.advance_to("draft_communication")
    task = route.task("draft_communication")
    services.task_assign(task=task, to=org.supervisor, by=org.supervisor, grant_access=True)
    drafting_needs_identity(route, org.supervisor)
    route.do("draft_communication", by=org.supervisor)
    route.do(
        "approve_submission", {"decision": "return", "comments": "Redo it."}, by=org.supervisor
    )
    assert open_node_names(route.process) == {"draft_communication"}


def test_drafting_refuses_with_the_packages_problems_while_it_cannot_be_built(route, org):
    route.advance_to("draft_communication")
    # The case file has no communication yet: the same refusal as the Communication page.
    task = route.task("draft_communication")
    with pytest.raises(ValidationError, match="record the State party first"):
        services.complete_task(task=task, by=org.lawyer, data={"ready": "on"})
    route.refresh()
    assert open_node_names(route.process) == {"draft_communication"}


def test_approval_records_the_exact_draft_and_a_newer_draft_must_be_reviewed(route, org):
    route.advance_to("approve_submission")
    first = communication_selectors.latest_draft_package(route.case)
    assert first is not None and not first.is_final
    newer, _ = communication_services.build_hrc_package(case=route.case, by=org.lawyer)
    with pytest.raises(ValidationError, match="newer draft"):
        route.do("approve_submission", {"decision": "approve", "filing": first.pk})
    route.do("approve_submission", {"decision": "approve", "filing": newer.pk})
    assert SubmissionReview.objects.get(case=route.case).filing == newer


def test_submission_needs_the_final_package_built_after_the_approval(route, org):
    route.advance_to("submit")
    task = route.task("submit")
    data = route.default_data("submit")
    data.pop("filing")
    with pytest.raises(ValidationError, match="Build the final package"):
        services.complete_task(task=task, by=org.lawyer, data=data)
    route.do("submit")
    communication = Communication.objects.get(case=route.case)
    assert communication.submitted_filing.is_final
    review = SubmissionReview.objects.get(case=route.case)
    assert communication.submitted_filing.generated_at >= review.reviewed_at
    assert communication_selectors.filing_fingerprint(
        communication.submitted_filing
    ) == communication_selectors.filing_fingerprint(review.filing)


def _change_after_approval(route, org) -> None:
    """The route at its submit step, then the lawyer rewrites the facts the supervisor approved."""
    route.advance_to("submit")
    communication_services.communication_save(
        case=route.case,
        by=org.lawyer,
        communication=Communication.objects.get(case=route.case),
        data={"facts": "Rewritten after the approval. " * 5},
    )


def test_a_change_after_approval_sends_the_communication_back_for_approval(route, org):
    _change_after_approval(route, org)
    with pytest.raises(PackageRefused, match="changed after the supervisor approved"):
        communication_services.build_hrc_package(case=route.case, by=org.lawyer, final=True)
    task = route.task("submit")
    data = {
        "state": route.kz.pk,
        "submitted_on": timezone.localdate().isoformat(),
        "channel": "email",
        "proof": route.proof().pk,
    }
    services.complete_task(task=task, by=org.lawyer, data=data)
    route.refresh()
    assert open_node_names(route.process) == {"approve_submission"}
    assert Communication.objects.get(case=route.case).submitted_on is None
    second = make_user("supervisor2", role=Role.SUPERVISOR, branch=org.almaty)
    route.do("approve_submission", by=second)
    route.do("submit")
    assert Communication.objects.get(case=route.case).submitted_on is not None


def test_a_supervisor_who_may_not_read_the_names_cannot_approve_the_draft(route, org):
    """The draft names the author and the victim: approving it unread is refused, with the way
    out; once the supervisor may see the identities, the same approval goes through."""
    reader = make_user("supervisor3", role=Role.SUPERVISOR, branch=org.almaty)
    route.advance_to("approve_submission")
    assert not can_view_identity(reader, route.case)
    with pytest.raises(ValidationError, match="you may not see their identity"):
        route.do("approve_submission", {"decision": "approve"}, by=reader, reads_names=False)
    assert not SubmissionReview.objects.filter(case=route.case).exists()
    grant_case_access(
        case=route.case, user=reader, perms=["view_case_identity"], by=None, reason="to approve"
    )
    route.do("approve_submission", {"decision": "approve"}, by=reader, reads_names=False)
    assert SubmissionReview.objects.get(case=route.case).reviewer == reader


def test_after_a_change_the_submit_page_says_so_and_sends_it_back_without_a_fake_submission(
    client, route, org
):
    """No date, channel or proof is asked for a submission that cannot happen: the page says
    the draft goes back for approval, and an empty form does exactly that."""
    _change_after_approval(route, org)
    task = route.task("submit")
    client.force_login(task.owner)
    page = client.get(task_url(task, "execute"))
    assert "sends it back for approval" in page.content.decode()
    answer = client.post(task_url(task, "execute"), {})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    route.refresh()
    assert open_node_names(route.process) == {"approve_submission"}
    assert Communication.objects.get(case=route.case).submitted_on is None
