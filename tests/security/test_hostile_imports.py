"""Hostile and wrong files through the real import services, pages and API (issue 9, imports).

tests/spreadsheet/test_safety.py proves the guards of dakmonev.spreadsheet.safety one by one;
this module proves the services actually use them: all-or-nothing on 5,000 rows, refusal before
any parsing, bounded time and memory, clear Indonesian messages on the page and in the API, and
stored files that cannot escape MEDIA_ROOT.
"""

from __future__ import annotations

import tracemalloc
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from allocations.choices import RegionLevel
from allocations.models import Allocation, FiscalYear, PlannedActivity, Region, Sentra
from allocations.services.imports import allocations_import, rk_import
from realisasi.choices import UploadStatus
from realisasi.models import QuarterlyReport, ReportLine, ReportUpload
from realisasi.services.imports import report_import
from tests.factories import menu
from tests.realisasi.report_fixtures import fixture_bytes

from . import hostile_files as h
from .hostile_checks import API_UPLOAD, PAGU_HEADERS, RK_HEADERS, _api, _messages, _nothing_stored

pytestmark = pytest.mark.django_db


# -- a bad value in the last of 5,000 rows ------------------------------------------------------------
@pytest.mark.slow
def test_report_bad_last_of_5000_rows_stores_nothing_and_the_previous_version_stays_current(rk):
    region = rk.region
    h.big_rk(region, 2025)
    first = report_import(actor=rk.dinas, name="tw1.xlsx", data=h.big_report(region, 2025, 1))
    assert first.upload.status == UploadStatus.ACCEPTED, first.upload.errors[:3]
    v1 = first.report
    before = sorted(v1.lines.values_list("activity_id", "financial_realisation"))
    assert len(before) == h.BIG

    bad = report_import(
        actor=rk.dinas,
        name="tw1-revisi.xlsx",
        data=h.big_report(region, 2025, 1, bad_last=True, financial_base=20_000_000),
    )

    assert bad.upload.status == UploadStatus.REJECTED
    # header block (3 rows + a blank), the table header on row 5, lines on rows 6..5005
    assert [(e["row"], e["column"]) for e in bad.upload.errors] == [
        (5 + h.BIG, "Realisasi Keuangan (Rp)")
    ]
    assert QuarterlyReport.objects.filter(region=region).count() == 1
    current = QuarterlyReport.objects.get(
        region=region, fiscal_year__year=2025, quarter=1, is_current=True
    )
    assert current.pk == v1.pk and current.version == 1
    assert sorted(current.lines.values_list("activity_id", "financial_realisation")) == before
    assert ReportLine.objects.count() == h.BIG


def _rk_rows(region_code: str, year: int, n: int, *, bad_last: bool) -> list[list]:
    rows = [
        [
            year,
            region_code,
            f"BR-{i:04d}",
            "MESIN_PERALATAN",
            f"Kegiatan {i}",
            "Sentra Baru Hostile",
            1,
            "paket",
            90_000_000,
        ]
        for i in range(1, n + 1)
    ]
    if bad_last:
        rows[-1][3] = "MENU_KARANGAN"
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("actor_kind", ["ditjen", "dinas"])
def test_rk_bad_last_of_5000_rows_stores_nothing(rk, actor_kind):
    fy = FiscalYear.objects.create(year=2027)
    allocation = Allocation.objects.create(
        region=rk.region, fiscal_year=fy, pagu=h.LINE_PAGU * h.BIG
    )
    existing = PlannedActivity.objects.create(
        allocation=allocation,
        code="BR-0001",
        menu=menu(),
        description="Lama",
        pagu=Decimal("50000000"),
    )
    actor = rk.ditjen if actor_kind == "ditjen" else rk.dinas
    data = h.table_xlsx(RK_HEADERS, _rk_rows(rk.region.code, 2027, h.BIG, bad_last=True))

    outcome = rk_import(actor=actor, name="rk.xlsx", data=data)

    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [(1 + h.BIG, "menu")]
    assert list(PlannedActivity.objects.filter(allocation=allocation)) == [existing]
    existing.refresh_from_db()
    assert (existing.pagu, existing.description) == (Decimal("50000000"), "Lama")
    assert not Sentra.objects.filter(name="Sentra Baru Hostile").exists()


