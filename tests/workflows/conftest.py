"""Helpers that drive a case along the litigation flow programmatically.

`Route.advance_to(node)` completes every step on the happy path (through the same forms,
handlers and locks as the task pages) until a task of `node` is open, so a test can start at any
point of the route in a few lines.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from viewflow.workflow.status import STATUS

from casework.documents import document_upload
from casework.models import Case, CovenantArticle
from casework.services import grant_case_access, violation_add
from communications import selectors as communication_selectors
from communications import services as communication_services
from communications.models import Communication, StateParty
from demo.workflows import HAPPY_PATH, date_submission_papers
from monitoring.forms import round_form_data
from tests.communications.conftest import make_ready_case
from workflows import services
from workflows.flows import LitigationFlow
from workflows.models import CaseProcess

D = dt.date
# The day the routes of these tests send the communication (the story's dates run in 2026).
SUBMITTED_ON = D(2026, 6, 1)


def open_task(process: CaseProcess, node_name: str):
    return (
        process.task_set.filter(
            flow_task=getattr(LitigationFlow, node_name),
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        .order_by("-pk")
        .first()
    )


def messages_of(response) -> str:
    from django.contrib.messages import get_messages

    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def open_node_names(process: CaseProcess) -> set[str]:
    return {
        task.flow_task.name
        for task in process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
    }


class Route:
    """One case on the litigation route, with the people who work on it."""

    def __init__(self, org, case: Case, kz: StateParty):
        self.org, self.case, self.kz = org, case, kz
        self.process = services.start_flow_for_case(case=case, by=org.lawyer)
        self.instances: list[str] = []

    def refresh(self) -> CaseProcess:
        self.process = CaseProcess.objects.get(pk=self.process.pk)
        self.case.refresh_from_db()
        return self.process

    def task(self, node_name: str):
        return open_task(self.process, node_name)

    def do(self, node_name: str, data: dict | None = None, *, by=None, reads_names=True):
        """Complete the open task of `node_name` with `data` (defaults: the happy path).

        The approver must be able to read the draft's names; `reads_names` gives them the
        identity permission first, as a team page would (False: test the refusal)."""
        task = self.task(node_name)
        assert task is not None, f"no open {node_name} task; open: {open_node_names(self.process)}"
        user = by or task.owner or self.org.supervisor
        if task.status == STATUS.NEW:
            services.task_assign(task=task, to=user, by=self.org.supervisor)
            task.refresh_from_db()
        approving = (
            node_name == "approve_submission"
            and (data or {}).get("decision", "approve") == "approve"
        )
        if approving and reads_names:
            grant_case_access(
                case=self.case, user=user, perms=["view_case_identity"], by=None, reason="review"
            )
        if (
            node_name == "draft_communication"
            and not Communication.objects.filter(case=self.case).exists()
        ):
            # Drafting builds the draft package: the case file must hold what it needs.
            make_ready_case(self.case, self.org.lawyer, proceedings=False)
        payload = self.default_data(node_name)
        payload.update(data or {})
        if node_name == "record_decision" and not any(
            payload.get(k) for k in ("decision_document", "decision_existing", "decision_pending")
        ):
            # The step holds its work: the court's decision, as the lawyer received it.
            payload["decision_existing"] = self.decision_document().pk
        result = services.complete_task(task=task, by=user, data=payload)
        self.refresh()
        return result

    def default_data(self, node_name: str) -> dict:
        if node_name == "follow_up":
            return self.follow_up_data()
        org = self.org
        filed = {
            "first_instance": D(2026, 2, 2),
            "appeal": D(2026, 3, 2),
            "cassation": D(2026, 4, 1),
        }
        if node_name == "file_proceeding":
            level = self.process.next_instance or "first_instance"
            self.instances.append(level)
            return {
                "level": level,
                "procedure_type": "civil",
                "body": f"Court ({level})",
                "body_ru": f"Суд ({level})",
                "claims_raised": "19(2), 21",
                "covenant_invoked": "true",
                "filed_on": filed.get(level, D(2026, 2, 2)).isoformat(),
            }
        if node_name == "record_decision":
            filed_on = self.process.current_proceeding.filed_on
            return {
                "decided_on": (filed_on + dt.timedelta(days=14)).isoformat(),
                "outcome": "dismissed",
            }
        if node_name == "submit":
            return {
                "state": self.kz.pk,
                "submitted_on": SUBMITTED_ON.isoformat(),
                "channel": "email",
                "proof": self.proof().pk,
                "filing": self.final_package().pk,
            }
        if node_name == "approve_submission":
            draft = communication_selectors.latest_draft_package(self.case)
            return {"decision": "approve", "filing": draft.pk if draft else ""}
        return {
            "screen": {"decision": "strategic"},
            "assign": {"lawyer": org.lawyer.pk},
            "primary_aid": {"action": "complete", "outcome": "litigate"},
            "decide_next": {"next_step": "exhausted"},
            "argue_exhaustion": {"basis": "exhausted", "argument": "Cassation dismissed."},
            "confirm_exhaustion": {"confirmed": "yes"},
            "draft_communication": {"ready": "on"},
            "register": {
                "number": "4321/2026",
                "registered_on": "2026-07-01",
                "transmitted_on": "2026-07-03",
            },
            "interim_measures": {
                "requested_on": "2026-06-01",
                "granted": "on",
                "granted_on": "2026-06-05",
            },
            "state_observations": {"received_on": "2026-09-01"},
            "author_comments": {"sent_on": "2026-10-01"},
            "committee_decision": {
                "outcome": "views",
                "decided_on": "2026-11-02",
                "document_symbol": "CCPR/C/146/D/4321/2026",
                "violations_found": [str(v.pk) for v in self.case.violations.all()],
                "remedies_ordered": "Compensation; review of the conviction.",
            },
        }[node_name]

    def follow_up_data(self, **overrides) -> dict:
        """A follow-up round grading every remedy C (the first lists two remedies); by default
        the Committee closes the dialogue and the case closes, as on the happy path."""
        overrides.setdefault("dialogue", "closed_unsatisfactory")
        overrides.setdefault("concluded", "on")
        return round_form_data(
            self.case,
            assessed_on=overrides.pop("assessed_on", "2026-11-20"),
            grade=overrides.pop("grade", "C"),
            remedies=(("Compensation", "compensation"), ("Review of the conviction", "retrial")),
            **overrides,
        )

    def final_package(self):
        """The final package built after the approval (by the lawyer, as on the page)."""
        finals = communication_selectors.final_packages_after_approval(self.case)
        if finals.exists():
            return finals.first()
        filing, _result = communication_services.build_hrc_package(
            case=self.case, by=self.org.lawyer, final=True
        )
        # The route's story submits on SUBMITTED_ON: its papers are dated before that day.
        date_submission_papers(self.case, filing, sent_on=SUBMITTED_ON)
        filing.refresh_from_db()
        return filing

    def decision_document(self):
        """The decision of the proceeding waiting for one, as received from the court."""
        proceeding = self.process.current_proceeding
        return document_upload(
            case=self.case,
            by=self.org.lawyer,
            uploaded=SimpleUploadedFile("decision.txt", b"The complaint is dismissed.\n"),
            title=f"Decision of {proceeding.body}",
            kind="decision",
            language="en",
            confidentiality="normal",
        )

    def proof(self):
        doc = self.case.documents.filter(title="Proof of submission").first()
        if doc is None:
            doc = document_upload(
                case=self.case,
                by=self.org.lawyer,
                uploaded=SimpleUploadedFile("receipt.txt", b"Sent to petitions@ohchr.org\n"),
                title="Proof of submission",
                kind="correspondence",
                language="en",
                confidentiality="normal",
            )
        return doc

    def advance_to(self, node_name: str) -> None:
        """Complete happy-path steps until a task of `node_name` is open."""
        for step in HAPPY_PATH:
            if open_task(self.process, node_name) is not None:
                return
            if open_task(self.process, step) is not None:
                self.do(step)
        assert open_task(self.process, node_name) is not None, node_name


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Proofs of submission uploaded by these tests never land in the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def kz(db) -> StateParty:
    state, _ = StateParty.objects.get_or_create(
        code="KZ",
        defaults={"name": "Kazakhstan", "op_in_force_on": D(2009, 9, 30), "verified": True},
    )
    return state


@pytest.fixture
def route(org, case, kz) -> Route:
    violation_add(case=case, by=org.lawyer, article=CovenantArticle.objects.get(number=21))
    violation_add(case=case, by=org.lawyer, article=CovenantArticle.objects.get(number=19))
    return Route(org, case, kz)
