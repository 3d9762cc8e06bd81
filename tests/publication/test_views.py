"""The case's publication pages: a lawyer prepares, a supervisor approves, the lawyer publishes."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from casework import services as case_services
from casework.models import AuthorisationKind
from publication.models import SnapshotStatus

from .conftest import TEXTS, VICTIM


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_prepare_approve_and_publish_through_the_pages(org, case):
    lawyer, supervisor = _client(org.lawyer), _client(org.supervisor)
    base = f"/cases/{case.reference}/publication/"
    party = case_services.party_add(case=case, by=org.lawyer, role="victim", new_person=VICTIM)
    case_services.authorisation_record(
        case=case,
        by=org.lawyer,
        person=party.person,
        kind=AuthorisationKind.CONSENT_TO_PUBLISH,
        signed_on=dt.date(2026, 2, 1),
    )
    assert "Prepare a publication" in lawyer.get(base).content.decode()
    assert lawyer.post(base + "start/").status_code == 302
    form = {**TEXTS, "theme": case.theme_id, "article_numbers": []}
    assert lawyer.post(base + "edit/", form).status_code == 302
    page = supervisor.get(base).content.decode()
    assert "Approve this revision" in page and "Dispersal of a peaceful assembly" in page
    assert supervisor.post(base + "approve/").status_code == 302
    assert lawyer.post(base + "publish/").status_code == 302
    assert case.publication.snapshots.get().status == SnapshotStatus.LIVE
    assert "Published, version 1" in lawyer.get(base).content.decode()


def test_a_residue_in_the_form_is_shown_with_where_it_is(org, case):
    lawyer = _client(org.lawyer)
    base = f"/cases/{case.reference}/publication/"
    case_services.party_add(case=case, by=org.lawyer, role="victim", new_person=VICTIM)
    lawyer.post(base + "start/")
    form = {
        **TEXTS,
        "summary_en": "Ms Zhumabekova was fined.",
        "theme": case.theme_id,
        "article_numbers": [],
    }
    lawyer.post(base + "edit/", form)
    page = lawyer.get(base).content.decode()
    assert "The residue check found identifying details" in page
    assert "Summary (English)" in page


def test_a_branch_head_cannot_approve(org, case):
    lawyer, head = _client(org.lawyer), _client(org.branch_head)
    base = f"/cases/{case.reference}/publication/"
    lawyer.post(base + "start/")
    response = head.post(base + "approve/", follow=True)
    assert "Only a supervisor approves a publication." in response.content.decode()
    assert not case.publication.steps.filter(kind="approved").exists()


def test_a_bad_edit_keeps_the_input_and_says_why(org, case):
    lawyer = _client(org.lawyer)
    base = f"/cases/{case.reference}/publication/"
    lawyer.post(base + "start/")
    response = lawyer.post(base + "edit/", {"title_en": "Only a title", "theme": case.theme_id})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give both the title and the summary, or neither." in body
    assert "Only a title" in body