@pytest.mark.slow
def test_pagu_bad_last_of_5000_rows_stores_nothing(rk):
    province = Region.objects.create(code="50", name="Provinsi Uji", level=RegionLevel.PROVINSI)
    regions = Region.objects.bulk_create(
        [
            Region(
                code=f"{50 + k // 99}.{k % 99 + 1:02d}",
                name=f"Kabupaten Uji {k}",
                level=RegionLevel.KABUPATEN,
                parent=province,
            )
            for k in range(500)
        ]
    )
    years = list(range(2031, 2041))
    kept = Allocation.objects.create(
        region=regions[0],
        fiscal_year=FiscalYear.objects.create(year=2031),
        pagu=Decimal("1000000000"),
    )
    rows = [[y, r.code, 2_000_000_000] for r in regions for y in years]
    assert len(rows) == h.BIG
    rows[-1][2] = "dua miliar"
    allocations_before = Allocation.objects.count()

    outcome = allocations_import(
        actor=rk.ditjen, name="pagu.xlsx", data=h.table_xlsx(PAGU_HEADERS, rows)
    )

    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [(1 + h.BIG, "pagu")]
    assert Allocation.objects.count() == allocations_before
    kept.refresh_from_db()
    assert kept.pagu == Decimal("1000000000")
    assert not FiscalYear.objects.filter(year__in=years[1:]).exists()


# -- over the size cap: refused before any parsing ----------------------------------------------------
def test_report_over_the_size_cap_is_refused_before_parsing(rk, settings, parse_calls):
    data = fixture_bytes("valid.xlsx")
    settings.DAK_UPLOAD_MAX_BYTES = len(data) - 1
    outcome = report_import(actor=rk.dinas, name="valid.xlsx", data=data)
    assert outcome.upload.status == UploadStatus.REJECTED
    assert "terlalu besar" in _messages(outcome)
    assert parse_calls == {"load_workbook": 0, "inspect_xlsx": 0}
    _nothing_stored()
    # The same file under the cap is parsed (the spies do see parsing when it happens).
    settings.DAK_UPLOAD_MAX_BYTES = len(data)
    assert (
        report_import(actor=rk.dinas, name="valid.xlsx", data=data).upload.status
        == UploadStatus.ACCEPTED
    )
    assert parse_calls == {"load_workbook": 1, "inspect_xlsx": 1}


def test_api_upload_over_the_size_cap_is_422_before_parsing(rk, settings, parse_calls):
    data = fixture_bytes("valid.xlsx")
    settings.DAK_UPLOAD_MAX_BYTES = 1024
    response = _api(rk.dinas).post(
        API_UPLOAD, {"file": SimpleUploadedFile("valid.xlsx", data)}, format="multipart"
    )
    assert response.status_code == 422, response.content
    assert "terlalu besar" in response.json()["errors"][0]["message"]
    assert parse_calls == {"load_workbook": 0, "inspect_xlsx": 0}
    _nothing_stored()


def test_page_upload_over_the_size_cap_is_refused_by_the_form(client, rk, settings, parse_calls):
    settings.DAK_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(rk.dinas)
    big = SimpleUploadedFile("besar.xlsx", b"PK\x03\x04" + b"\0" * (1024 * 1024 + 1))
    response = client.post(reverse("realisasi:upload"), {"file": big})
    assert response.status_code == 200
    assert "Berkas terlalu besar; batasnya 1 MB." in response.content.decode()
    assert not ReportUpload.objects.exists()
    assert parse_calls == {"load_workbook": 0, "inspect_xlsx": 0}


