"""Hostile and wrong files through the real import services, pages and API (issue 9, imports).

tests/spreadsheet/test_safety.py proves the guards of dakmonev.spreadsheet.safety one by one;
this module proves the services actually use them: all-or-nothing on 5,000 rows, refusal before
any parsing, bounded time and memory, clear Indonesian messages on the page and in the API, and
stored files that cannot escape MEDIA_ROOT.
"""

from __future__ import annotations

import re
import tracemalloc
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tokens import token_issue
from allocations.choices import RegionLevel
from allocations.models import Allocation, FiscalYear, PlannedActivity, Region, Sentra
from allocations.services.imports import allocations_import, rk_import
from dakmonev.spreadsheet import safety
from realisasi.choices import UploadStatus
from realisasi.models import QuarterlyReport, ReportLine, ReportUpload
from realisasi.services.imports import report_import
from tests.factories import menu
from tests.realisasi.report_fixtures import RK, fixture_bytes

from . import hostile_files as h

pytestmark = pytest.mark.django_db
API_UPLOAD = "/api/v1/reports/upload/"
RK_HEADERS = [
    "tahun",
    "kode_wilayah",
    "kode_kegiatan",
    "menu",
    "uraian",
    "sentra",
    "volume",
    "satuan",
    "pagu",
]
PAGU_HEADERS = ["tahun", "kode_wilayah", "pagu"]


@pytest.fixture
def rk():
    return RK()


