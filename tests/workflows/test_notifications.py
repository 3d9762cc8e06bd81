"""The route tells people what they must act on (notifications.services.notify)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from casework.models import Role
from communications import services as communication_services
from notifications.models import Kind, Notification
from tests.conftest import make_user
from workflows import services

from .conftest import Route

D = dt.date


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_assigning_a_task_tells_the_assignee_and_reassigning_tells_the_previous_one(route, org):
    second = make_user("lawyer2", role=Role.LAWYER, branch=org.almaty)
    route.advance_to("draft_communication")
    task = route.task("draft_communication")
    services.task_assign(task=task, to=second, by=org.supervisor, grant_access=True)
    assert Kind.TASK_ASSIGNED in kinds_of(second)
    assert Kind.TASK_REASSIGNED_AWAY in kinds_of(org.lawyer)
    assert Kind.ACCESS_GRANTED in kinds_of(second)


def test_a_finished_draft_asks_the_supervisors_for_approval(route, org):
    route.advance_to("approve_submission")
    [notification] = Notification.objects.filter(
        recipient=org.supervisor, kind=Kind.APPROVAL_REQUESTED
    )
    assert notification.reference == route.case.reference


def test_a_returned_draft_tells_the_drafter(route, org):
    route.advance_to("approve_submission")
    route.do("approve_submission", {"decision": "return", "comments": "Add the dates."})
    [notification] = Notification.objects.filter(recipient=org.lawyer, kind=Kind.DRAFT_RETURNED)
    assert notification.reference == route.case.reference


def test_interim_measures_granted_tell_the_team(route, org):
    route.advance_to("register")  # submitted: the communication exists
    request = communication_services.interim_request_open(
        case=route.case,
        by=org.supervisor,
        state=route.case.communication.state,
        grounds="extradition",
        explanation="Extradition within days.",
    )
    sent = timezone.now()
    request = communication_services.interim_request_sent(
        request=request, by=org.supervisor, sent_at=sent, channel="email"
    )
    assert Kind.INTERIM_MEASURES_GRANTED not in kinds_of(org.lawyer)
    communication_services.interim_request_response(
        request=request,
        by=org.supervisor,
        response="granted",
        response_on=timezone.localdate(),
    )
    assert Kind.INTERIM_MEASURES_GRANTED in kinds_of(org.lawyer)


def test_choosing_the_responsible_lawyer_tells_them_of_their_first_task(org, case, kz):
    second = make_user("lawyer3", role=Role.LAWYER, branch=org.almaty)
    route = Route(org, case, kz)
    route.do("screen")
    route.do("assign", {"lawyer": second.pk})
    assert Kind.TASK_ASSIGNED in kinds_of(second)
