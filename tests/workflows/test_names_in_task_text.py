"""Names typed into a step's free text are warned about and masked like the case file's
(security review, item 5): a supervisor's review comment or a screening reason is read by
colleagues who may not see identities, on the task pages and in the route's history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework.models import PartyRole, Person, Role
from casework.services import party_add
from tests.conftest import make_user
from workflows import selectors

VICTIM = "Saltanat Nurgaliyeva"


@pytest.fixture
def named_route(route, org):
    party_add(
        case=route.case,
        by=org.lawyer,
        role=PartyRole.VICTIM,
        person=Person.objects.create(full_name=VICTIM),
    )
    return route


def test_a_name_in_a_review_comment_needs_confirmation(named_route):
    named_route.advance_to("approve_submission")
    with pytest.raises(ValidationError, match="protects"):
        named_route.do(
            "approve_submission", {"decision": "return", "comments": "Ask Nurgaliyeva again."}
        )
    named_route.do(
        "approve_submission",
        {"decision": "return", "comments": "Ask Nurgaliyeva again.", "confirm_names": "on"},
    )
    assert named_route.process.review_comments == "Ask Nurgaliyeva again."


def test_the_name_is_masked_in_the_route_history_for_readers_without_the_grant(
    client, named_route, org
):
    named_route.advance_to("approve_submission")
    named_route.do(
        "approve_submission",
        {"decision": "return", "comments": "Ask Nurgaliyeva again.", "confirm_names": "on"},
    )
    reader = make_user("head2", role=Role.BRANCH_HEAD, branch=org.almaty)  # views, no identity
    client.force_login(reader)
    page = client.get(named_route.case.get_absolute_url()).content.decode()
    assert "Returned (round 1)" in page
    assert "Nurgaliyeva" not in page
    client.force_login(org.lawyer)  # holds the identity grant
    assert "Nurgaliyeva" in client.get(named_route.case.get_absolute_url()).content.decode()
    task = named_route.task("draft_communication")
    page = client.get(selectors.task_url(task, "execute")).content.decode()
    assert "Nurgaliyeva" in page
    client.force_login(org.supervisor)  # may act on the case, may not see identities
    assert "Nurgaliyeva" not in client.get(reverse("workflows:archive")).content.decode()
