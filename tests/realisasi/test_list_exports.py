"""Excel exports of the report and alert lists: the page's filters, scoping, formula-safe text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport
from tests.dashboard_world import build_world
from tests.exports import response_export
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(6, findings=False)


def _rows(response) -> list[tuple]:
    """Header row then data rows (the title row above them is checked on its own)."""
    export = response_export(response)
    return [tuple(export.headers), *export.rows]


def test_report_export_uses_the_list_filters_and_province(client, world):
    client.force_login(make_user(Role.DITJEN))
    rows = _rows(client.get(reverse("realisasi:report_export"), {"tahun": 2024, "triwulan": 2}))
    assert rows[0][:6] == ("Kode wilayah", "Daerah", "TA", "Triwulan", "Versi", "Status")
    assert sorted(r[0] for r in rows[1:]) == sorted(
        r.code for r in world
    )  # latest version of each region
    drafts = _rows(
        client.get(
            reverse("realisasi:report_export"),
            {"tahun": 2024, "triwulan": 2, "status": ReportStatus.DRAFT},
        )
    )
    assert [(r[0], r[5]) for r in drafts[1:]] == [
        ("61.02", "Draf"),
        ("63.01", "Draf"),
    ]  # regions 2 and 5
    in_61 = _rows(client.get(reverse("realisasi:report_export"), {"tahun": 2024, "provinsi": "61"}))
    assert {r[0] for r in in_61[1:]} == {"61.01", "61.02"}


def test_report_export_neutralises_formulas_typed_by_people(client, world):
    QuarterlyReport.objects.filter(region=world[0], quarter=2).update(
        status=ReportStatus.RETURNED, return_reason='=HYPERLINK("http://x.invalid","klik")'
    )
    client.force_login(make_user(Role.DITJEN))
    response = client.get(
        reverse("realisasi:report_export"), {"tahun": 2024, "status": ReportStatus.RETURNED}
    )
    cell = response_export(response).cells("Alasan dikembalikan")[0]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s" and cell.quotePrefix


def test_dinas_exports_only_its_own_reports_and_alerts(client, world):
    client.force_login(make_user(Role.DINAS, region=world[2]))
    reports = _rows(client.get(reverse("realisasi:report_export"), {"tahun": 2024}))
    assert {r[0] for r in reports[1:]} == {world[2].code}
    alerts = _rows(client.get(reverse("realisasi:alert_export")))
    assert [r[1] for r in alerts[1:]] == [world[2].code]


def test_alert_export_uses_the_alert_list_filters(client, world):
    client.force_login(make_user(Role.PIMPINAN))
    rows = _rows(
        client.get(
            reverse("realisasi:alert_export"), {"status": "open", "year": 2024, "kind": "TERLAMBAT"}
        )
    )
    assert rows[0][:3] == ("Jenis", "Kode wilayah", "Daerah")
    assert sorted(r[1] for r in rows[1:]) == ["61.02", "63.01"]
    assert all(r[0] == "Laporan terlambat" and r[4] == "TW II" for r in rows[1:])
    assert _rows(client.get(reverse("realisasi:alert_export"), {"kind": "PENGINGAT"}))[1:] == []
    assert [
        r[1] for r in _rows(client.get(reverse("realisasi:alert_export"), {"provinsi": "63"}))[1:]
    ] == ["63.01"]
