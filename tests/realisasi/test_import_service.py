"""The import service: checks against the database, all-or-nothing storing, versions, duplicates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dakmonev.errors import NotPermitted
from realisasi.choices import ReportStatus, UploadStatus
from realisasi.models import QuarterlyReport, ReportLine, ReportUpload
from realisasi.services.imports import report_import

from .report_fixtures import RK, builder, fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    return RK()


def _import(actor, name, **kwargs):
    data = kwargs.pop("data", None) or fixture_bytes(name)
    return report_import(actor=actor, name=name, data=data, **kwargs)


def _nothing_stored():
    assert QuarterlyReport.objects.count() == 0
    assert ReportLine.objects.count() == 0


def _one(issues, **match):
    found = [i for i in issues if all(i[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, issues)
    return found[0]


def test_valid_file_becomes_version_1_draft_with_its_lines(rk):
    outcome = _import(rk.dinas, "valid.xlsx")
    assert outcome.ok and not outcome.duplicate, outcome.upload.errors
    report = outcome.report
    assert (report.region, report.quarter, report.version, report.status, report.is_current) == (
        rk.region,
        2,
        1,
        ReportStatus.DRAFT,
        True,
    )
    lines = {ln.activity.code: ln for ln in report.lines.select_related("activity")}
    assert lines["RK-01"].financial_realisation == Decimal("240000000.00")
    assert lines["RK-01"].physical_progress == Decimal("50.00")
    assert lines["RK-02"].procurement_stage == "KONTRAK"
    assert lines["RK-03"].problem_codes == [6, 9]
    upload = outcome.upload
    assert upload.status == UploadStatus.ACCEPTED and upload.report == report
    assert upload.original.read() == fixture_bytes("valid.xlsx")
    assert len(upload.sha256) == 64 and upload.progress == 100


def test_presentation_variants_are_accepted(rk):
    outcome = _import(rk.dinas, "valid_presentation.xlsx")
    assert outcome.ok, outcome.upload.errors
    assert outcome.report.lines.count() == 3


def test_same_bytes_again_is_duplicate_and_creates_nothing(rk):
    first = _import(rk.dinas, "valid.xlsx")
    again = _import(rk.dinas, "valid.xlsx")
    assert again.ok and again.duplicate
    assert again.upload.status == UploadStatus.DUPLICATE
    assert again.as_json()["report_id"] == first.report.pk
    assert QuarterlyReport.objects.count() == 1 and ReportLine.objects.count() == 3


def test_each_accepted_upload_is_a_new_current_version(rk):
    first = _import(rk.dinas, "valid.xlsx").report
    second = _import(rk.dinas, "percent_format.xlsx").report
    first.refresh_from_db()
    assert (second.version, second.is_current) == (2, True)
    assert (first.is_current, first.status) == (False, ReportStatus.SUPERSEDED)
    assert first.lines.count() == 3  # earlier versions stay readable


def test_submit_flag_submits_the_new_version(rk):
    report = _import(rk.dinas, "valid.xlsx", submit=True).report
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == rk.dinas


@pytest.mark.parametrize(
    "name,match,message_part",
    [
        (
            "unknown_code.xlsx",
            {"row": 12, "column": "Kode Kegiatan", "value": "RK-99"},
            "tidak ada dalam RK",
        ),
        (
            "missing_rk_line.xlsx",
            {"row": None, "column": "Kode Kegiatan", "value": "RK-03"},
            "belum ada di laporan",
        ),
        (
            "over_pagu.xlsx",
            {"row": 10, "column": "Realisasi Keuangan (Rp)"},
            "melebihi pagu kegiatan RK-02",
        ),
        (
            "other_region.xlsx",
            {"row": 1, "column": "Kode Wilayah", "value": "35.07"},
            "Unggah laporan wilayah Anda sendiri",
        ),
        (
            "no_allocation.xlsx",
            {"row": 2, "column": "Tahun Anggaran", "value": "2031"},
            "tidak menerima alokasi",
        ),
        (
            "bad_cells.xlsx",
            {"row": 9, "column": "Realisasi Fisik (%)", "value": "120"},
            "antara 0 dan 100",
        ),
        (
            "formula_uncached.xlsx",
            {"row": 9, "column": "Realisasi Keuangan (Rp)"},
            "simpan dulu di Excel/LibreOffice",
        ),
        ("laporan_lama.xls", {"row": None}, "Simpan Sebagai"),
    ],
)
def test_errors_reject_the_whole_file_and_store_nothing(rk, name, match, message_part):
    outcome = _import(rk.dinas, name)
    assert not outcome.ok
    issue = _one(outcome.as_json()["errors"], **match)
    assert message_part in issue["message"]
    _nothing_stored()
    upload = ReportUpload.objects.get()
    assert upload.status == UploadStatus.REJECTED
    assert upload.original.read() == fixture_bytes(name)  # kept for the person to download back


def test_unknown_region_code(rk):
    data = builder.build(
        header=[("Kode Wilayah", "99.99"), ("Tahun Anggaran", 2024), ("Triwulan", 2)]
    )
    outcome = _import(rk.ditjen, "x.xlsx", data=data)
    issue = _one(outcome.as_json()["errors"], row=1, column="Kode Wilayah")
    assert "tidak terdaftar" in issue["message"]
    _nothing_stored()


def test_ditjen_may_upload_for_any_region(rk):
    data = builder.build(
        header=[("Kode Wilayah", "35.07"), ("Tahun Anggaran", 2024), ("Triwulan", 2)]
    )
    outcome = _import(rk.ditjen, "x.xlsx", data=data)
    # 35.07 has an allocation but no RK lines: every code is unknown there.
    assert not outcome.ok
    assert {e["value"] for e in outcome.upload.errors} == {"RK-01", "RK-02", "RK-03"}
    assert outcome.upload.region == rk.other_region


@pytest.mark.parametrize("role", ["inspector", "pimpinan"])
def test_inspectors_and_pimpinan_cannot_upload(rk, role):
    with pytest.raises(NotPermitted):
        _import(getattr(rk, role), "valid.xlsx")
    assert not ReportUpload.objects.exists()


def test_warnings_are_stored_and_shown(rk):
    outcome = _import(rk.dinas, "warnings.xlsx")
    assert outcome.ok, outcome.upload.errors
    warnings = outcome.as_json()["warnings"]
    _one(warnings, row=2, column="Nama Daerah")  # "Kota Bandung" is not 32.04 Kabupaten Bandung
    assert "berbeda dengan pagu RK" in _one(warnings, row=6, column="Pagu (Rp)")["message"]
    ahead = [w for w in warnings if "mendahului realisasi fisik" in w["message"]]
    assert [(w["row"], w["column"]) for w in ahead] == [(6, "Realisasi Keuangan (Rp)")]
    assert "melebihi pagu" in _one(warnings, row=7, column="Nilai Kontrak (Rp)")["message"]
    above_contract = [w for w in warnings if "melebihi nilai kontrak" in w["message"]]
    assert {w["row"] for w in above_contract} == {8}
    assert (
        "belum 'Selesai (BAST)'" in _one(warnings, row=8, column="Realisasi Fisik (%)")["message"]
    )
    assert outcome.report.warnings == outcome.upload.warnings


def test_totals_mismatch_is_a_warning(rk):
    outcome = _import(rk.dinas, "totals_mismatch.xlsx")
    assert outcome.ok
    _one(outcome.as_json()["warnings"], row=12, column="Realisasi Keuangan (Rp)")


def test_lower_than_previous_quarter_is_a_warning(rk):
    q1 = builder.build(
        header=[("Kode Wilayah", "32.04"), ("Tahun Anggaran", 2024), ("Triwulan", "TW I")],
        lines=[
            ("RK-01", "", 500_000_000, None, "PELAKSANAAN", 250_000_000, 60, 1, "", ""),
            *builder.GOOD_LINES[1:],
        ],
        totals=False,
    )
    assert _import(rk.dinas, "q1.xlsx", data=q1, submit=True).ok
    outcome = _import(rk.dinas, "valid.xlsx")  # RK-01: 240 juta / 50 % in TW II
    warnings = outcome.as_json()["warnings"]
    assert (
        "lebih rendah dari laporan TW 1"
        in _one(warnings, row=9, column="Realisasi Keuangan (Rp)")["message"]
    )
    assert "lebih rendah" in _one(warnings, row=9, column="Realisasi Fisik (%)")["message"]


def test_dry_run_previews_and_stores_nothing(rk):
    outcome = _import(rk.dinas, "valid.xlsx", dry_run=True)
    assert outcome.ok and outcome.upload.status == UploadStatus.PREVIEWED
    assert [p["code"] for p in outcome.upload.preview] == ["RK-01", "RK-02", "RK-03"]
    assert outcome.as_json()["report_id"] is None
    _nothing_stored()


def test_processing_twice_changes_nothing(rk):
    from realisasi.services.imports import report_upload_process

    outcome = _import(rk.dinas, "valid.xlsx")
    again = report_upload_process(upload_id=outcome.upload.pk)
    assert again.upload.status == UploadStatus.ACCEPTED
    assert QuarterlyReport.objects.count() == 1 and ReportLine.objects.count() == 3


def test_store_path_uses_a_constant_number_of_queries(rk, django_assert_max_num_queries):
    data = builder.build(lines=builder.GOOD_LINES, totals=False)
    with django_assert_max_num_queries(30) as small:
        _import(rk.dinas, "a.xlsx", data=data)
    for n in range(4, 40):
        from tests.factories import PlannedActivityFactory

        PlannedActivityFactory(allocation=rk.allocation, code=f"RK-{n:02d}", pagu=Decimal(1000))
    lines = list(builder.GOOD_LINES) + [
        (f"RK-{n:02d}", "", 1000, None, "PERSIAPAN", 0, 0, 0, "", "") for n in range(4, 40)
    ]
    with django_assert_max_num_queries(len(small.captured_queries)):
        tw3 = [("Kode Wilayah", "32.04"), ("Tahun Anggaran", 2024), ("Triwulan", 3)]
        outcome = _import(
            rk.dinas, "b.xlsx", data=builder.build(header=tw3, lines=lines, totals=False)
        )
    assert outcome.ok and outcome.report.lines.count() == 39
