"""The dashboard's tile map: Indonesia's 38 provinces as squares placed roughly where they lie
(layout as data: portal/data/province_tiles.csv), each coloured by the province's absorption or,
where targets exist, its deviation from plan; and the ranking of every receiving region.

No figure is computed here: tiles read the `AreaAbsorption` of each province and the ranking
the `RegionAbsorption` of each region that the dashboard already has (no extra query).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from realisasi.selectors.absorption import round_percent

__all__ = [
    "ABSORPTION_BANDS",
    "DEVIATION_BANDS",
    "LAYOUT",
    "RankRow",
    "Tile",
    "TileMap",
    "province_layout",
    "tile_map",
]

LAYOUT = Path(__file__).resolve().parent.parent / "data" / "province_tiles.csv"

# (lower bound, label) from the lowest band up; band 0 is "no figure".
ABSORPTION_BANDS = (
    (Decimal("-Infinity"), "< 25 %"),
    (Decimal(25), "25–50 %"),
    (Decimal(50), "50–75 %"),
    (Decimal(75), "75–90 %"),
    (Decimal(90), "≥ 90 %"),
)
# Deviation from plan in percentage points (negative: behind plan), DOMAIN.md §7.
DEVIATION_BANDS = (
    (Decimal("-Infinity"), "< −10 poin"),
    (Decimal(-10), "−10 s.d. −5 poin"),
    (Decimal(-5), "−5 s.d. 0 poin"),
    (Decimal(0), "≥ 0 (sesuai/lebih cepat)"),
)


@dataclass(frozen=True)
class LayoutTile:
    code: str
    abbr: str
    name: str
    col: int
    row: int


@cache
def province_layout() -> tuple[LayoutTile, ...]:
    """The 38 provinces' tiles from the layout file (read once)."""
    with LAYOUT.open(encoding="utf-8", newline="") as fh:
        return tuple(
            LayoutTile(r["code"], r["abbr"], r["name"], int(r["col"]), int(r["row"]))
            for r in csv.DictReader(fh)
        )


def band(value: Decimal | None, bands) -> int:
    """1…len(bands) for a figure, 0 for none."""
    if value is None:
        return 0
    return max(i for i, (low, _) in enumerate(bands, start=1) if value >= low)


@dataclass(frozen=True)
class Tile:
    code: str
    abbr: str
    name: str
    col: int
    row: int
    receiving: bool  # has receiving regions in the TA
    absorption: Decimal | None
    deviation: Decimal | None
    absorption_band: int
    deviation_band: int


@dataclass(frozen=True)
class RankRow:
    rank: int | None
    code: str
    name: str
    absorption: Decimal | None
    physical_progress: Decimal | None
    deviation: Decimal | None


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    columns: int
    rows: int
    ranking: list[RankRow]
    has_deviation: bool
    absorption_legend: list[tuple[int, str]]
    deviation_legend: list[tuple[int, str]]


def _deviation(figures) -> Decimal | None:
    # Physical deviation from plan as of the quarter, from the absorption selector (DOMAIN.md
    # §7); without targets there is none (None), never 0.
    return figures.deviation_physical


def tile_map(provinces: Iterable, regions: Iterable) -> TileMap:
    """Tiles for every province of the layout and the ranking of `regions` by absorption."""
    by_code = {p.code: p for p in provinces}
    tiles = []
    for t in province_layout():
        p = by_code.get(t.code)
        absorption = round_percent(p.absorption) if p else None
        deviation = round_percent(_deviation(p)) if p else None
        tiles.append(
            Tile(
                code=t.code,
                abbr=t.abbr,
                name=p.name if p else t.name,
                col=t.col,
                row=t.row,
                receiving=p is not None,
                absorption=absorption,
                deviation=deviation,
                absorption_band=band(absorption, ABSORPTION_BANDS),
                deviation_band=band(deviation, DEVIATION_BANDS),
            )
        )
    known = sorted(
        (r for r in regions if r.absorption is not None), key=lambda r: (-r.absorption, r.code)
    )
    unknown = sorted((r for r in regions if r.absorption is None), key=lambda r: r.code)
    ranking = [
        RankRow(
            rank=i if r.absorption is not None else None,
            code=r.code,
            name=r.name,
            absorption=r.absorption,
            physical_progress=r.physical_progress,
            deviation=round_percent(_deviation(r)),
        )
        for i, r in enumerate([*known, *unknown], start=1)
    ]
    return TileMap(
        tiles=tiles,
        columns=max(t.col for t in tiles) + 1,
        rows=max(t.row for t in tiles) + 1,
        ranking=ranking,
        has_deviation=any(t.deviation is not None for t in tiles),
        absorption_legend=[(i, label) for i, (_, label) in enumerate(ABSORPTION_BANDS, start=1)],
        deviation_legend=[(i, label) for i, (_, label) in enumerate(DEVIATION_BANDS, start=1)],
    )
