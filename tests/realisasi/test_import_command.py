"""`manage.py import_report`: same service, the JSON shape of issue 4, exit codes."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport

from .report_fixtures import FIXTURES, RK

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    return RK()


def run(*args) -> tuple[int, dict | str]:
    out = io.StringIO()
    try:
        call_command("import_report", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    text = out.getvalue()
    return code, (json.loads(text) if "--json" in args else text)


def test_accepted_json_and_exit_0(rk):
    code, result = run(
        str(FIXTURES / "valid.xlsx"), "--actor", rk.dinas.username, "--json", "--submit"
    )
    report = QuarterlyReport.objects.get()
    assert code == 0
    assert result == {
        "ok": True,
        "report_id": report.pk,
        "version": 1,
        "duplicate": False,
        "errors": [],
        "warnings": [],
    }
    assert report.status == ReportStatus.SUBMITTED


def test_duplicate_is_exit_0(rk):
    run(str(FIXTURES / "valid.xlsx"), "--actor", rk.dinas.username)
    code, result = run(str(FIXTURES / "valid.xlsx"), "--actor", rk.dinas.username, "--json")
    assert code == 0 and result["duplicate"] is True and result["version"] == 1


def test_rejected_json_and_exit_1(rk):
    code, result = run(str(FIXTURES / "over_pagu.xlsx"), "--actor", rk.dinas.username, "--json")
    assert code == 1
    assert result["ok"] is False and result["report_id"] is None and result["version"] is None
    assert result["errors"] == [
        {
            "row": 10,
            "column": "Realisasi Keuangan (Rp)",
            "value": "Rp300.000.001",
            "message": result["errors"][0]["message"],
        }
    ]
    assert "melebihi pagu" in result["errors"][0]["message"]
    assert not QuarterlyReport.objects.exists()


def test_dry_run_and_warnings(rk):
    code, result = run(
        str(FIXTURES / "warnings.xlsx"), "--actor", rk.dinas.username, "--json", "--dry-run"
    )
    assert code == 0 and result["ok"] and result["report_id"] is None
    assert set(result["warnings"][0]) == {"row", "column", "value", "message"}
    assert not QuarterlyReport.objects.exists()


def test_human_output(rk):
    code, text = run(str(FIXTURES / "bad_cells.xlsx"), "--actor", rk.dinas.username)
    assert code == 1 and "KESALAHAN [baris 9, Realisasi Keuangan (Rp)]" in text
