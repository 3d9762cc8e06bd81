"""The public map: published cases per region, small counts suppressed, on a tile grid.

Each of the 20 first-level divisions of today (ISO 3166-2:KZ) is one equal tile placed roughly
where it lies, west to east and north to south — the statistics map's grid
(`reporting.tile_map.TILES`): no boundary data of the 2022 division could be verified for
redistribution, and equal tiles keep Almaty and Shymkent as visible as the vast regions. A case
from before 2022 counts in the region of its time, which has the ISO code of the region
continuing it today (Karaganda Region of 2020 → KZ-35), so it sits on that tile.

Counts go through `reporting.suppression.suppress_list` with the statistics threshold
(`REMEDY_STATISTICS_MIN_COUNT`, default 5): a region with 1–4 published cases shows "fewer than
5", and a second figure is hidden where the total would give a hidden one away (DOMAIN.md,
"Publishing and statistics"). Only published snapshots are counted: the map shows nothing about
cases that are not published.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from casework.models import Region
from casework.names import localized
from reporting.suppression import Figure, suppress_list
from reporting.tile_map import TILES


@dataclass(frozen=True)
class RegionTile:
    code: str
    name: str
    row: int
    column: int
    count: int | None  # None: suppressed (fewer than the threshold)
    has_cases: bool

    @property
    def css_class(self) -> str:
        return f"tile-r{self.row}c{self.column}"


@dataclass(frozen=True)
class RegionCounts:
    tiles: list[RegionTile]
    total: int | None
    threshold: int
    unplaced: int | None  # cases without a region on the map (suppressed like the rest)


def region_counts(entries: Iterable, lang: str) -> RegionCounts:
    """Tiles of the published cases (`site.Entry`) by region code, suppressed for the public."""
    entries = list(entries)
    threshold = settings.REMEDY_STATISTICS_MIN_COUNT
    counts = Counter(
        entry.region["code"] if entry.region["code"] in TILES else "" for entry in entries
    )
    figures = {code: Figure(counts.get(code, 0)) for code in [*TILES, ""]}
    names = region_names(lang)
    shown, total = suppress_list(figures, Figure(len(entries)), k=threshold)
    tiles = [
        RegionTile(
            code=code,
            name=names.get(code, code),
            row=row,
            column=column,
            count=shown[code].count,
            has_cases=counts.get(code, 0) > 0,
        )
        for code, (row, column) in TILES.items()
    ]
    return RegionCounts(tiles, total.count if total else None, threshold, shown[""].count)


def region_names(lang: str) -> dict[str, str]:
    """Today's regions by ISO code, named in `lang` from the reference table (`casework.Region`).

    Reference data, not case data: the one table outside the snapshots that the public site
    reads, so that an administrator's correction of a name reaches the public map. A former
    region's case sits on its successor's tile under today's name.
    """
    return {
        region.code: localized(region, "name", lang).text
        for region in Region.objects.filter(valid_to__isnull=True)
    }
