"""The public map: published cases per region, small counts suppressed, on a tile grid.

Each of the 20 first-level divisions of today (ISO 3166-2:KZ) is one equal tile placed roughly
where it lies, west to east and north to south — the same grid as the statistics map
(`reporting`): no boundary data of the 2022 division could be verified for redistribution, and
equal tiles keep Almaty and Shymkent as visible as the vast regions. A case from before 2022
counts in the region of its time, which has the ISO code of the region continuing it today
(Karaganda Region of 2020 → KZ-35), so it sits on that tile.

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

from reporting.suppression import Figure, suppress_list

# ISO 3166-2 code → (row, column); the statistics map's grid (reporting's tile map).
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
    shown, total = suppress_list(figures, Figure(len(entries)), k=threshold)
    tiles = [
        RegionTile(
            code=code,
            name=region_name(code, lang),
            row=row,
            column=column,
            count=shown[code].count,
            has_cases=counts.get(code, 0) > 0,
        )
        for code, (row, column) in TILES.items()
    ]
    return RegionCounts(tiles, total.count if total else None, threshold, shown[""].count)


# The tiles' names: today's regions (casework's seeded Region table, migration 0011_regions),
# kept here because the public site reads nothing but snapshots; a former region's case sits on
# its successor's tile under today's name.
REGION_NAMES = {
    "KZ-10": ("Abai Region", "область Абай", "Абай облысы"),
    "KZ-11": ("Akmola Region", "Акмолинская область", "Ақмола облысы"),
    "KZ-15": ("Aktobe Region", "Актюбинская область", "Ақтөбе облысы"),
    "KZ-19": ("Almaty Region", "Алматинская область", "Алматы облысы"),
    "KZ-23": ("Atyrau Region", "Атырауская область", "Атырау облысы"),
    "KZ-27": ("West Kazakhstan Region", "Западно-Казахстанская область", "Батыс Қазақстан облысы"),
    "KZ-31": ("Zhambyl Region", "Жамбылская область", "Жамбыл облысы"),
    "KZ-33": ("Zhetisu Region", "область Жетісу", "Жетісу облысы"),
    "KZ-35": ("Karaganda Region", "Карагандинская область", "Қарағанды облысы"),
    "KZ-39": ("Kostanay Region", "Костанайская область", "Қостанай облысы"),
    "KZ-43": ("Kyzylorda Region", "Кызылординская область", "Қызылорда облысы"),
    "KZ-47": ("Mangystau Region", "Мангистауская область", "Маңғыстау облысы"),
    "KZ-55": ("Pavlodar Region", "Павлодарская область", "Павлодар облысы"),
    "KZ-59": (
        "North Kazakhstan Region",
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
    ),
    "KZ-61": ("Turkestan Region", "Туркестанская область", "Түркістан облысы"),
    "KZ-62": ("Ulytau Region", "область Ұлытау", "Ұлытау облысы"),
    "KZ-63": ("East Kazakhstan Region", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы"),
    "KZ-71": ("Astana", "Астана", "Астана"),
    "KZ-75": ("Almaty", "Алматы", "Алматы"),
    "KZ-79": ("Shymkent", "Шымкент", "Шымкент"),
}


def region_name(code: str, lang: str) -> str:
    names = REGION_NAMES.get(code)
    if not names:
        return code
    return names[{"en": 0, "ru": 1, "kk": 2}[lang]]
