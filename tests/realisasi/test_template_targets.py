"""The quarterly template shows each line's target for its quarter (read-only info, issue 18),
and the importer ignores those columns."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from allocations.models import ActivityTarget, PlannedActivity
from realisasi.exporters.template import build_template
from realisasi.importers.report import parse_report
from realisasi.selectors.reports import report_template_spec
from realisasi.services.imports import report_import

from .report_fixtures import RK

pytestmark = pytest.mark.django_db


def test_template_shows_the_quarters_targets_and_the_importer_ignores_them():
    rk = RK()
    line = PlannedActivity.objects.get(allocation__region=rk.region, code="RK-01")
    ActivityTarget.objects.create(
        activity=line, quarter=2, target_physical_pct=Decimal("40"), target_financial=Decimal("2e8")
    )
    ActivityTarget.objects.create(activity=line, quarter=3, target_physical_pct=Decimal("70"))
    data = build_template(report_template_spec(region=rk.region, year=2024, quarter=2))
    ws = openpyxl.load_workbook(io.BytesIO(data))["Laporan"]
    headers = [c.value for c in ws[8]]
    money, physical = (
        headers.index("Target keuangan TW II (Rp) — info") + 1,
        headers.index("Target fisik TW II (%) — info") + 1,
    )
    assert (ws.cell(9, money).value, ws.cell(9, physical).value) == (200000000, 40)
    assert ws.cell(10, money).value is None  # RK-02 has no target: empty, never 0
    result = parse_report(data)
    assert result.errors == [], result.errors
    assert [ln.physical_progress for ln in result.report.lines] == [0, 0, 0]  # actual, not plan
    assert report_import(actor=rk.dinas, name="templat.xlsx", data=data).ok
