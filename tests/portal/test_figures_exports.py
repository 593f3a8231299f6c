"""Figures exports (issue 21): regions and provinces tables for the TA and quarter on screen,
and the shared layout of every export — title row, frozen header, autofilter, typed cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from allocations.models import ActivityTarget, PlannedActivity, Region
from dakmonev import figures_version
from dakmonev.spreadsheet.writer import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
)
from monev.models import Finding
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport
from realisasi.selectors.absorption import absorption, round_percent
from tests.dashboard_world import build_world, expected_absorption
from tests.exports import response_export
from tests.factories import M, make_user

pytestmark = pytest.mark.django_db

PERIOD = {"year": 2024, "quarter": 2}


@pytest.fixture
def world():
    regions = build_world(10)
    # The factories leave these empty; the exports must show them as real dates and money.
    QuarterlyReport.objects.filter(status=ReportStatus.SUBMITTED).update(
        submitted_at=timezone.now()
    )
    Finding.objects.update(amount=Decimal("12500000.00"), due_date=dt.date(2024, 12, 31))
    return regions


def _login(client, role, region=None):
    client.force_login(make_user(role, region=region))


def _today() -> str:
    return f"{timezone.localdate():%d/%m/%Y}"


def test_regions_export_has_every_receiving_region_with_typed_figures(client, world):
    _login(client, Role.PIMPINAN)
    export = response_export(client.get(reverse("portal:dashboard_regions_export"), PERIOD))
    assert (
        export.title == f"Penyerapan per daerah penerima — TA 2024, TW II, per tanggal {_today()}"
    )
    assert export.headers[:8] == [
        "Kode provinsi",
        "Provinsi",
        "Kode wilayah",
        "Daerah",
        "Pagu (Rp)",
        "Realisasi keuangan (Rp)",
        "Penyerapan (%)",
        "Realisasi fisik (%)",
    ]
    assert sorted(export.column("Kode wilayah")) == sorted(r.code for r in world)
    figures = absorption(2024, 2)
    for row_cells in zip(
        export.cells("Kode wilayah"),
        export.cells("Pagu (Rp)"),
        export.cells("Realisasi keuangan (Rp)"),
        export.cells("Penyerapan (%)"),
        export.cells("Realisasi fisik (%)"),
        strict=True,
    ):
        code, pagu, real, pct, fisik = row_cells
        region = figures.region(code.value)
        assert code.data_type == "s"
        assert pagu.data_type == "n" and pagu.number_format == MONEY_FORMAT
        assert pagu.value == float(region.pagu)
        assert real.data_type == "n" and real.number_format == MONEY_FORMAT
        assert real.value == float(region.financial_realisation)
        assert pct.data_type == "n" and pct.number_format == PERCENT_FORMAT
        assert pct.value == float(round_percent(region.absorption))
        assert fisik.number_format == PERCENT_FORMAT
        assert fisik.value == float(round_percent(region.physical_progress))
    # The latest report of each region and when it was submitted (a real date-time).
    first = export.column("Kode wilayah").index(world[0].code)
    assert export.column("Laporan terakhir")[first] == "TW II v1"
    assert export.column("Status laporan")[first] == "Diajukan"
    submitted = export.cells("Diajukan")[first]
    assert isinstance(submitted.value, dt.datetime) and submitted.number_format == DATETIME_FORMAT
    # Columns are as wide as what they show.
    widths = export.ws.column_dimensions
    assert widths["A"].width >= len("Kode provinsi") and widths["E"].width >= len("1,000,000,000")


def test_provinces_export_ends_with_the_nation_and_labels_both_means(client, world):
    _login(client, Role.DITJEN)
    export = response_export(client.get(reverse("portal:dashboard_provinces_export"), PERIOD))
    assert export.title.startswith("Penyerapan per provinsi — TA 2024, TW II, per tanggal")
    assert "Penyerapan tertimbang nilai (%)" in export.headers
    assert "Rata-rata penyerapan kab/kota, tidak tertimbang (%)" in export.headers
    assert export.column("Kode provinsi") == ["61", "62", "63", "64", "65", None]
    nation = export.cells("Penyerapan tertimbang nilai (%)")[-1]
    assert export.column("Provinsi")[-1] == "Nasional"
    assert nation.value == float(round_percent(expected_absorption(10)))
    assert nation.number_format == PERCENT_FORMAT
    assert export.cells("Daerah penerima")[-1].value == 10
    assert export.cells("Pagu (Rp)")[-1].value == 10 * 1_000_000_000.0


def test_province_export_holds_only_its_regions_and_is_scoped(client, world):
    _login(client, Role.INSPEKTORAT)
    url = reverse("portal:province_regions_export", args=["61"])
    export = response_export(client.get(url, PERIOD))
    assert {c[:2] for c in export.column("Kode wilayah")} == {"61"}
    assert export.title.startswith(
        f"Penyerapan per daerah penerima — {Region.objects.get(code='61').name} — TA 2024, TW II"
    )
    provinces = response_export(client.get(url, PERIOD), sheet="Provinsi")
    assert provinces.column("Kode provinsi") == ["61"]
    # A dinas of a region in province 62 may not take province 61's table, nor the nation's.
    _login(client, Role.DINAS, region=world[1])
    assert client.get(url, PERIOD).status_code == 404
    assert client.get(reverse("portal:dashboard_regions_export"), PERIOD).status_code == 403
    assert client.get(reverse("portal:dashboard_provinces_export"), PERIOD).status_code == 403


def test_region_names_reach_the_export_as_text_never_as_formulas(client, world):
    Region.objects.filter(pk=world[0].pk).update(name='=HYPERLINK("http://x.invalid","klik")')
    _login(client, Role.DITJEN)
    export = response_export(client.get(reverse("portal:dashboard_regions_export"), PERIOD))
    cell = next(c for c in export.cells("Daerah") if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix


def test_the_dashboard_and_province_page_link_their_exports(client, world):
    _login(client, Role.DITJEN)
    page = client.get(reverse("portal:dashboard"), PERIOD).content.decode()
    assert reverse("portal:dashboard_regions_export") + "?year=2024&amp;quarter=2" in page
    assert reverse("portal:dashboard_provinces_export") + "?year=2024&amp;quarter=2" in page
    page = client.get(reverse("portal:province_detail", args=["62"]), PERIOD).content.decode()
    assert reverse("portal:province_regions_export", args=["62"]) in page


# -------------------------------------------------------- every export shares one layout


EXPORTS = [
    (
        "realisasi:report_export",
        {"year": 2024, "quarter": 2},
        "TA 2024, TW II",
        {"Dibuat": DATETIME_FORMAT, "Diajukan": DATETIME_FORMAT},
    ),
    ("realisasi:alert_export", {"year": 2024}, "TA 2024, semua TW", {"Dibuat": DATETIME_FORMAT}),
    (
        "realisasi:overdue_export",
        {"year": 2024, "quarter": 2},
        "TA 2024, TW II",
        {"Batas laporan": DATE_FORMAT},
    ),
    (
        "monev:finding_export",
        {"year": 2024},
        "TA 2024, semua TW",
        {
            "Dicatat": DATETIME_FORMAT,
            "Batas tindak lanjut": DATE_FORMAT,
            "Nilai (Rp)": MONEY_FORMAT,
        },
    ),
    (
        "portal:dashboard_regions_export",
        PERIOD,
        "TA 2024, TW II",
        {"Pagu (Rp)": MONEY_FORMAT, "Penyerapan (%)": PERCENT_FORMAT},
    ),
    (
        "portal:dashboard_provinces_export",
        PERIOD,
        "TA 2024, TW II",
        {"Pagu (Rp)": MONEY_FORMAT, "Realisasi fisik (%)": PERCENT_FORMAT},
    ),
]


@pytest.mark.parametrize(("name", "params", "period", "formats"), EXPORTS)
def test_every_export_has_a_title_a_frozen_filtered_header_and_typed_cells(
    client, world, name, params, period, formats
):
    _login(client, Role.DITJEN)
    export = response_export(client.get(reverse(name), params))
    assert f"— {period}, per tanggal {_today()}" in export.title
    assert export.ws.cell(1, 1).font.b and export.ws.cell(2, 1).font.b
    assert export.rows, "the world has rows for every export"
    for header, fmt in formats.items():
        cells = [c for c in export.cells(header) if c.value is not None]
        assert cells, header
        for cell in cells:
            assert cell.number_format == fmt, (header, cell.number_format)
            if fmt in (DATE_FORMAT, DATETIME_FORMAT):
                assert isinstance(cell.value, dt.datetime | dt.date), (header, cell.value)
            else:
                assert isinstance(cell.value, int | float | Decimal), (header, cell.value)


# ---------------------------------------------------- deviation from plan (issue 18's figures)


def _plan_tw2(regions):
    """TW II targets for the first five regions' lines: fisik 60 % / 40 %, keuangan half the pagu —
    planned fisik (600×60 + 400×40) ÷ 1000 = 52 %, planned keuangan 50 % of pagu."""
    for line in PlannedActivity.objects.filter(allocation__region__in=regions[:5]):
        ActivityTarget.objects.create(
            activity=line,
            quarter=2,
            target_physical_pct=Decimal(60 if line.pagu == 600 * M else 40),
            target_financial=line.pagu / 2,
        )
    figures_version.bump()


def test_regions_export_shows_plan_and_deviation_where_targets_exist_and_blank_where_not(
    client, world
):
    _plan_tw2(world)
    _login(client, Role.DITJEN)
    export = response_export(client.get(reverse("portal:dashboard_regions_export"), PERIOD))
    codes = export.column("Kode wilayah")
    row = codes.index(world[0].code)
    # Region 0 reported TW II: fisik (600×50 + 400×30) ÷ 1000 = 42 %, realisasi 400 juta = 40 %.
    assert export.column("Rencana fisik (%)")[row] == 52.0
    assert export.column("Deviasi fisik (poin)")[row] == -10.0
    assert export.column("Rencana keuangan (% pagu)")[row] == 50.0
    assert export.column("Deviasi keuangan (poin)")[row] == -10.0
    cell = export.cells("Deviasi fisik (poin)")[row]
    assert cell.data_type == "n" and cell.number_format == PERCENT_FORMAT
    # The same figures as the absorption selector for every region; no target → empty, never 0.
    figures = absorption(2024, 2)
    for code, dev in zip(codes, export.column("Deviasi fisik (poin)"), strict=True):
        expected = figures.region(code).deviation_physical
        assert dev == (None if expected is None else float(round_percent(expected)))
    assert export.column("Deviasi fisik (poin)")[codes.index(world[7].code)] is None
    provinces = response_export(client.get(reverse("portal:dashboard_provinces_export"), PERIOD))
    assert provinces.column("Provinsi")[-1] == "Nasional"
    assert provinces.column("Deviasi fisik (poin)")[-1] == float(
        round_percent(figures.national.deviation_physical)
    )
