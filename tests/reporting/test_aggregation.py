"""Counts against the hand-computed caseload of conftest.py, for each kind of reader."""

import pytest

from reporting.aggregation import count_by, crosstab
from reporting.filters import FilterError, Filters, parse_filters

pytestmark = pytest.mark.django_db


def counts(table) -> dict:
    return {row.key: row.count for row in table.rows if row.count != 0}


def test_a_supervisor_sees_exact_counts_except_where_an_unopened_secret_case_sits(org, caseload):
    table = count_by(org.supervisor, "region_today")
    # KZ-75 holds 6 normal + 1 secret the supervisor may not open: 7 is not below 5, shown.
    # Karaganda (1, in the former region) maps to today's KZ-35; the supervisor opens it: exact.
    assert counts(table) == {"KZ-75": 7, "KZ-27": 3, "KZ-23": 1, "KZ-35": 1}
    assert table.total.count == 12
    assert table.suppressed_below == 5


def test_an_analyst_sees_small_counts_suppressed_with_a_second_cell(org, caseload):
    table = count_by(org.analyst, "region_today")
    # 3, 1, 1 are below 5; three hidden cells in the line: no secondary needed.
    assert counts(table) == {"KZ-75": 7, "KZ-27": None, "KZ-23": None, "KZ-35": None}
    assert table.total.count == 12
    theme = count_by(org.analyst, "theme")
    # assembly 10, torture 2: torture hidden alone -> the smallest other (assembly) goes too.
    assert counts(theme) == {"assembly": None, "torture": None}
    assert all(row.share is None for row in theme.rows if row.count is None)


def test_a_branch_head_sees_their_branch_exactly_and_other_branches_suppressed(org, caseload):
    table = count_by(org.branch_head, "branch")
    # Almaty: 8 cases, one of them secret (not opened by the head): 8 >= 5, shown.
    # Uralsk: 4 cases, none opened by the Almaty head: hidden; then the total line has one
    # hidden cell, and Almaty (not all known) is hidden as the second.
    assert counts(table) == {"almaty": None, "uralsk": None}
    own = count_by(org.branch_head, "branch", Filters(confidentiality="normal"))
    # Among normal cases, Almaty's 7 are all the head's: exact, and never chosen as second;
    # Uralsk's 4 hidden alone -> the total is hidden instead.
    assert counts(own) == {"almaty": 7, "uralsk": None}
    assert own.total.count is None


def test_a_lawyer_counts_their_own_caseload_exactly(org, caseload):
    table = count_by(org.other_lawyer, "region_today")
    assert counts(table) == {"KZ-27": 3, "KZ-23": 1}
    assert table.suppressed_below is None
    assert table.total.count == 4


def test_cases_count_in_the_region_of_their_time(org, caseload):
    table = count_by(org.lawyer, "region")
    assert counts(table) == {"KZ-75": 7, "KZ-35-2022": 1}
    labels = {row.key: row.label for row in table.rows}
    assert labels["KZ-35-2022"] == "Karaganda Region (until 2022)"


def test_filters_restrict_every_table(org, caseload):
    table = count_by(org.supervisor, "theme", parse_filters({"branch": "uralsk"}))
    assert counts(table) == {"assembly": 3, "torture": 1}
    table = count_by(org.supervisor, "year", parse_filters({"to": "2021-12-31"}))
    assert counts(table) == {"2021": 1}
    table = count_by(org.supervisor, "stage", parse_filters({"region": "KZ-35"}))
    assert table.total.count == 1


def test_a_crosstab_of_theme_by_region_for_a_supervisor(org, caseload):
    cross = crosstab(org.supervisor, "theme", "region_today")
    cells = {key: shown.count for key, shown in cross.table.cells.items() if shown.count}
    # The secret torture case in Almaty (1) is not opened by the supervisor: hidden. Its row
    # (torture: that 1 and Atyrau's 1, which the supervisor opens) would give it away through
    # the row total 2: hidden. Its column (Almaty: 6 opened + 1) through the column total 7:
    # hidden. The totals line (assembly 10, known; torture hidden) through the grand total 12:
    # hidden. Everything the supervisor opens stays exact.
    assert cross.table.cells[("torture", "KZ-75")].count is None
    assert cross.table.row_totals["torture"].count is None
    assert cross.table.column_totals["KZ-75"].count is None
    assert cross.table.total.count is None
    assert cells == {
        ("assembly", "KZ-75"): 6,
        ("assembly", "KZ-27"): 3,
        ("assembly", "KZ-35"): 1,
        ("torture", "KZ-23"): 1,
    }
    assert cross.table.row_totals["assembly"].count == 10
    for row in cross.row_labels:
        line = [cross.table.cells[(row[0], c)] for c, _l in cross.column_labels]
        line.append(cross.table.row_totals[row[0]])
        assert sum(s.count is None for s in line) != 1


def test_unknown_filters_are_refused_with_a_message():
    with pytest.raises(FilterError, match="Unknown parameter"):
        parse_filters({"colour": "red"})
    with pytest.raises(FilterError, match="YYYY-MM-DD"):
        parse_filters({"from": "yesterday"})