@pytest.fixture
def parse_calls(monkeypatch):
    """Records every attempt to parse a workbook (openpyxl) or to open it as a zip for inspection."""
    calls = {"load_workbook": 0, "inspect_xlsx": 0}
    real_load, real_inspect = openpyxl.load_workbook, safety.inspect_xlsx

    def load(*args, **kwargs):
        calls["load_workbook"] += 1
        return real_load(*args, **kwargs)

    def inspect(*args, **kwargs):
        calls["inspect_xlsx"] += 1
        return real_inspect(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", load)
    monkeypatch.setattr(safety, "inspect_xlsx", inspect)
    return calls


def _messages(outcome) -> str:
    return " ".join(e["message"] for e in outcome.upload.errors)


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
    return client


def _nothing_stored() -> None:
    assert not QuarterlyReport.objects.exists() and not ReportLine.objects.exists()


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


# -- wrong kinds of file: clear Indonesian messages on the page and in the API ------------------------
WRONG_KINDS = [
    pytest.param("laporan.xlsm", h.macro_workbook, "berisi makro", id="xlsm-by-name"),
    pytest.param("laporan.xlsx", h.macro_workbook, "berisi makro", id="macros-renamed-xlsx"),
    pytest.param("laporan.xlsx", h.encrypted_workbook, "dilindungi kata sandi", id="encrypted"),
    pytest.param(
        "laporan.xls", lambda: h.XLS_97, "Format .xls (Excel 97–2003) tidak diterima", id="xls"
    ),
    pytest.param(
        "laporan.xlsx",
        lambda: h.XLS_97,
        "Format .xls (Excel 97–2003) tidak diterima",
        id="xls-renamed",
    ),
    pytest.param("laporan.csv", lambda: h.CSV_REPORT, "Berkas CSV tidak diterima", id="csv"),
    pytest.param(
        "laporan.xlsx", lambda: h.CSV_REPORT, "Berkas bukan Excel .xlsx yang sah", id="csv-renamed"
    ),
    pytest.param(
        "laporan.xlsx", lambda: h.HTML_AS_XLSX, "halaman web (HTML/XML)", id="html-renamed"
    ),
]


@pytest.mark.parametrize("name, make, expected", WRONG_KINDS)
def test_wrong_kind_on_the_upload_page_gets_a_clear_message(
    client, rk, django_capture_on_commit_callbacks, name, make, expected
):
    client.force_login(rk.dinas)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("realisasi:upload"), {"file": SimpleUploadedFile(name, make())}
        )
    upload = ReportUpload.objects.get()
    assert response.status_code == 302
    assert upload.status == UploadStatus.REJECTED
    page = client.get(reverse("realisasi:upload_status", args=[upload.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Berkas ditolak" in body and expected in body
    assert "Save As" in body or "kata sandi" in body  # it says what to do next
    _nothing_stored()


@pytest.mark.parametrize("name, make, expected", WRONG_KINDS)
def test_wrong_kind_through_the_api_is_422_with_the_message(rk, name, make, expected):
    response = _api(rk.dinas).post(
        API_UPLOAD, {"file": SimpleUploadedFile(name, make())}, format="multipart"
    )
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["ok"] is False and body["error"]["code"] == "rejected"
    assert expected in body["errors"][0]["message"]
    _nothing_stored()


# -- file names ---------------------------------------------------------------------------------------
HOSTILE_NAMES = [
    "../../x.xlsx",
    "..\\..\\x.xlsx",
    "/etc/passwd.xlsx",
    'a"b\r\nSet-Cookie: s=1.xlsx',
    "<script>alert(1)</script>.xlsx",
]
GENERATED = re.compile(r"^uploads/reports/\d{4}/\d{2}/[0-9a-f]{32}\.xlsx$")


def _stored_safely(upload: ReportUpload, media_root: str) -> None:
    assert GENERATED.match(upload.original.name), upload.original.name
    path = Path(upload.original.path).resolve()
    assert path.is_relative_to(Path(media_root).resolve()) and path.is_file()
    assert path.read_bytes() == fixture_bytes("valid.xlsx")


def _safe_disposition(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    filename = re.search(r'filename="([^"]*)"', disposition).group(1)
    assert not set(filename) & set('/\\\r\n"<>'), filename
    return filename


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_through_the_service_are_stored_under_generated_names(
    rk, settings, client, name
):
    outcome = report_import(actor=rk.dinas, name=name, data=fixture_bytes("valid.xlsx"))
    assert outcome.upload.status == UploadStatus.ACCEPTED
    _stored_safely(outcome.upload, settings.MEDIA_ROOT)
    assert not (Path(settings.MEDIA_ROOT).parent.parent / "x.xlsx").exists()
    client.force_login(rk.dinas)
    download = client.get(reverse("realisasi:upload_original", args=[outcome.upload.pk]))
    assert download.status_code == 200
    assert _safe_disposition(download).endswith(".xlsx")
    assert b"".join(download.streaming_content) == fixture_bytes("valid.xlsx")
    page = client.get(reverse("realisasi:upload_status", args=[outcome.upload.pk])).content.decode()
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("name", ["../../x.xlsx", "..\\..\\x.xlsx"])
def test_hostile_names_through_the_page_and_the_api(
    rk, settings, client, django_capture_on_commit_callbacks, name
):
    client.force_login(rk.dinas)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("realisasi:upload"),
            {"file": SimpleUploadedFile(name, fixture_bytes("valid.xlsx"))},
        )
    from_page = ReportUpload.objects.get()
    _stored_safely(from_page, settings.MEDIA_ROOT)
    assert from_page.original_name == "x.xlsx"  # Django keeps only the last path segment
    response = _api(rk.other_dinas).post(
        API_UPLOAD,
        {"file": SimpleUploadedFile(name, fixture_bytes("valid.xlsx"))},
        format="multipart",
    )
    assert (
        response.status_code == 422
    )  # 32.04's file for 35.07's account: rejected, but kept safely
    from_api = ReportUpload.objects.exclude(pk=from_page.pk).get()
    _stored_safely(from_api, settings.MEDIA_ROOT)
    assert "/" not in from_api.original_name and "\\" not in from_api.original_name


def test_annotated_download_of_a_hostile_name_is_a_safe_attachment(rk, client):
    outcome = report_import(
        actor=rk.dinas, name='..\\"><img src=x>.xlsx', data=fixture_bytes("bad_cells.xlsx")
    )
    assert outcome.upload.status == UploadStatus.REJECTED
    client.force_login(rk.dinas)
    response = client.get(reverse("realisasi:upload_annotated", args=[outcome.upload.pk]))
    assert response.status_code == 200
    assert _safe_disposition(response).endswith("-kesalahan.xlsx")
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
