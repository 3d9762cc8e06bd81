"""Small-count suppression, primary and secondary, against tables worked out by hand."""

from reporting.suppression import Figure, Shown, share, suppress_crosstab, suppress_list

K = 5


def counts(**values: int) -> dict[str, Figure]:
    return {key: Figure(value) for key, value in values.items()}


def visible(shown: dict) -> dict:
    return {key: figure.count for key, figure in shown.items()}


def test_a_count_below_k_is_hidden_and_zero_and_k_are_shown():
    shown, _total = suppress_list(counts(a=4, b=0, c=5, d=1), None, k=K)
    assert visible(shown) == {"a": None, "b": 0, "c": 5, "d": None}


def test_a_lone_hidden_count_hides_the_next_smallest_so_the_total_does_not_give_it_away():
    # 3 + 7 + 12 = 22: with the total shown, hiding only the 3 leaves it at 22 - 7 - 12.
    shown, total = suppress_list(counts(a=3, b=7, c=12), Figure(22), k=K)
    assert visible(shown) == {"a": None, "b": None, "c": 12}
    assert total.count == 22


def test_two_hidden_counts_need_no_secondary_suppression():
    shown, total = suppress_list(counts(a=3, b=2, c=12), Figure(17), k=K)
    assert visible(shown) == {"a": None, "b": None, "c": 12}
    assert total.count == 17


def test_when_only_zeros_are_left_the_total_is_hidden():
    shown, total = suppress_list(counts(a=3, b=0), Figure(3), k=K)
    assert visible(shown) == {"a": None, "b": 0}
    assert total.suppressed


def test_figures_the_reader_knows_are_exact_and_never_chosen_as_the_second_cell():
    # A branch head: their own branch (2 cases) is exact; the other branches are not.
    table = {"own": Figure(2, known=True), "other": Figure(3), "third": Figure(9)}
    shown, total = suppress_list(table, Figure(14), k=K)
    assert visible(shown) == {"own": 2, "other": None, "third": None}
    assert total.count == 14


def test_a_crosstab_hides_a_second_cell_in_the_row_and_in_the_column():
    #            r1   r2   | total
    # theme A     2   10   |  12
    # theme B     8    9   |  17
    # total      10   19   |  29
    cells = {
        ("A", "r1"): Figure(2),
        ("A", "r2"): Figure(10),
        ("B", "r1"): Figure(8),
        ("B", "r2"): Figure(9),
    }
    table = suppress_crosstab(
        cells,
        {"A": Figure(12), "B": Figure(17)},
        {"r1": Figure(10), "r2": Figure(19)},
        Figure(29),
        k=K,
    )
    # Row A: 2 hidden alone -> hide 10 (the only other); column r1: hide 8; then row B has
    # 8 hidden alone -> hide 9; column r2 now has 10 and 9 hidden: done. Every cell hidden,
    # margins shown, and no hidden cell follows from a single subtraction.
    assert {key: s.count for key, s in table.cells.items()} == {
        ("A", "r1"): None,
        ("A", "r2"): None,
        ("B", "r1"): None,
        ("B", "r2"): None,
    }
    assert {key: s.count for key, s in table.row_totals.items()} == {"A": 12, "B": 17}
    assert table.total.count == 29


def test_no_line_of_a_suppressed_crosstab_has_exactly_one_hidden_figure():
    rows, cols = ["A", "B", "C"], ["x", "y", "z"]
    values = [[1, 6, 20], [7, 0, 3], [15, 9, 11]]
    cells = {(r, c): Figure(values[i][j]) for i, r in enumerate(rows) for j, c in enumerate(cols)}
    row_totals = {r: Figure(sum(values[i])) for i, r in enumerate(rows)}
    col_totals = {c: Figure(sum(v[j] for v in values)) for j, c in enumerate(cols)}
    table = suppress_crosstab(cells, row_totals, col_totals, Figure(72), k=K)
    assert table.cells[("A", "x")].suppressed and table.cells[("B", "z")].suppressed
    assert table.cells[("B", "y")].count == 0
    for r in rows:
        line = [table.cells[(r, c)] for c in cols] + [table.row_totals[r]]
        assert sum(s.suppressed for s in line) != 1
    for c in cols:
        line = [table.cells[(r, c)] for r in rows] + [table.column_totals[c]]
        assert sum(s.suppressed for s in line) != 1


def test_a_reader_who_knows_every_case_sees_everything():
    shown, total = suppress_list({"a": Figure(1, True), "b": Figure(2, True)}, Figure(3, True), k=K)
    assert visible(shown) == {"a": 1, "b": 2}
    assert total.count == 3


def test_percentages_follow_the_counts():
    assert share(Shown(3), Shown(12)) == 25.0
    assert share(Shown(None), Shown(12)) is None
    assert share(Shown(3), Shown(None)) is None
    assert share(Shown(0), Shown(0)) is None


def test_k_of_one_suppresses_nothing():
    shown, _ = suppress_list(counts(a=1), Figure(1), k=1)
    assert visible(shown) == {"a": 1}
