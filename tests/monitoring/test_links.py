"""Linking a register recommendation to cases and Views' remedies, from its page."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse
from simple_history.utils import get_history_manager_for_model

from monitoring import services
from tests.monitoring.test_register import add


def _links(client, rec, **data):
    # Followed to the recommendation's page, which shows (and so uses up) the messages.
    return client.post(reverse("monitoring:recommendation_links", args=[rec.pk]), data, follow=True)


def _said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_supervisor_links_a_case_by_its_reference_and_removes_the_link(client, org, case):
    rec = add(org.analyst)
    client.force_login(org.supervisor)
    page = client.get(reverse("monitoring:recommendation", args=[rec.pk])).content.decode()
    assert 'name="reference"' in page  # the form is on the recommendation's page
    answer = _links(client, rec, action="add_case", reference=f"  {case.reference.lower()} ")
    assert answer.redirect_chain and "Links saved" in _said(answer)
    assert list(rec.related_cases.all()) == [case]
    history = get_history_manager_for_model(type(rec)).filter(id=rec.pk).order_by("-history_id")
    assert history.first().history_user == org.supervisor
    assert case.reference not in (history.first().history_change_reason or "")
    _links(client, rec, action="remove_case", case_id=case.pk)
    assert not rec.related_cases.exists()


def test_an_unknown_reference_and_a_hidden_case_get_the_same_answer(client, org, secret_case):
    rec = add(org.analyst)
    client.force_login(org.supervisor)
    hidden = _said(_links(client, rec, action="add_case", reference=secret_case.reference))
    unknown = _said(_links(client, rec, action="add_case", reference="KIBHR-1999-9999"))
    assert hidden.replace(secret_case.reference, "X") == unknown.replace("KIBHR-1999-9999", "X")
    assert "No case you may open" in hidden
    assert not rec.related_cases.exists()
    assert _said(_links(client, rec, action="add_case", reference=""))  # a message, no 500


def test_removing_cannot_touch_a_link_to_a_case_the_editor_may_not_open(
    client, org, case, secret_case
):  # noqa: E501
    rec = add(org.analyst)
    rec.related_cases.set([case, secret_case])
    client.force_login(org.supervisor)
    said = _said(_links(client, rec, action="remove_case", case_id=secret_case.pk))
    assert "not there any more" in said
    assert set(rec.related_cases.all()) == {case, secret_case}
    page = client.get(reverse("monitoring:recommendation", args=[rec.pk])).content.decode()
    assert secret_case.reference not in page


def test_a_views_remedy_of_a_visible_case_is_linked_and_unlinked(client, org, case):
    rec = add(org.analyst)
    remedy = services.remedy_add(
        case=case, by=org.lawyer, title="Compensation", remedy_kind="compensation"
    )
    client.force_login(org.lawyer)  # the lawyer sees the case but does not edit the register
    assert _links(client, rec, action="add_remedy", remedy=remedy.pk).status_code == 404
    client.force_login(org.supervisor)
    page = client.get(reverse("monitoring:recommendation", args=[rec.pk])).content.decode()
    assert f'<option value="{remedy.pk}"' in page
    _links(client, rec, action="add_remedy", remedy=remedy.pk)
    assert list(rec.related_remedies.all()) == [remedy]
    _links(client, rec, action="remove_remedy", remedy=remedy.pk)
    assert not rec.related_remedies.exists()


def test_an_analyst_sees_no_case_and_so_links_none(client, org, case):
    rec = add(org.analyst)
    client.force_login(org.analyst)
    said = _said(_links(client, rec, action="add_case", reference=case.reference))
    assert "No case you may open" in said
    assert not rec.related_cases.exists()


def test_the_links_page_answers_only_post(client, org):
    rec = add(org.analyst)
    client.force_login(org.supervisor)
    assert client.get(reverse("monitoring:recommendation_links", args=[rec.pk])).status_code == 405
