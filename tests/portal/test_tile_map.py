"""The dashboard's tile map: the layout data (38 provinces, the four new Papua provinces, one tile
a cell, placed roughly where they lie), colours and links, and the sortable ranking."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from allocations.models import ActivityTarget, PlannedActivity
from dakmonev import figures_version
from portal.selectors.tile_map import (
    ABSORPTION_BANDS,
    DEVIATION_BANDS,
    band,
    province_layout,
    tile_map,
)
from realisasi.selectors.absorption import absorption, round_percent
from tests.dashboard_world import build_world
from tests.factories import make_user


def _provinces_of_the_reference_data() -> dict[str, str]:
    data = json.loads((Path(settings.BASE_DIR) / "fixtures" / "regions.json").read_text())
    rows = (
        data["regions"]
        if "regions" in data
        else next(v for v in data.values() if isinstance(v, list))
    )
    return {
        (r.get("fields", r))["code"]: (r.get("fields", r))["name"]
        for r in rows
        if (r.get("fields", r)).get("level") in ("PROVINSI", "provinsi")
    }


def test_the_layout_has_the_38_provinces_of_the_reference_data_one_a_cell():
    layout = province_layout()
    reference = _provinces_of_the_reference_data()
    assert len(layout) == 38 and {t.code for t in layout} == set(reference)
    assert len({(t.col, t.row) for t in layout}) == 38  # no two tiles share a cell
    assert len({t.abbr for t in layout}) == 38
    by = {t.code: t for t in layout}
    for new in ("93", "94", "95", "96"):  # Papua Selatan, Tengah, Pegunungan, Barat Daya
        assert new in by
    # Roughly where they lie: Aceh in the far west, Papua in the far east, Java south of Kalimantan.
    assert by["11"].col == min(t.col for t in layout)
    assert by["91"].col == max(t.col for t in layout)
    assert by["32"].row > by["62"].row and by["93"].row > by["91"].row


def test_bands_and_ranking_come_from_the_figures_given():
    assert band(None, ABSORPTION_BANDS) == 0
    assert [band(Decimal(v), ABSORPTION_BANDS) for v in (0, 24.99, 25, 74, 90, 120)] == [
        1,
        1,
        2,
        3,
        5,
        5,
    ]
    assert [band(Decimal(v), DEVIATION_BANDS) for v in (-30, -10, -5, 0, 4)] == [1, 2, 3, 4, 4]
    area = SimpleNamespace(
        code="61",
        name="Kalimantan Barat",
        absorption=Decimal("80.005"),
        deviation_physical=Decimal("-12"),
    )
    regions = [
        SimpleNamespace(
            code="61.01",
            name="A",
            absorption=Decimal(10),
            physical_progress=None,
            deviation_physical=Decimal("-3.456"),
        ),
        SimpleNamespace(
            code="61.02", name="B", absorption=None, physical_progress=None, deviation_physical=None
        ),
        SimpleNamespace(
            code="61.03",
            name="C",
            absorption=Decimal(70),
            physical_progress=Decimal(5),
            deviation_physical=None,
        ),
    ]
    m = tile_map([area], regions)
    tile = next(t for t in m.tiles if t.code == "61")
    assert tile.receiving and tile.absorption == Decimal("80.01") and tile.absorption_band == 4
    assert tile.deviation_band == 1 and m.has_deviation
    assert not next(t for t in m.tiles if t.code == "11").receiving
    assert [(r.rank, r.code) for r in m.ranking] == [(1, "61.03"), (2, "61.01"), (None, "61.02")]
    assert [r.deviation for r in m.ranking] == [None, Decimal("-3.46"), None]


@pytest.mark.django_db
def test_the_dashboard_shows_every_tile_linked_to_its_province_and_the_full_ranking(client):
    world = build_world(10)
    client.force_login(make_user(Role.PIMPINAN))
    page = client.get(reverse("portal:dashboard"), {"year": 2024, "quarter": 2}).content.decode()
    tiles = re.findall(r'data-province="(\d\d)" data-band="(\d)" href="([^"]+)"', page)
    assert len(tiles) == 38
    figures = absorption(2024, 2)
    by_code = {code: (int(b), href) for code, b, href in tiles}
    for p in figures.provinces:
        assert by_code[p.code][0] == band(round_percent(p.absorption), ABSORPTION_BANDS) > 0
        assert (
            by_code[p.code][1]
            == reverse("portal:province_detail", args=[p.code]) + "?year=2024&amp;quarter=2"
        )
    assert by_code["11"][0] == 0  # no receiving region in Aceh in this world
    ranking = re.findall(r'<tr data-region="([\d.]+)">', page)
    assert sorted(ranking) == sorted(r.code for r in world)
    expected = [r.code for r in sorted(figures.regions, key=lambda r: (-r.absorption, r.code))]
    assert ranking == expected  # ranked by absorption, highest first
    assert "data-sortable" in page and "js/sortable-table.js" in page
    assert "Peta penyerapan per provinsi" in page and "≥ 90 %" in page


@pytest.mark.django_db
def test_with_targets_the_map_can_be_coloured_by_deviation_and_the_ranking_shows_it(client):
    world = build_world(10)
    # TW II targets for the lines of province 61's regions only (regions 0 and 5).
    for line in PlannedActivity.objects.filter(allocation__region__code__startswith="61."):
        ActivityTarget.objects.create(
            activity=line, quarter=2, target_physical_pct=Decimal(60), target_financial=None
        )
    figures_version.bump()
    client.force_login(make_user(Role.PIMPINAN))
    page = client.get(reverse("portal:dashboard"), {"year": 2024, "quarter": 2}).content.decode()
    assert 'id="map-deviation"' in page and "Keterangan warna deviasi fisik" in page
    bands = dict(
        re.findall(
            r'data-province="(\d\d)" data-band="\d" href="[^"]+" data-deviation-band="(\d)"', page
        )
    )
    figures = absorption(2024, 2)
    p61 = next(p for p in figures.provinces if p.code == "61")
    assert p61.deviation_physical is not None and p61.deviation_physical < -10
    assert bands["61"] == str(band(round_percent(p61.deviation_physical), DEVIATION_BANDS)) == "1"
    assert bands["62"] == "0"  # no targets: not coloured, never "on plan"
    # Region 61.01 reported TW II: fisik 50 % and 30 % against 60 % planned → −18.00 points.
    row = re.search(r'<tr data-region="61.01">(.*?)</tr>', page, re.S).group(1)
    assert 'data-value="-18.00"' in row and 'data-deviation="behind">-18,00 %<' in row
    assert world[0].code == "61.01"
