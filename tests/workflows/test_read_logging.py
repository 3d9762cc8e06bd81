"""Task pages show their case: every rendering of one is a logged read, whatever the method."""

from __future__ import annotations

from django.urls import reverse

from casework.models import AccessAction, AccessLog


def test_an_invalid_post_to_a_task_page_is_logged(client, org, route):
    from casework.models import Confidentiality

    route.advance_to("primary_aid")
    route.case.confidentiality = Confidentiality.RESTRICTED
    route.case.save()
    task = route.task("primary_aid")
    url = reverse(
        "workflows:litigation:primary_aid:execute",
        kwargs={"process_pk": task.process_id, "task_pk": task.pk},
    )
    client.force_login(org.lawyer)
    response = client.post(url, {"action": "nonsense"})
    assert response.status_code == 200  # the form again, with its errors
    assert AccessLog.objects.filter(
        case=route.case, action=AccessAction.VIEW_CASE, object_repr="Primary legal aid"
    ).exists()
