"""Issue #11 rules of the admissibility check, at their boundary dates (pure function, no DB).

Rule 99(c) counted safely (ordinary remedies only; the earlier of the 5- and 3-year limits),
arguments for non-exhaustion (OP art. 5(2)(b)), which other procedures bar (OP art. 5(2)(a)),
counsel's authority, and the JSON parsing of the new fields.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from communications.admissibility import (
    AdmissibilityInputError,
    Counsel,
    ExhaustionArgument,
    OtherProcedure,
    Remedy,
    assess,
    delay_limits,
    parse_input,
)

from .test_admissibility import TABLE, D, decided, good, pending

PROSECUTOR_REFUSAL = decided("prosecutor", "2024-01-15")
SUPERVISORY = decided("supervisory_review", "2022-01-10")


def delay(data) -> tuple[str, str, dt.date | None]:
    result = assess(data, TABLE)
    check = result.check("delay")
    return check.status, check.reason, result.last_day_to_submit


# --- rule 99(c): extraordinary remedies never extend the limit ------------------------------


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        ("2026-09-13", "pass"),  # the day before the safe last day
        ("2026-09-14", "pass"),  # the safe last day: 5 years from the cassation ruling
        ("2026-09-15", "warn"),  # late by the ordinary count, in time by the supervisory one
        ("2027-01-10", "warn"),  # the last day counted from the supervisory review
        ("2027-01-11", "fail"),  # late by every count
    ],
)
def test_supervisory_review_never_extends_the_safe_last_day(submitted, expected):
    data = good(remedies=good().remedies + (SUPERVISORY,), submission_date=D(submitted))
    status, reason, last_day = delay(data)
    assert status == expected
    assert last_day == D("2026-09-14")
    if expected == "warn":
        assert "in time only if the committee counts the supervisory review" in reason.lower()


def test_prosecutors_refusal_makes_a_late_submission_only_arguably_timely():
    # The demo case of issue #11: cassation 14 Sep 2021, prosecutor's refusal 15 Jan 2024.
    data = good(remedies=good().remedies + (PROSECUTOR_REFUSAL,), submission_date=D("2026-12-01"))
    result = assess(data, TABLE)
    assert result.last_day_to_submit == D("2026-09-14")
    assert result.check("delay").status == "warn"
    assert "prosecutor" in result.check("delay").reason
    assert result.outcome == "at_risk"


def test_a_later_extraordinary_decision_is_named_even_when_in_time():
    data = good(remedies=good().remedies + (PROSECUTOR_REFUSAL,), submission_date=D("2026-03-01"))
    status, reason, last_day = delay(data)
    assert (status, last_day) == ("pass", D("2026-09-14"))
    assert "does not extend it" in reason


def test_justification_turns_a_late_submission_into_a_warning_beyond_every_count():
    data = good(
        remedies=good().remedies + (SUPERVISORY,),
        submission_date=D("2027-01-11"),
        delay_justification="The author was held incommunicado until 2026.",
    )
    status, reason, _last = delay(data)
    assert status == "warn"
    assert "justification" in reason


def test_extraordinary_count_from_29_february_ends_on_28_february():
    data = good(
        remedies=(
            decided("first_instance", "2019-10-01"),
            decided("appeal", "2019-12-02"),
            decided("cassation", "2020-02-29"),
            decided("supervisory_review", "2024-02-29"),
        ),
        submission_date=D("2025-02-28"),
    )
    assert delay(data)[0] == "pass"
    assert delay(replace(data, submission_date=D("2025-03-01")))[0] == "warn"
    assert delay(replace(data, submission_date=D("2029-02-28")))[0] == "warn"
    assert delay(replace(data, submission_date=D("2029-03-01")))[0] == "fail"
    assert delay_limits(data).extraordinary.last_day == D("2029-02-28")


def test_an_extraordinary_decision_before_the_ordinary_one_changes_nothing():
    data = good(remedies=(decided("prosecutor", "2020-01-01"),) + good().remedies)
    assert delay_limits(data).extraordinary is None
    assert assess(data, TABLE).last_day_to_submit == D("2026-09-14")


def test_without_any_ordinary_decision_the_only_decision_starts_the_limit():
    data = good(remedies=(decided("prosecutor", "2022-05-05"),), submission_date=D("2027-05-05"))
    status, _reason, last_day = delay(data)
    assert (status, last_day) == ("pass", D("2027-05-05"))
    assert delay(replace(data, submission_date=D("2027-05-06")))[0] == "fail"


# --- rule 99(c): both limits, the earlier is safe -------------------------------------------


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        ("2025-06-29", "pass"),
        ("2025-06-30", "pass"),  # 3 years from the conclusion: the earlier, safe limit
        ("2025-07-01", "warn"),  # in time only under the later (5-year) limit
        ("2026-09-14", "warn"),  # the 5-year limit's last day
        ("2026-09-15", "fail"),
    ],
)
def test_where_another_procedure_concluded_the_earlier_limit_is_safe(submitted, expected):
    data = good(
        other_procedures=(OtherProcedure("CAT", "concluded", D("2022-06-30"), "treaty_body"),),
        submission_date=D(submitted),
    )
    status, reason, last_day = delay(data)
    assert status == expected
    assert last_day == D("2025-06-30")
    # Both limits are stated in the reason.
    assert "2025-06-30" in reason and "2026-09-14" in reason


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        ("2026-09-14", "pass"),
        ("2026-09-15", "warn"),
        ("2027-02-28", "warn"),  # 3 years from 29 February 2024
        ("2027-03-01", "fail"),
    ],
)
def test_three_year_limit_ending_later_does_not_extend_the_safe_day(submitted, expected):
    data = good(
        other_procedures=(OtherProcedure("ECtHR", "concluded", D("2024-02-29"), "regional_court"),),
        submission_date=D(submitted),
    )
    status, _reason, last_day = delay(data)
    assert (status, last_day) == (expected, D("2026-09-14"))


def test_a_concluded_special_procedure_does_not_start_the_three_year_limit():
    data = good(
        other_procedures=(
            OtherProcedure("WGAD", "concluded", D("2022-06-30"), "special_procedure"),
        )
    )
    assert delay_limits(data).international is None
    assert assess(data, TABLE).last_day_to_submit == D("2026-09-14")


# --- exhaustion: arguments are not delay justifications --------------------------------------

ARGUED = ExhaustionArgument(
    "ineffective", "The appeal against extradition has no suspensive effect."
)


def test_pending_appeal_with_an_argument_warns():
    data = good(
        remedies=(decided("first_instance", "2021-03-03"), pending("appeal")),
        exhaustion_argument=ARGUED,
    )
    check = assess(data, TABLE).check("exhaustion")
    assert check.status == "warn"
    assert "ineffective" in check.reason


def test_missing_appeal_with_an_argument_warns():
    data = good(
        remedies=(decided("first_instance", "2021-03-03"),),
        exhaustion_argument=ExhaustionArgument("unavailable", "No appeal lies against it."),
    )
    assert assess(data, TABLE).check("exhaustion").status == "warn"


def test_not_filed_appeal_with_prolongation_argued_warns():
    data = good(
        remedies=(decided("first_instance", "2021-03-03"), Remedy("appeal", None, "not_filed")),
        exhaustion_argument=ExhaustionArgument("unreasonably_prolonged", "Four years pending."),
    )
    assert assess(data, TABLE).check("exhaustion").status == "warn"


def test_an_argument_without_explanation_does_not_count():
    data = good(
        remedies=(decided("first_instance", "2021-03-03"), pending("appeal")),
        exhaustion_argument=ExhaustionArgument("ineffective", "   "),
    )
    check = assess(data, TABLE).check("exhaustion")
    assert check.status == "fail"
    assert "no explanation" in check.reason


def test_no_argument_keeps_a_missing_instance_failing():
    data = good(remedies=(decided("first_instance", "2021-03-03"),), exhaustion_argument=None)
    assert assess(data, TABLE).check("exhaustion").status == "fail"


def test_an_argument_is_named_when_cassation_was_not_filed():
    data = good(remedies=good().remedies[:2], exhaustion_argument=ARGUED)
    check = assess(data, TABLE).check("exhaustion")
    assert check.status == "warn"
    assert "ineffective" in check.reason


def test_an_argument_does_not_touch_the_time_limit():
    data = good(submission_date=D("2026-09-15"), exhaustion_argument=ARGUED)
    assert delay(data)[0] == "fail"


# --- other procedures: which bar -------------------------------------------------------------


def test_pending_before_a_special_procedure_passes_with_a_note():
    data = good(other_procedures=(OtherProcedure("WGAD", "pending", None, "special_procedure"),))
    check = assess(data, TABLE).check("other_procedure")
    assert check.status == "pass"
    assert "special procedures of the Human Rights Council" in check.reason
    assert check.source == "OP art. 5(2)(a)"


@pytest.mark.parametrize("kind", ["treaty_body", "regional_court", "other"])
def test_pending_before_a_treaty_body_a_regional_court_or_other_fails(kind):
    data = good(other_procedures=(OtherProcedure("Some body", "pending", None, kind),))
    assert assess(data, TABLE).check("other_procedure").status == "fail"


def test_a_barring_procedure_fails_even_beside_a_special_procedure():
    data = good(
        other_procedures=(
            OtherProcedure("WGAD", "pending", None, "special_procedure"),
            OtherProcedure("CAT", "pending", None, "treaty_body"),
        )
    )
    check = assess(data, TABLE).check("other_procedure")
    assert check.status == "fail"
    assert "CAT" in check.reason


# --- counsel's authority --------------------------------------------------------------------


def test_counsel_with_the_victims_signed_authorisation_passes():
    data = good(counsel=Counsel("signed"))
    assert assess(data, TABLE).check("authorization").status == "pass"


def test_counsel_without_authorisation_warns_and_says_why():
    data = good(counsel=Counsel("none"))
    check = assess(data, TABLE).check("authorization")
    assert check.status == "warn"
    assert "Petitions Team" in check.reason


def test_victim_without_counsel_needs_no_authorisation():
    assert assess(good(counsel=None), TABLE).check("authorization").status == "pass"


# --- names and JSON -------------------------------------------------------------------------


def test_checks_have_names_but_keep_their_codes():
    result = assess(good(), TABLE)
    check = result.check("ratione_temporis")
    assert check.name == "Competence in time"
    assert result.as_dict()["checks"][1]["id"] == "ratione_temporis"


VALID = {
    "state": "KZ",
    "submission_date": "2026-03-01",
    "author": {"is_victim": True, "authorization": "none", "anonymous": False},
    "events": [{"date": "2021-03-02", "continuing": False}],
    "remedies": [
        {"instance": "first_instance", "decided_on": "2021-03-03", "status": "decided"},
        {"instance": "appeal", "decided_on": None, "status": "pending"},
    ],
    "other_procedures": [
        {"body": "WGAD", "status": "pending", "concluded_on": None, "kind": "special_procedure"}
    ],
    "delay_justification": None,
    "exhaustion_argument": {"basis": "unreasonably_prolonged", "explanation": "Five years."},
    "counsel": {"authorization": "none"},
}


def test_parses_the_extended_input():
    data = parse_input(json.loads(json.dumps(VALID)))
    assert data.exhaustion_argument == ExhaustionArgument("unreasonably_prolonged", "Five years.")
    assert data.counsel == Counsel("none")
    assert data.other_procedures[0].kind == "special_procedure"


def test_old_inputs_without_the_new_fields_still_parse():
    old = {k: v for k, v in VALID.items() if k not in ("exhaustion_argument", "counsel")}
    old["other_procedures"] = [{"body": "WGAD", "status": "pending", "concluded_on": None}]
    data = parse_input(old)
    assert data.exhaustion_argument is None and data.counsel is None
    assert data.other_procedures[0].kind == "other"


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("exhaustion_argument",), "yes", "exhaustion_argument"),
        (("exhaustion_argument", "basis"), "exhausted", "exhaustion_argument.basis"),
        (("exhaustion_argument", "explanation"), 5, "exhaustion_argument.explanation"),
        (("counsel",), True, "counsel"),
        (("counsel", "authorization"), "justified", "counsel.authorization"),
        (("other_procedures", 0, "kind"), "un", "other_procedures[0].kind"),
    ],
)
def test_bad_new_fields_are_refused_naming_the_field(path, value, field):
    data = json.loads(json.dumps(VALID))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(AdmissibilityInputError) as error:
        parse_input(data)
    assert error.value.field == field


def test_unknown_field_inside_the_argument_is_refused():
    data = json.loads(json.dumps(VALID))
    data["exhaustion_argument"]["why"] = "x"
    with pytest.raises(AdmissibilityInputError) as error:
        parse_input(data)
    assert error.value.field == "exhaustion_argument.why"
