"""Small-count suppression: which figures of a table a reader may not see, and why.

A pure function (no ORM, no settings): the statistics pages, the JSON API, the exports and the
public site (anonymised figures) all pass their tables through it.

The rule (DOMAIN.md, "Publishing and statistics"; the usual practice of statistical offices):

- **Primary suppression.** A figure the reader could not compute from case files they may open
  (`known=False`) is hidden when it is below `k` but not zero: "<5". Zero is shown: it says no
  case, and names nobody. A figure the reader may open every case of (`known=True`) is never
  hidden: a branch head sees their own branch's figures exactly.
- **Secondary suppression.** A table is a set of *lines* (a row with its total, a column with
  its total, the totals with the grand total); within a line the figures add up to the line's
  total. If exactly one figure of a line is hidden, it is the total minus the others: so a
  second figure of that line is hidden too — the smallest unknown, non-zero figure still shown
  (the total itself when nothing else is left). This repeats until no line has exactly one
  hidden figure. Figures the reader knows are never chosen: hiding them hides nothing.
- **Percentages follow**: a share is shown only when both its figure and its total are shown
  (`share`).

This protects against recovery by subtraction within one table. It does not protect against
differencing two tables published with different filters; the pages therefore always suppress
against the same population of cases (docs/statistics.md).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Key = Hashable


@dataclass(frozen=True)
class Figure:
    """A count in a table, and whether the reader may open every case it counts."""

    count: int
    known: bool = False


@dataclass(frozen=True)
class Line:
    """Figures that add up to a total: `total == sum(members)` (a row or a column)."""

    total: Key
    members: tuple[Key, ...]


def suppress(figures: Mapping[Key, Figure], lines: Iterable[Line], *, k: int) -> set[Key]:
    """The keys of the figures to hide, primary and secondary (see the module docstring).

    `lines` may be empty (a list of figures without a total: primary suppression only).
    A line whose members do not add up to its total (a case counted under several articles)
    is treated the same way: hiding too much is the safe side.
    """
    if k <= 1:
        return set()
    hidden = {key for key, figure in figures.items() if not figure.known and 0 < figure.count < k}
    lines = [line for line in lines if line.total in figures]
    changed = True
    while changed:
        changed = False
        for line in lines:
            entries = [line.total, *(m for m in line.members if m in figures)]
            if sum(1 for key in entries if key in hidden) != 1:
                continue
            candidate = _second_cell(figures, [key for key in entries if key not in hidden])
            if candidate is not None:
                hidden.add(candidate)
                changed = True
    return hidden


def _second_cell(figures: Mapping[Key, Figure], shown: Sequence[Key]) -> Key | None:
    """The figure to hide beside a lone hidden one: the smallest the reader does not know."""
    candidates = [key for key in shown if not figures[key].known and figures[key].count > 0]
    if not candidates:
        return None
    return min(candidates, key=lambda key: figures[key].count)


@dataclass(frozen=True)
class Shown:
    """A figure as a reader sees it: the count, or None when it is suppressed."""

    count: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None


def suppress_list(
    counts: Mapping[Key, Figure], total: Figure | None, *, k: int
) -> tuple[dict[Key, Shown], Shown | None]:
    """One-way table: figures per key, and their total (None: the table shows no total).

    Returns each key's shown figure and the total's.
    """
    figures: dict[Key, Figure] = dict(counts)
    lines: list[Line] = []
    total_key = ("__total__",)
    if total is not None:
        figures[total_key] = total
        lines.append(Line(total_key, tuple(counts)))
    hidden = suppress(figures, lines, k=k)
    shown = {key: Shown(None if key in hidden else figures[key].count) for key in counts}
    shown_total = None
    if total is not None:
        shown_total = Shown(None if total_key in hidden else total.count)
    return shown, shown_total


@dataclass(frozen=True)
class CrossTab:
    """A two-way table as the reader sees it."""

    cells: dict[tuple[Key, Key], Shown]
    row_totals: dict[Key, Shown]
    column_totals: dict[Key, Shown]
    total: Shown


def suppress_crosstab(
    cells: Mapping[tuple[Key, Key], Figure],
    row_totals: Mapping[Key, Figure],
    column_totals: Mapping[Key, Figure],
    total: Figure,
    *,
    k: int,
) -> CrossTab:
    """Two-way table with margins: every row, every column and both margins are lines."""
    rows, columns = list(row_totals), list(column_totals)
    figures: dict[Key, Figure] = {
        ("cell", r, c): cells.get((r, c), Figure(0, True)) for r in rows for c in columns
    }
    figures.update({("row", r): row_totals[r] for r in rows})
    figures.update({("col", c): column_totals[c] for c in columns})
    figures[("all",)] = total
    lines = [Line(("row", r), tuple(("cell", r, c) for c in columns)) for r in rows]
    lines += [Line(("col", c), tuple(("cell", r, c) for r in rows)) for c in columns]
    lines.append(Line(("all",), tuple(("row", r) for r in rows)))
    lines.append(Line(("all",), tuple(("col", c) for c in columns)))
    hidden = suppress(figures, lines, k=k)

    def shown(key: Key) -> Shown:
        return Shown(None if key in hidden else figures[key].count)

    return CrossTab(
        cells={(r, c): shown(("cell", r, c)) for r in rows for c in columns},
        row_totals={r: shown(("row", r)) for r in rows},
        column_totals={c: shown(("col", c)) for c in columns},
        total=shown(("all",)),
    )


def share(part: Shown, whole: Shown) -> float | None:
    """The percentage `part` is of `whole`, or None when either is hidden (or whole is zero)."""
    if part.count is None or whole.count is None or whole.count == 0:
        return None
    return round(100 * part.count / whole.count, 1)
