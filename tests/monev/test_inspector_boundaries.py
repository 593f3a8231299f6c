"""Inspectors assess; they never edit a region's realisation report (enforced by realisasi's services)."""

from __future__ import annotations

import pytest

from dakmonev.errors import NotPermitted
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport, ReportUpload
from realisasi.services.imports import report_upload_receive
from realisasi.services.reports import report_return, report_submit, report_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    return QuarterlyReport.objects.create(
        region=world.a, fiscal_year=world.ta, quarter=2, version=1, created_by=world.dinas_a
    )


def test_inspector_cannot_submit_verify_or_return_a_regions_report(world, draft):
    with pytest.raises(NotPermitted):
        report_submit(actor=world.inspector, report=draft)
    with pytest.raises(NotPermitted):
        report_verify(actor=world.inspector, report=draft)
    with pytest.raises(NotPermitted):
        report_return(actor=world.inspector, report=draft, reason="tidak sesuai")
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT and draft.history.count() == 1  # only its creation


def test_inspector_cannot_upload_a_report(world):
    with pytest.raises(NotPermitted):
        report_upload_receive(
            actor=world.inspector, name="laporan.xlsx", data=b"PK\x03\x04", queue=False
        )
    assert ReportUpload.objects.count() == 0


def test_the_regions_own_dinas_can_submit_it(world, draft):
    report_submit(actor=world.dinas_a, report=draft)
    assert QuarterlyReport.objects.get(pk=draft.pk).status == ReportStatus.SUBMITTED
