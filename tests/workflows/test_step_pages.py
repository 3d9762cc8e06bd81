"""The pages where a supervisor decides show what the decision needs."""

from __future__ import annotations

import shutil

from django.urls import reverse

from casework.services import case_assign_lawyer, grant_case_access
from communications import selectors as communication_selectors
from workflows.forms import AssignForm
from workflows.models import CaseProcess
from workflows.selectors import task_url

from .test_http import _intake_data, _post


def test_screening_shows_facts_parties_masked_violations_consent_and_conflicts(client, org, kz):
    client.force_login(org.lawyer)
    _post(client, reverse("workflows:litigation:intake:execute"), _intake_data(org))
    process = CaseProcess.objects.get()
    task = process.task_set.get(flow_task_type="HUMAN")
    client.force_login(org.supervisor)
    _post(client, task_url(task, "assign"), {})
    body = client.get(task_url(task, "execute")).content.decode()
    case = process.case
    assert case.summary[:30] in body
    assert "Serikov" not in body  # the supervisor may not see identities here
    assert "Alleged violations" in body
    assert "No consent recorded." not in body
    assert "conflict check: 0 matching case(s)" in body


def test_approval_shows_the_exact_draft_with_preview_and_self_check(client, route, org):
    route.advance_to("approve_submission")
    draft = communication_selectors.latest_draft_package(route.case)
    task = route.task("approve_submission")
    client.force_login(org.supervisor)
    _post(client, task_url(task, "assign"), {})
    download = reverse("cases:filing_download", args=[route.case.reference, draft.pk])
    body = client.get(task_url(task, "execute")).content.decode()
    # The draft names people: without the identity permission, its pages are not shown.
    assert draft.sha256 in body and download not in body
    assert "Approving what you cannot read is refused" in body
    grant_case_access(
        case=route.case, user=org.supervisor, perms=["view_case_identity"], by=None, reason="t"
    )
    body = client.get(task_url(task, "execute")).content.decode()
    assert download in body
    assert f'name="filing" value="{draft.pk}"' in body
    assert "Admissibility self-check" in body
    if shutil.which("pdftoppm"):
        preview = reverse("cases:filing_preview", args=[route.case.reference, draft.pk, 1])
        assert preview in body


def test_assignment_shows_each_candidates_open_tasks_and_cases(org, case):
    case_assign_lawyer(case=case, lawyer=org.lawyer, team=(), by=org.supervisor)
    form = AssignForm(case=case, user=org.supervisor)
    labels = {
        user.pk: form.fields["lawyer"].label_from_instance(user)
        for user in form.fields["lawyer"].queryset
    }
    assert labels[org.lawyer.pk].endswith("open tasks: 0, open cases: 1")
    assert labels[org.other_lawyer.pk].endswith("open tasks: 0, open cases: 0")
