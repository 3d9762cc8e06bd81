"""The map of cases by region: a tile grid of Kazakhstan's 20 regions, drawn as SVG on the server.

Why a tile grid and not boundaries: the issue allows shipped boundaries only from a source whose
licence permits redistribution and which has the regions of 2022; we could not verify one in the
time we had (docs/statistics.md, "The map"), so each region is one equal tile placed roughly
where it lies (west to east, north to south). Equal tiles also keep a small city (Almaty,
Shymkent) as visible as a vast region, which a choropleth of areas does not.

No script and no request leaves the site: each tile is a link to the region's figures, its
`<title>` is the hover text, colours are SVG attributes (the CSP forbids inline styles).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .aggregation import Table, as_shown

# ISO 3166-2 code → (row, column) on the grid.
TILES: dict[str, tuple[int, int]] = {
    "KZ-27": (0, 0),  # West Kazakhstan
    "KZ-39": (0, 2),  # Kostanay
    "KZ-59": (0, 3),  # North Kazakhstan
    "KZ-55": (0, 4),  # Pavlodar
    "KZ-63": (0, 5),  # East Kazakhstan
    "KZ-23": (1, 0),  # Atyrau
    "KZ-15": (1, 1),  # Aktobe
    "KZ-11": (1, 3),  # Akmola
    "KZ-71": (1, 4),  # Astana
    "KZ-10": (1, 5),  # Abai
    "KZ-47": (2, 0),  # Mangystau
    "KZ-43": (2, 1),  # Kyzylorda
    "KZ-62": (2, 2),  # Ulytau
    "KZ-35": (2, 3),  # Karaganda
    "KZ-33": (2, 5),  # Zhetisu
    "KZ-61": (3, 1),  # Turkestan
    "KZ-79": (3, 2),  # Shymkent
    "KZ-31": (3, 3),  # Zhambyl
    "KZ-19": (3, 4),  # Almaty Region
    "KZ-75": (3, 5),  # Almaty
}
TILE_W, TILE_H, GAP = 118, 72, 6
# A sequential palette (ColorBrewer "Blues", 5 classes; light → dark), and the text on each.
PALETTE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
TEXT_ON = ["#212529", "#212529", "#212529", "#ffffff", "#ffffff"]
EMPTY, SUPPRESSED = "#f8f9fa", "url(#suppressed)"
WORDS_TO_DROP = (" Region", " облысы", " область", "область ")


@dataclass(frozen=True)
class Tile:
    code: str
    x: int
    y: int
    width: int
    height: int
    lines: list[str]
    count: str
    hover: str
    fill: str
    text_fill: str
    href: str


def _short(name: str, code: str) -> list[str]:
    """The tile's label: without "Region" (except Almaty Region, beside Almaty city), in two
    lines when long (at a space, or after the hyphen of "Западно-Казахстанская")."""
    if code != "KZ-19":
        for word in WORDS_TO_DROP:
            name = name.replace(word, "")
    name = name.strip()
    if len(name) <= 14:
        return [name]
    if " " in name:
        first, _sep, rest = name.partition(" ")
        return [first, rest]
    if "-" in name:
        first, _sep, rest = name.partition("-")
        return [first + "-", rest]
    return [name]


def tiles(table: Table, *, link: str) -> list[Tile]:
    """The tiles of `table` (by `region_today`); `link` is a query string to add `region=` to."""
    rows = {row.key: row for row in table.rows}
    counts = [row.count for row in table.rows if row.count]
    top = max(counts, default=0)
    result = []
    for code, (r, c) in TILES.items():
        row = rows.get(code)
        if row is None:
            continue
        if row.count is None:
            fill, text = SUPPRESSED, TEXT_ON[0]
        elif row.count == 0:
            fill, text = EMPTY, TEXT_ON[0]
        else:
            step = min(len(PALETTE) - 1, (row.count * len(PALETTE) - 1) // max(top, 1))
            fill, text = PALETTE[step], TEXT_ON[step]
        hover = _("%(region)s: %(count)s cases") % {
            "region": row.label,
            "count": as_shown(row.count),
        }
        if row.share is not None:
            hover += f" ({row.share:g}%)"
        result.append(
            Tile(
                code=code,
                x=c * (TILE_W + GAP),
                y=r * (TILE_H + GAP),
                width=TILE_W,
                height=TILE_H,
                lines=_short(row.label, code),
                count=as_shown(row.count),
                hover=hover,
                fill=fill,
                text_fill=text,
                href=f"?{link}&region={code}" if link else f"?region={code}",
            )
        )
    return result


def size() -> tuple[int, int]:
    rows = 1 + max(r for r, _c in TILES.values())
    columns = 1 + max(c for _r, c in TILES.values())
    return columns * (TILE_W + GAP) - GAP, rows * (TILE_H + GAP) - GAP


def legend() -> list[tuple[str, str]]:
    """The colours with what they mean (the classes are relative to the largest region)."""
    return [
        (EMPTY, _("no case")),
        (PALETTE[0], _("fewest")),
        (PALETTE[2], _("more")),
        (PALETTE[4], _("most")),
    ]
