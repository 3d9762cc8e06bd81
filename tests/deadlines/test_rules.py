"""Every seeded rule against month ends, leap years, weekends and Kazakh public holidays.

Dates checked by hand against the calendar: 28 Feb 2026 is a Saturday; 21-25 Mar 2026 are
Nauryz days off (21-23 March plus the observed days for the weekend); 16 Dec is Independence
Day (16-17 Dec until 2021); 25 Oct 2026 (Republic Day) is a Sunday, observed on Monday 26 Oct.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from deadlines import services
from deadlines.models import CalendarDay, CalendarDayKind, DeadlineRule

D = dt.date

CASES = [
    # rule, event date, due date
    # Civil appeal, 1 month (CPC 2015)
    ("kz-civil-appeal", D(2025, 1, 31), D(2025, 2, 28)),  # month end: no 31 Feb
    ("kz-civil-appeal", D(2024, 1, 31), D(2024, 2, 29)),  # leap year
    ("kz-civil-appeal", D(2026, 1, 28), D(2026, 3, 2)),  # Saturday → Monday
    ("kz-civil-appeal", D(2026, 11, 16), D(2026, 12, 17)),  # Independence Day
    ("kz-civil-appeal", D(2026, 2, 21), D(2026, 3, 26)),  # Nauryz and its observed days
    # Civil private complaint, 10 working days
    ("kz-civil-private-complaint", D(2026, 1, 9), D(2026, 1, 23)),  # weekends skipped
    ("kz-civil-private-complaint", D(2024, 2, 20), D(2024, 3, 5)),  # 29 Feb 2024 counts
    ("kz-civil-private-complaint", D(2026, 3, 16), D(2026, 4, 2)),  # Nauryz skipped
    # Saturday 4 May 2024 was a working day (transferred to Wednesday 8 May)
    ("kz-civil-private-complaint", D(2024, 4, 29), D(2024, 5, 16)),
    # Civil cassation, 6 months (CPC art. 436(1))
    ("kz-civil-cassation", D(2025, 8, 31), D(2026, 3, 2)),  # 28 Feb 2026 is a Saturday
    ("kz-civil-cassation", D(2023, 8, 31), D(2024, 2, 29)),  # leap year
    ("kz-civil-cassation", D(2026, 6, 16), D(2026, 12, 17)),  # Independence Day
    ("kz-civil-cassation", D(2026, 4, 25), D(2026, 10, 27)),  # Sunday holiday + observed Monday
    # APPK complaint to a higher body, 3 months (art. 92)
    ("kz-appk-complaint", D(2025, 11, 30), D(2026, 3, 2)),
    ("kz-appk-complaint", D(2023, 11, 29), D(2024, 2, 29)),
    ("kz-appk-complaint", D(2025, 12, 8), D(2026, 3, 10)),  # 8 March on Sunday, observed 9th
    # APPK appeal, 2 months (art. 168)
    ("kz-appk-appeal", D(2025, 12, 31), D(2026, 3, 2)),
    ("kz-appk-appeal", D(2023, 12, 30), D(2024, 2, 29)),
    ("kz-appk-appeal", D(2026, 1, 21), D(2026, 3, 26)),  # Nauryz
    ("kz-appk-appeal", D(2024, 10, 16), D(2024, 12, 17)),  # Independence Day 2024 (Monday)
    ("kz-appk-appeal", D(2021, 10, 16), D(2021, 12, 20)),  # 16-17 Dec 2021, then a weekend
    # Administrative offence appeal, 10 days (CoAO)
    ("kz-admin-offence-appeal", D(2026, 2, 18), D(2026, 3, 2)),
    ("kz-admin-offence-appeal", D(2024, 2, 19), D(2024, 2, 29)),
    ("kz-admin-offence-appeal", D(2026, 12, 6), D(2026, 12, 17)),
    ("kz-admin-offence-appeal", D(2026, 3, 11), D(2026, 3, 26)),
    # Criminal appeal, 15 days (unverified)
    ("kz-criminal-appeal", D(2026, 2, 13), D(2026, 3, 2)),
    ("kz-criminal-appeal", D(2024, 2, 14), D(2024, 2, 29)),
    ("kz-criminal-appeal", D(2026, 3, 6), D(2026, 3, 26)),
    ("kz-criminal-appeal", D(2025, 12, 1), D(2025, 12, 17)),
    # HRC State observations, 6 months, never moved
    ("hrc-state-observations", D(2025, 8, 31), D(2026, 2, 28)),  # stays on a Saturday
    ("hrc-state-observations", D(2023, 8, 31), D(2024, 2, 29)),
    ("hrc-state-observations", D(2025, 9, 21), D(2026, 3, 21)),  # stays on Nauryz
    ("hrc-state-observations", D(2026, 6, 16), D(2026, 12, 16)),  # stays on Independence Day
    # HRC 5 years from exhaustion (rule 99(c)), never moved
    ("hrc-delay-5y", D(2024, 2, 29), D(2029, 2, 28)),  # 29 Feb + 5 years = 28 Feb
    ("hrc-delay-5y", D(2020, 2, 29), D(2025, 2, 28)),
    ("hrc-delay-5y", D(2021, 2, 28), D(2026, 2, 28)),  # Saturday, not moved
    ("hrc-delay-5y", D(2021, 12, 16), D(2026, 12, 16)),  # holiday, not moved
    ("hrc-delay-5y", D(2023, 1, 31), D(2028, 1, 31)),
    # HRC 3 years from another international procedure (rule 99(c)), never moved
    ("hrc-delay-3y-other-procedure", D(2024, 2, 29), D(2027, 2, 28)),  # Sunday, not moved
    ("hrc-delay-3y-other-procedure", D(2025, 2, 28), D(2028, 2, 28)),  # leap target, same day
    ("hrc-delay-3y-other-procedure", D(2023, 3, 21), D(2026, 3, 21)),
    ("hrc-delay-3y-other-procedure", D(2023, 12, 16), D(2026, 12, 16)),
    # APPK private complaint against a ruling, 10 working days (art. 168(3))
    ("kz-appk-private-complaint", D(2026, 1, 9), D(2026, 1, 23)),  # weekends skipped
    ("kz-appk-private-complaint", D(2026, 3, 16), D(2026, 4, 2)),  # Nauryz skipped
    # Criminal cassation, provisional 6 months (unverified, configurable)
    ("kz-criminal-cassation", D(2025, 8, 31), D(2026, 3, 2)),  # 28 Feb 2026 is a Saturday
    ("kz-criminal-cassation", D(2023, 8, 31), D(2024, 2, 29)),
    # State's request to examine admissibility separately, 2 months, never moved (awaited)
    ("hrc-state-admissibility-request", D(2025, 12, 31), D(2026, 2, 28)),  # Saturday, kept
    ("hrc-state-admissibility-request", D(2023, 12, 31), D(2024, 2, 29)),
    # State's follow-up reply after Views, 180 days, never moved (awaited)
    ("hrc-follow-up-state-reply", D(2026, 1, 1), D(2026, 6, 30)),
    ("hrc-follow-up-state-reply", D(2024, 1, 1), D(2024, 6, 29)),  # leap year
    ("hrc-follow-up-state-reply", D(2025, 6, 19), D(2025, 12, 16)),  # holiday, not moved
    # Interim measures: check the State's compliance 7 days after a grant, never moved
    ("hrc-interim-compliance-check", D(2026, 2, 21), D(2026, 2, 28)),  # Saturday, kept
    ("hrc-interim-compliance-check", D(2026, 3, 15), D(2026, 3, 22)),  # Nauryz, kept
]
# Periods in hours end at a moment (tests/deadlines/test_hours.py), never on a computed day.
HOUR_RULES = {"hrc-interim-send", "hrc-interim-response-follow-up"}


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "event", "due"), CASES, ids=lambda v: str(v))
def test_seeded_rule_gives_the_due_date(code, event, due):
    rule = DeadlineRule.objects.get(code=code)
    assert services.compute(rule, event).due == due


@pytest.mark.django_db
def test_every_seeded_rule_is_covered_by_the_table():
    seeded = set(
        DeadlineRule.objects.filter(date_set_per_case=False).values_list("code", flat=True)
    )
    assert seeded - HOUR_RULES == {code for code, _event, _due in CASES}


@pytest.mark.django_db
def test_only_rules_with_article_and_source_are_verified():
    unverified = set(DeadlineRule.objects.filter(verified=False).values_list("code", flat=True))
    assert unverified == {
        "kz-criminal-appeal",
        # their seeded source says "article to verify" (issue #11)
        "kz-civil-appeal",
        "kz-civil-private-complaint",
        "kz-admin-offence-appeal",
        "kz-criminal-cassation",  # period provisional since the Court of Cassation (2025)
        "hrc-state-admissibility-request",  # paragraph of rule 92 to verify
        "hrc-author-comments",  # the Committee sets the date in each case
        "hrc-follow-up-author-comments",  # likewise, on the State's follow-up reply
        # art. 168(3) not re-read against the Code's current text (issue #11)
        "kz-appk-private-complaint",
        # interim measures: the organisation's working periods, no article states them
        "hrc-interim-send",
        "hrc-interim-response-follow-up",
        "hrc-interim-compliance-check",
    }
    for rule in DeadlineRule.objects.filter(verified=True):
        assert rule.article.strip() and rule.legal_source.strip(), rule.code
        assert "to verify" not in rule.legal_source.lower(), rule.code
        rule.full_clean()  # every seeded verified rule passes the model's own validation


@pytest.mark.django_db
def test_un_rules_never_move_a_last_day():
    codes = set(DeadlineRule.objects.filter(rollover="none").values_list("code", flat=True))
    assert codes == {
        "hrc-state-observations",
        "hrc-delay-5y",
        "hrc-delay-3y-other-procedure",
        "hrc-state-admissibility-request",
        "hrc-author-comments",
        "hrc-follow-up-state-reply",
        "hrc-follow-up-author-comments",
        # urgent interim measures run through weekends and holidays
        "hrc-interim-send",
        "hrc-interim-response-follow-up",
        "hrc-interim-compliance-check",
    }


@pytest.mark.django_db
def test_the_states_and_the_committees_time_limits_are_awaited():
    awaited = dict(DeadlineRule.objects.exclude(party="ours").values_list("code", "party"))
    assert awaited == {
        "hrc-state-observations": "state",
        "hrc-state-admissibility-request": "state",
        "hrc-follow-up-state-reply": "state",
        # the Committee's answer to an interim-measures request: we follow up, we do not file
        "hrc-interim-response-follow-up": "committee",
    }


@pytest.mark.django_db
def test_the_authors_comments_date_is_entered_not_computed():
    rule = DeadlineRule.objects.get(code="hrc-author-comments")
    assert rule.date_set_per_case and rule.period_amount is None
    assert rule.party == "ours"
    with pytest.raises(services.DeadlineError):
        services.compute(rule, D(2026, 1, 1))


# --- "verified" means verified --------------------------------------------------------------


def _rule(**fields) -> DeadlineRule:
    base = {
        "code": "test-rule",
        "name": "Test rule",
        "trigger": "manual",
        "period_amount": 10,
        "period_unit": "days",
        "legal_source": "Some Code, art. 5: ten days.",
        "article": "art. 5",
        "verified": True,
    }
    return DeadlineRule(**(base | fields))


@pytest.mark.django_db
def test_a_rule_with_article_and_source_may_be_verified():
    _rule().full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"article": ""}, "article", "A verified rule names its article"),
        ({"legal_source": " "}, "legal_source", "A verified rule names its source"),
        (
            {"legal_source": "Some Code: ten days (article to verify)."},
            "verified",
            "still says the rule must be verified",
        ),
        ({"legal_source": "UNVERIFIED: check it."}, "verified", "still says"),
    ],
)
def test_verified_without_article_or_source_is_refused_clearly(fields, field, message):
    with pytest.raises(ValidationError) as error:
        _rule(**fields).full_clean()
    assert message in " ".join(error.value.message_dict[field])


@pytest.mark.django_db
def test_an_unverified_rule_needs_neither():
    _rule(article="", legal_source="Some Code (article to verify).", verified=False).full_clean()


@pytest.mark.django_db
def test_a_computed_rule_needs_its_period():
    with pytest.raises(ValidationError) as error:
        _rule(period_amount=None).full_clean()
    assert "period_amount" in error.value.message_dict
    _rule(period_amount=None, date_set_per_case=True).full_clean()


@pytest.mark.django_db
def test_every_rule_names_its_legal_source():
    assert not DeadlineRule.objects.filter(legal_source="").exists()


@pytest.mark.django_db
def test_explanation_shows_the_move_to_the_next_working_day():
    rule = DeadlineRule.objects.get(code="kz-civil-appeal")
    result = services.compute(rule, D(2026, 1, 28))
    assert result.explanation == "1 month → 2026-02-28 (Saturday) → next working day 2026-03-02"


@pytest.mark.django_db
def test_explanation_names_the_holiday():
    rule = DeadlineRule.objects.get(code="kz-civil-appeal")
    result = services.compute(rule, D(2026, 11, 16))
    assert "2026-12-16 (Wednesday, Independence Day)" in result.explanation
    assert result.explanation.endswith("next working day 2026-12-17")


@pytest.mark.django_db
def test_explanation_says_a_un_period_is_not_moved():
    rule = DeadlineRule.objects.get(code="hrc-state-observations")
    result = services.compute(rule, D(2025, 8, 31))
    assert result.explanation.startswith("6 months → 2026-02-28 (Saturday)")
    assert "not moved" in result.explanation


@pytest.mark.django_db
def test_administrator_added_day_off_moves_the_deadline():
    CalendarDay.objects.create(
        date=D(2026, 3, 2), kind=CalendarDayKind.HOLIDAY, name="Government transfer"
    )
    rule = DeadlineRule.objects.get(code="kz-civil-appeal")
    result = services.compute(rule, D(2026, 1, 28))
    assert result.due == D(2026, 3, 3)
    assert "Government transfer" not in result.explanation  # 2 Mar is passed over, not the end


@pytest.mark.django_db
def test_administrator_made_working_saturday_keeps_the_deadline():
    CalendarDay.objects.create(
        date=D(2026, 2, 28), kind=CalendarDayKind.WORKING_DAY, name="Working Saturday"
    )
    rule = DeadlineRule.objects.get(code="kz-civil-appeal")
    assert services.compute(rule, D(2026, 1, 28)).due == D(2026, 2, 28)


@pytest.mark.django_db
def test_administrator_can_cancel_a_public_holiday():
    CalendarDay.objects.create(
        date=D(2026, 12, 16), kind=CalendarDayKind.WORKING_DAY, name="Not a day off this year"
    )
    rule = DeadlineRule.objects.get(code="kz-civil-appeal")
    assert services.compute(rule, D(2026, 11, 16)).due == D(2026, 12, 16)


@pytest.mark.django_db
def test_an_edited_rule_period_is_used_at_once():
    rule = DeadlineRule.objects.get(code="kz-criminal-appeal")
    rule.period_amount = 30
    rule.save()
    assert services.compute(rule, D(2026, 2, 13)).due == D(2026, 3, 16)