@pytest.mark.parametrize("importer", ["rk", "pagu"])
def test_tabular_imports_over_the_size_cap_are_refused_before_parsing(
    rk, settings, parse_calls, importer
):
    data = h.table_xlsx(PAGU_HEADERS, [[2024, "32.04", 1]])
    settings.DAK_UPLOAD_MAX_BYTES = len(data) - 1
    run = rk_import if importer == "rk" else allocations_import
    outcome = run(actor=rk.ditjen, name="berkas.xlsx", data=data)
    assert not outcome.ok and "terlalu besar" in outcome.errors[0].message
    assert parse_calls == {"load_workbook": 0, "inspect_xlsx": 0}


# -- a declared dimension that lies: 1,000,000 rows behind "A1:C3" -----------------------------------
def _measured(run):
    """The result and the peak of Python allocations in MB. Time is measured by `make bench`
    (section 5), not asserted here: on a loaded CI machine a wall-clock bound only tests the load;
    what keeps these files cheap is that nothing reads them whole (load_workbook never runs)."""
    tracemalloc.start()
    try:
        result = run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak / (1024 * 1024)


@pytest.mark.parametrize("importer", ["report", "rk", "pagu"])
def test_million_rows_behind_a_small_dimension_are_refused_by_the_row_cap(
    rk, parse_calls, importer
):
    data = h.lying_dimension(1_000_000)
    assert len(data) < 1024 * 1024  # small on disk; ~40 MB of XML once unzipped
    if importer == "report":
        outcome, peak_mb = _measured(
            lambda: report_import(actor=rk.dinas, name="x.xlsx", data=data)
        )
        message = _messages(outcome)
        assert outcome.upload.status == UploadStatus.REJECTED
    else:
        run = rk_import if importer == "rk" else allocations_import
        outcome, peak_mb = _measured(lambda: run(actor=rk.ditjen, name="x.xlsx", data=data))
        message = outcome.errors[0].message
        assert not outcome.ok
    assert "batas baris" in message
    assert parse_calls["load_workbook"] == 0
    assert peak_mb < 100, f"peak {peak_mb:.1f} MB"
    _nothing_stored()


# -- zip bombs ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("bomb", ["honest", "lying_header"])
@pytest.mark.parametrize("importer", ["report", "rk"])
def test_zip_bomb_is_refused_before_openpyxl_reads_it(rk, parse_calls, bomb, importer):
    data = h.zip_bomb(300) if bomb == "honest" else h.lying_zip_bomb(300)
    assert len(data) < 1024 * 1024  # 300 MB once unzipped
    if importer == "report":
        outcome, peak_mb = _measured(
            lambda: report_import(actor=rk.dinas, name="bom.xlsx", data=data)
        )
        message = _messages(outcome)
    else:
        outcome, peak_mb = _measured(lambda: rk_import(actor=rk.ditjen, name="bom.xlsx", data=data))
        message = outcome.errors[0].message
    expected = "zip bomb" if bomb == "honest" else "rusak"  # a lying header ends in a CRC error
    assert expected in message
    assert parse_calls["load_workbook"] == 0
    assert peak_mb < 100, peak_mb
    _nothing_stored()


# -- XML entity tricks --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["billion_laughs", "external_entity"])
@pytest.mark.parametrize("importer", ["report", "rk", "pagu"])
def test_entity_payloads_are_refused(rk, parse_calls, kind, importer):
    data = h.entity_payload(kind)
    if importer == "report":
        outcome = report_import(actor=rk.dinas, name="x.xlsx", data=data)
        message = _messages(outcome)
    else:
        run = rk_import if importer == "rk" else allocations_import
        outcome = run(actor=rk.ditjen, name="x.xlsx", data=data)
        message = outcome.errors[0].message
    assert "DTD/entity" in message
    assert parse_calls["load_workbook"] == 0
    _nothing_stored()
