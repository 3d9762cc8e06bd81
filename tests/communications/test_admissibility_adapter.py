"""The ORM adapter feeds the issue #11 fields; the page shows check names; the demo case is late;
the command accepts the extended input and refuses bad values of the new fields."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from casework import services as case_services
from casework.models import AuthorisationKind, Instance, Outcome, ProcedureType, Proceeding, User
from communications import selectors
from communications.models import Communication, ExhaustionBasis, OtherProcedure

from .test_admissibility_rules_round2 import VALID

D = dt.date.fromisoformat


def _communication(case) -> Communication:
    return Communication.objects.get(case=case)


def test_recorded_exhaustion_basis_feeds_the_argument(org, ready_case):
    communication = _communication(ready_case)
    communication.exhaustion_basis = ExhaustionBasis.INEFFECTIVE
    communication.exhaustion_notes = "The appeal has no suspensive effect on extradition."
    communication.save()
    data = selectors.admissibility_input_for(ready_case, submission_date=D("2026-03-01"))
    assert data.exhaustion_argument.basis == "ineffective"
    assert data.exhaustion_argument.explanation.startswith("The appeal has no suspensive")


def test_exhausted_basis_is_no_argument(org, ready_case):
    communication = _communication(ready_case)
    communication.exhaustion_basis = ExhaustionBasis.EXHAUSTED
    communication.save()
    data = selectors.admissibility_input_for(ready_case, submission_date=D("2026-03-01"))
    assert data.exhaustion_argument is None


def test_other_procedure_kind_is_passed_on(org, ready_case):
    OtherProcedure.objects.create(
        communication=_communication(ready_case),
        body="Working Group on Arbitrary Detention",
        status="pending",
        kind="special_procedure",
    )
    assessment = selectors.assess_case(ready_case, submission_date=D("2026-03-01"))
    assert assessment.check("other_procedure").status == "pass"


def test_counsel_is_asked_for_the_victims_authorisation(org, ready_case):
    # ready_case: the victim is the client (author) and signed a Committee authorisation.
    on = D("2026-03-01")
    assert selectors.admissibility_input_for(
        ready_case, submission_date=on
    ).counsel.authorization == ("signed")
    ready_case.authorisations.filter(kind=AuthorisationKind.COMMITTEE_AUTHORISATION).update(
        withdrawn_on=D("2022-01-01")
    )
    assessment = selectors.assess_case(ready_case, submission_date=on)
    assert assessment.check("authorization").status == "warn"


def test_prosecutors_refusal_recorded_on_the_case_does_not_extend_the_limit(org, ready_case):
    case_services.save_audited(
        Proceeding(
            case=ready_case,
            level=Instance.PROSECUTOR,
            procedure_type=ProcedureType.ADMIN_OFFENCE,
            body="Prosecutor General's Office",
            filed_on=D("2023-11-02"),
            decided_on=D("2024-01-15"),
            outcome=Outcome.DISMISSED,
        ),
        by=org.lawyer,
    )
    assessment = selectors.assess_case(ready_case, submission_date=D("2026-12-01"))
    assert assessment.last_day_to_submit == D("2026-09-14")
    assert assessment.check("delay").status == "warn"
    assert assessment.outcome != "admissible"


def test_the_page_shows_check_names_not_codes(client, org, ready_case):
    client.force_login(org.lawyer)
    body = client.get(
        reverse("cases:communication", kwargs={"reference": ready_case.reference})
    ).content.decode()
    assert "Competence in time" in body
    assert ">ratione_temporis<" not in body


def test_procedure_kind_can_be_recorded_from_the_page(client, org, ready_case):
    client.force_login(org.lawyer)
    response = client.post(
        reverse("cases:procedure_add", kwargs={"reference": ready_case.reference}),
        {"body": "Special Rapporteur on torture", "status": "pending", "kind": "special_procedure"},
    )
    assert response.status_code == 302
    assert _communication(ready_case).other_procedures.get().kind == "special_procedure"


@pytest.mark.django_db
def test_demo_case_is_late_counted_from_the_cassation_ruling():
    """KIBHR-2021-0001 no longer reads "admissible, last day 2029-01-15" (issue #11)."""
    from demo import casework as case_demo
    from demo import communications as demo

    case_demo.seed_organisation(io.StringIO())
    spec = next(c for c in case_demo.CASES if c.reference == demo.DEMO_REFERENCE)
    case_demo.seed_case(spec, {u.username: u for u in User.objects.all()})
    demo.seed(io.StringIO())
    from casework.models import Case

    case = Case.objects.get(reference=demo.DEMO_REFERENCE)
    assert case.proceedings.filter(level=Instance.PROSECUTOR, decided_on__isnull=False).exists()
    assessment = selectors.assess_case(case, submission_date=D("2026-12-01"))
    assert assessment.last_day_to_submit == D("2026-09-14")
    assert assessment.outcome != "admissible"
    delay = assessment.check("delay")
    assert delay.status == "warn"
    assert "2026-09-14" in delay.reason and "2021-09-14" in delay.reason
    assert "2029-01-15" in delay.reason  # the prosecutor's count, named as not safe


# --- the command ------------------------------------------------------------------------------


def run(tmp_path, data) -> tuple[int, str, str]:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("assess_admissibility", str(path), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_command_accepts_the_extended_input(tmp_path):
    code, out, err = run(tmp_path, VALID)
    assert code == 0, err
    statuses = {c["id"]: c["status"] for c in json.loads(out)["checks"]}
    assert statuses["exhaustion"] == "warn"  # pending appeal, argued as prolonged
    assert statuses["other_procedure"] == "pass"  # special procedure
    assert statuses["authorization"] == "warn"  # counsel without authorisation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("exhaustion_argument", {"basis": "exhausted", "explanation": "x"}, "basis"),
        ("exhaustion_argument", {"basis": "ineffective"}, "exhaustion_argument.explanation"),
        ("counsel", {"authorization": "maybe"}, "counsel.authorization"),
        ("counsel", "yes", "counsel"),
    ],
)
def test_command_refuses_bad_new_fields_with_one_line(tmp_path, key, value, field):
    data = copy.deepcopy(VALID)
    data[key] = value
    code, out, err = run(tmp_path, data)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert field in err


@pytest.mark.django_db
def test_command_refuses_a_bad_procedure_kind(tmp_path):
    data = copy.deepcopy(VALID)
    data["other_procedures"][0]["kind"] = "ngo"
    code, _out, err = run(tmp_path, data)
    assert code == 2
    assert "other_procedures[0].kind" in err and len(err.strip().splitlines()) == 1
