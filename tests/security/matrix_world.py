"""The world the permission matrix runs in: two cases with one object of every kind each.

`own` is a normal case of the Almaty branch opened by `org.lawyer`; `restricted` is a
restricted case of the same branch, also opened by `org.lawyer`, that nobody else was granted.
Both carry a victim whose name must never reach anyone without "view identity" on that case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from casework import services
from casework.models import Case, Confidentiality, CovenantArticle
from tests.conftest import Org, make_case

VICTIM_NAMES = {"own": "Zhanargul Matrixova", "restricted": "Serikbol Hiddenov"}
CASE_TITLES = {"own": "Matrix dispersal of a rally", "restricted": "Matrix torture in custody"}


@dataclass
class Target:
    case: Case
    victim_name: str
    objects: dict[str, int] = field(default_factory=dict)


@dataclass
class World:
    org: Org
    targets: dict[str, Target]
    clients: dict = field(default_factory=dict)  # one logged-in test client per user, reused


def _objects_for(case: Case, org: Org, victim_name: str) -> dict[str, int]:
    lawyer = org.lawyer
    objects: dict[str, int] = {}
    party = services.party_add(
        case=case, by=lawyer, role="victim", new_person={"full_name": victim_name}
    )
    objects["party"] = party.pk
    objects["person"] = party.person_id
    objects["violation"] = services.violation_add(
        case=case, by=lawyer, article=CovenantArticle.objects.get(number=7)
    ).pk
    objects["proceeding"] = services.proceeding_record(
        case=case,
        by=lawyer,
        level="first_instance",
        body="Almalinsky district court of Almaty",
        filed_on=dt.date(2026, 2, 1),
    ).pk
    objects["authorisation"] = services.authorisation_record(
        case=case,
        by=lawyer,
        person=party.person,
        kind="power_of_attorney",
        signed_on=dt.date(2026, 1, 20),
    ).pk
    objects["activity"] = services.activity_add(
        case=case,
        by=lawyer,
        kind="note",
        text="Called the client.",
        occurred_on=dt.date(2026, 2, 2),
    ).pk
    from casework.documents import document_upload

    objects["document"] = document_upload(
        case=case,
        by=lawyer,
        uploaded=SimpleUploadedFile("decision.txt", b"The court decided.", "text/plain"),
        title="Court decision",
        kind="decision",
        language="ru",
        confidentiality=case.confidentiality,
    ).pk
    _optional_objects(case, org, objects)
    return objects


def _optional_objects(case: Case, org: Org, objects: dict[str, int]) -> None:
    """Objects of the other apps; each block is skipped only if that app is not installed."""
    lawyer = org.lawyer
    from publication import services as publication_services

    publication = publication_services.publication_start(case=case, by=lawyer)
    objects["publication_route"] = publication_services.route_step_save(
        publication=publication, by=lawyer, level="first_instance", body_en="District court"
    ).pk
    # One of each to edit, and a spare to delete (the matrix POSTs deletions before edits).
    objects["publication_route_spare"] = publication_services.route_step_save(
        publication=publication, by=lawyer, level="appeal", body_en="Regional court"
    ).pk
    for key in ("publication_document", "publication_document_spare"):
        objects[key] = publication_services.document_add(
            publication=publication,
            by=lawyer,
            source=None,
            title="Views",
            language="en",
            text="The Committee found a violation.",
        ).pk
    try:
        from deadlines.services import deadline_add_manual
    except ImportError:
        pass
    else:
        objects["deadline"] = deadline_add_manual(
            case=case, by=lawyer, title="Reply to the court", due_date=dt.date(2026, 12, 30)
        ).pk
    try:
        from communications import services as comms
        from communications.models import FilingKind, StateParty
    except ImportError:
        pass
    else:
        communication = comms.communication_save(
            case=case,
            by=lawyer,
            communication=None,
            data={"state": StateParty.objects.get(code="KZ")},
        )
        objects["event"] = comms.event_add(
            communication=communication,
            by=lawyer,
            data={"occurred_on": dt.date(2025, 5, 1), "description": "Beaten at the rally"},
        ).pk
        objects["procedure"] = comms.procedure_add(
            communication=communication,
            by=lawyer,
            data={"body": "Working Group on Arbitrary Detention", "status": "withdrawn"},
        ).pk
        from django.utils import timezone

        objects["filing"] = comms._save_filing(
            case=case,
            kind=FilingKind.choices[0][0],
            by=lawyer,
            body=b"%PDF-1.4 matrix",
            extension="pdf",
            language="ru",
            is_final=False,
            manifest={},
            generated_at=timezone.now(),
        ).pk
    from monitoring import services as monitoring
    from monitoring.models import Mechanism, Recommendation

    objects["remedy"] = monitoring.remedy_add(
        case=case, by=lawyer, title="Compensation", remedy_kind="compensation"
    ).pk
    objects["recommendation"] = monitoring.recommendation_save(
        recommendation=Recommendation(
            mechanism=Mechanism.objects.get(code="cat"),
            symbol=f"CAT/C/MATRIX/{case.pk}",
            paragraph="1",
            text_en="A register recommendation of the matrix world.",
        ),
        by=org.analyst,
    ).pk
    try:
        from security import contacts, incidents
        from security.models import ContactCategory, IncidentKind
    except ImportError:
        pass
    else:
        objects["office"] = case.branch_id
        objects["contact"] = contacts.contact_create(
            by=org.administrator,
            branch=case.branch,
            category=ContactCategory.LAWYER_ON_CALL,
            name="Demo: duty lawyer",
            phones="+7 700 000 00 00",
        ).pk
        party = case.parties.get(pk=objects["party"])
        incident = incidents.incident_open(
            by=org.administrator if case.confidentiality == "normal" else None,
            kind=IncidentKind.CLIENT_DETAINED,
            branch=case.branch,
            cases=[case],
            party=party,
            place="Matrix police station",
            description="Detained after the hearing.",
        )
        objects["incident"] = incident.pk
        objects["incident_step"] = incident.steps.first().pk
    try:
        from workflows import services as flows
    except ImportError:
        pass
    else:
        process = flows.start_flow_for_case(case=case, by=lawyer)
        task = process.task_set.exclude(flow_task_type="START").order_by("-pk").first()
        objects["process"] = process.pk
        objects["task"] = task.pk
        objects["task_node"] = task.flow_task.name
        # An urgent interim-measures request beside the route (its own flow, rule 94).
        from communications.models import StateParty
        from workflows.flows import InterimMeasuresFlow

        run = InterimMeasuresFlow.open_request.run(
            case=case,
            by=org.supervisor,
            data={
                "state": StateParty.objects.get(code="KZ"),
                "grounds": "extradition",
                "explanation": "Экстрадиция назначена на завтра.",
                "measures_sought": "Не выдавать автора до рассмотрения сообщения.",
            },
        )
        interim_task = run.task_set.filter(flow_task_type="HUMAN").get()
        objects["interim_process"] = run.pk
        objects["interim_task"] = interim_task.pk
        objects["interim_request"] = run.interim_request_id


def build_world(org: Org) -> World:
    targets = {}
    for key, confidentiality in (
        ("own", Confidentiality.NORMAL),
        ("restricted", Confidentiality.RESTRICTED),
    ):
        case = make_case(
            by=org.lawyer,
            branch=org.almaty,
            title=CASE_TITLES[key],
            confidentiality=confidentiality,
            summary="Facts of the matrix case.",
        )
        targets[key] = Target(
            case=case,
            victim_name=VICTIM_NAMES[key],
            objects=_objects_for(case, org, VICTIM_NAMES[key]),
        )
    return World(org=org, targets=targets)


def iter_url_names(patterns=None, namespace: str = "", prefix: str = ""):
    """(name, route) of every URL pattern, recursively; unnamed patterns by their route."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from iter_url_names(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else f"route:{route}"), route
