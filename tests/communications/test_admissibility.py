"""The admissibility self-check: every rule, with its boundary dates (pure function, no DB)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from communications.admissibility import (
    CHECK_IDS,
    AdmissibilityInput,
    Author,
    Event,
    OtherProcedure,
    Remedy,
    StatePartyDates,
    add_years,
    assess,
)

D = dt.date.fromisoformat
KZ_IN_FORCE = D("2009-09-30")
TABLE = {
    "KZ": StatePartyDates(in_force=KZ_IN_FORCE, ceased=None, verified=True),
    "KG": StatePartyDates(in_force=D("1995-01-07"), ceased=None, verified=False),
    "BY": StatePartyDates(in_force=D("1992-12-30"), ceased=D("2023-02-08"), verified=True),
}


def decided(instance: str, on: str) -> Remedy:
    return Remedy(instance=instance, decided_on=D(on), status="decided")


def pending(instance: str) -> Remedy:
    return Remedy(instance=instance, decided_on=None, status="pending")


def good(**changes) -> AdmissibilityInput:
    """An admissible communication: KZ, events after 2009, all instances decided, in time."""
    base = AdmissibilityInput(
        state="KZ",
        submission_date=D("2026-03-01"),
        author=Author(is_victim=True, authorization="none", anonymous=False),
        events=(Event(date=D("2021-03-02"), continuing=False),),
        remedies=(
            decided("first_instance", "2021-03-03"),
            decided("appeal", "2021-03-25"),
            decided("cassation", "2021-09-14"),
        ),
        other_procedures=(),
        delay_justification=None,
    )
    return replace(base, **changes)


def status(data: AdmissibilityInput, check: str, table=TABLE) -> str:
    return assess(data, table).check(check).status


def test_complete_case_is_admissible_with_every_check_in_order():
    result = assess(good(), TABLE)
    assert result.outcome == "admissible"
    assert [c.id for c in result.checks] == list(CHECK_IDS)
    assert all(c.source for c in result.checks)
    assert result.last_day_to_submit == D("2026-09-14")


# --- state party ---------------------------------------------------------------------------


def test_unknown_state_is_a_warning_never_a_pass():
    result = assess(good(state="XX"), TABLE)
    assert result.check("state_party").status == "warn"
    assert result.check("ratione_temporis").status == "warn"
    assert result.outcome == "at_risk"


def test_unverified_state_dates_warn():
    data = good(state="KG")
    assert status(data, "state_party") == "warn"


def test_submission_before_entry_into_force_fails():
    data = good(submission_date=D("2009-09-29"), events=(Event(D("2009-09-29"), False),))
    assert status(data, "state_party") == "fail"


def test_submission_on_entry_into_force_day_passes():
    data = good(submission_date=KZ_IN_FORCE)
    assert status(data, "state_party") == "pass"


def test_submission_the_day_before_denunciation_takes_effect_passes():
    data = good(state="BY", submission_date=D("2023-02-07"))
    assert status(data, "state_party") == "pass"


def test_submission_on_the_day_denunciation_takes_effect_fails():
    data = good(state="BY", submission_date=D("2023-02-08"))
    result = assess(data, TABLE)
    assert result.check("state_party").status == "fail"
    assert "12(2)" in result.check("state_party").source


def test_table_rows_may_be_plain_tuples():
    result = assess(good(), {"KZ": (KZ_IN_FORCE, None, True)})
    assert result.check("state_party").status == "pass"


# --- ratione temporis ----------------------------------------------------------------------


def test_event_on_entry_into_force_day_counts():
    assert status(good(events=(Event(KZ_IN_FORCE, False),)), "ratione_temporis") == "pass"


def test_event_the_day_before_entry_into_force_is_outside_competence():
    data = good(events=(Event(D("2009-09-29"), False),))
    result = assess(data, TABLE)
    assert result.check("ratione_temporis").status == "fail"
    assert result.outcome == "inadmissible"


def test_continuing_event_before_entry_into_force_counts():
    data = good(events=(Event(D("2008-05-01"), True),))
    assert status(data, "ratione_temporis") == "pass"


def test_some_events_before_entry_into_force_warn():
    data = good(events=(Event(D("2008-05-01"), False), Event(D("2010-01-01"), False)))
    assert status(data, "ratione_temporis") == "warn"


def test_no_events_recorded_warns():
    assert status(good(events=()), "ratione_temporis") == "warn"


def test_events_after_denunciation_do_not_count():
    data = good(
        state="BY", submission_date=D("2023-02-07"), events=(Event(D("2023-02-08"), False),)
    )
    assert status(data, "ratione_temporis") == "fail"


# --- victim, authorisation, anonymity ------------------------------------------------------


def test_author_who_is_the_victim_needs_no_authorisation():
    result = assess(good(), TABLE)
    assert result.check("victim").status == "pass"
    assert result.check("authorization").status == "pass"


def test_representative_with_signed_authorisation_passes():
    data = good(author=Author(is_victim=False, authorization="signed", anonymous=False))
    assert status(data, "victim") == "pass"
    assert status(data, "authorization") == "pass"


def test_justified_absence_of_authorisation_warns():
    data = good(author=Author(is_victim=False, authorization="justified", anonymous=False))
    assert status(data, "authorization") == "warn"
    assert assess(data, TABLE).check("authorization").source == "Rules of procedure rule 99(b)"


def test_no_authorisation_for_someone_else_fails_both_checks():
    data = good(author=Author(is_victim=False, authorization="none", anonymous=False))
    assert status(data, "victim") == "fail"
    assert status(data, "authorization") == "fail"


def test_anonymous_communication_fails():
    data = good(author=Author(is_victim=True, authorization="none", anonymous=True))
    result = assess(data, TABLE)
    assert result.check("anonymity").status == "fail"
    assert result.check("anonymity").source == "OP art. 3"


# --- exhaustion -----------------------------------------------------------------------------


def test_missing_appeal_fails_exhaustion():
    data = good(remedies=(decided("first_instance", "2021-03-03"),))
    assert status(data, "exhaustion") == "fail"


def test_not_filed_appeal_fails_exhaustion():
    data = good(
        remedies=(
            decided("first_instance", "2021-03-03"),
            Remedy("appeal", None, "not_filed"),
        )
    )
    assert status(data, "exhaustion") == "fail"


def test_pending_appeal_fails_without_justification():
    data = good(remedies=(decided("first_instance", "2021-03-03"), pending("appeal")))
    assert status(data, "exhaustion") == "fail"


def test_a_delay_justification_is_not_an_argument_for_non_exhaustion():
    # Issue #11: rule 99(c) justifications and OP art. 5(2)(b) arguments are different things.
    data = good(
        remedies=(decided("first_instance", "2021-03-03"), pending("appeal")),
        delay_justification="The appeal has been pending for four years.",
    )
    assert status(data, "exhaustion") == "fail"


def test_supervisory_review_and_prosecutor_are_never_required():
    data = good(
        remedies=(
            decided("first_instance", "2021-03-03"),
            decided("appeal", "2021-03-25"),
            decided("cassation", "2021-09-14"),
            pending("supervisory_review"),
            Remedy("prosecutor", None, "not_filed"),
        )
    )
    assert status(data, "exhaustion") == "pass"


def test_pending_cassation_warns():
    data = good(
        remedies=(
            decided("first_instance", "2021-03-03"),
            decided("appeal", "2021-03-25"),
            pending("cassation"),
        )
    )
    assert status(data, "exhaustion") == "warn"


def test_no_cassation_warns():
    data = good(remedies=(decided("first_instance", "2021-03-03"), decided("appeal", "2021-03-25")))
    assert status(data, "exhaustion") == "warn"


def test_decision_after_submission_counts_as_pending():
    data = good(
        submission_date=D("2021-03-20"),
        remedies=(decided("first_instance", "2021-03-03"), decided("appeal", "2021-03-25")),
    )
    assert status(data, "exhaustion") == "fail"


# --- other international procedure --------------------------------------------------------


def test_pending_other_procedure_fails():
    data = good(other_procedures=(OtherProcedure("WGAD", "pending", None),))
    result = assess(data, TABLE)
    assert result.check("other_procedure").status == "fail"
    assert result.check("other_procedure").source == "OP art. 5(2)(a)"


def test_withdrawn_other_procedure_passes():
    data = good(other_procedures=(OtherProcedure("WGAD", "withdrawn", None),))
    assert status(data, "other_procedure") == "pass"


# --- delay (rule 99(c)) ---------------------------------------------------------------------


def test_submitting_on_the_last_day_is_in_time():
    data = good(submission_date=D("2026-09-14"))
    result = assess(data, TABLE)
    assert result.last_day_to_submit == D("2026-09-14")
    assert result.check("delay").status == "pass"


def test_submitting_the_day_after_the_last_day_is_late():
    data = good(submission_date=D("2026-09-15"))
    result = assess(data, TABLE)
    assert result.check("delay").status == "fail"
    assert result.check("delay").source == "Rules of procedure rule 99(c)"
    assert result.outcome == "inadmissible"


def test_late_submission_with_justification_warns():
    data = good(submission_date=D("2026-09-15"), delay_justification="Author was imprisoned.")
    assert status(data, "delay") == "warn"


def test_five_years_from_29_february_end_on_28_february():
    data = good(
        remedies=(
            decided("first_instance", "2020-01-10"),
            decided("appeal", "2020-02-01"),
            decided("cassation", "2020-02-29"),
        ),
        submission_date=D("2025-02-28"),
    )
    result = assess(data, TABLE)
    assert result.last_day_to_submit == D("2025-02-28")
    assert result.check("delay").status == "pass"
    late = assess(replace(data, submission_date=D("2025-03-01")), TABLE)
    assert late.check("delay").status == "fail"


def test_no_decision_means_no_last_day():
    data = good(remedies=(pending("first_instance"),))
    result = assess(data, TABLE)
    assert result.last_day_to_submit is None
    assert result.check("delay").status == "pass"


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        ("2020-02-29", 5, "2025-02-28"),
        ("2020-02-29", 4, "2024-02-29"),
        ("2021-09-14", 5, "2026-09-14"),
        ("2019-12-31", 3, "2022-12-31"),
        ("9998-06-01", 5, "9999-12-31"),  # beyond the calendar: saturates, never crashes
    ],
)
def test_add_years(start, years, expected):
    assert add_years(D(start), years) == D(expected)


def test_outcome_is_at_risk_when_only_warnings():
    data = good(remedies=(decided("first_instance", "2021-03-03"), decided("appeal", "2021-03-25")))
    assert assess(data, TABLE).outcome == "at_risk"


def test_as_dict_matches_the_documented_shape():
    out = assess(good(), TABLE).as_dict()
    assert set(out) == {"outcome", "checks", "last_day_to_submit"}
    assert set(out["checks"][0]) == {"id", "status", "reason", "source"}
    assert out["last_day_to_submit"] == "2026-09-14"
