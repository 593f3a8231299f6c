"""Workflow: submit, verify, return — who may do what (DOMAIN.md §5), history and what follows."""

from __future__ import annotations

import pytest

from dakmonev import figures_version
from dakmonev.errors import Conflict, DomainError, NotFound, NotPermitted
from realisasi.choices import ReportStatus
from realisasi.models import AbsorptionSnapshot, QuarterlyReport, SnapshotScope
from realisasi.services.imports import report_import
from realisasi.services.reports import report_return, report_submit, report_verify

from .report_fixtures import RK, builder, fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    return RK()


@pytest.fixture
def draft(rk):
    return report_import(actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx")).report


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run a service as its own committed transaction would, and tell what followed."""

    def run(service, **kwargs):
        version = figures_version.current()
        with django_capture_on_commit_callbacks(execute=True):
            result = service(**kwargs)
        report = kwargs["report"]
        snapshot = AbsorptionSnapshot.objects.filter(
            scope=SnapshotScope.REGION, region=report.region_id, quarter=report.quarter
        ).first()
        return result, figures_version.current() != version, snapshot

    return run


def test_dinas_submits_ditjen_verifies(rk, draft, after_commit):
    _, bumped, snapshot = after_commit(report_submit, actor=rk.dinas, report=draft)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED and draft.submitted_by == rk.dinas
    # What follows the submission, after its commit: figures renewed, snapshots recomputed.
    spent = sum(line.financial_realisation for line in draft.lines.all())
    assert bumped and spent > 0 and snapshot.financial_realisation == spent
    _, bumped, _ = after_commit(report_verify, actor=rk.ditjen, report=draft)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.VERIFIED and draft.verified_by == rk.ditjen and bumped
    history = list(draft.history.order_by("history_date").values_list("status", "history_user_id"))
    assert history[-2:] == [
        (ReportStatus.SUBMITTED, rk.dinas.pk),
        (ReportStatus.VERIFIED, rk.ditjen.pk),
    ]


def test_return_needs_a_reason_and_uncounts(rk, draft, after_commit):
    report_submit(actor=rk.dinas, report=draft)
    with pytest.raises(DomainError) as exc:
        report_return(actor=rk.ditjen, report=draft, reason="  ")
    assert exc.value.field == "reason"
    _, bumped, snapshot = after_commit(
        report_return, actor=rk.ditjen, report=draft, reason="RK-02 realisasi tidak sesuai SP2D"
    )
    draft.refresh_from_db()
    assert draft.status == ReportStatus.RETURNED and "SP2D" in draft.return_reason
    assert not QuarterlyReport.objects.counted().exists()
    assert bumped and snapshot.financial_realisation == 0 and snapshot.latest_quarter is None


def test_submitting_a_new_version_supersedes_the_counted_one(rk, draft):
    report_submit(actor=rk.dinas, report=draft)
    report_verify(actor=rk.ditjen, report=draft)
    v2 = report_import(
        actor=rk.dinas, name="p.xlsx", data=fixture_bytes("percent_format.xlsx")
    ).report
    draft.refresh_from_db()
    assert draft.status == ReportStatus.VERIFIED  # still counts until v2 is submitted
    report_submit(actor=rk.ditjen, report=v2)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUPERSEDED
    assert list(QuarterlyReport.objects.counted()) == [v2]


@pytest.mark.parametrize("role", ["inspector", "pimpinan"])
def test_others_cannot_submit(rk, draft, role):
    with pytest.raises(NotPermitted):
        report_submit(actor=getattr(rk, role), report=draft)


def test_another_regions_dinas_does_not_learn_the_report_exists(rk, draft):
    with pytest.raises(NotFound):
        report_submit(actor=rk.other_dinas, report=draft)


@pytest.mark.parametrize("role", ["inspector", "pimpinan", "dinas"])
def test_only_ditjen_verifies_or_returns(rk, draft, role):
    report_submit(actor=rk.dinas, report=draft)
    with pytest.raises(NotPermitted):
        report_verify(actor=getattr(rk, role), report=draft)
    with pytest.raises(NotPermitted):
        report_return(actor=getattr(rk, role), report=draft, reason="x")
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED


def test_state_rules(rk, draft):
    with pytest.raises(Conflict):
        report_verify(actor=rk.ditjen, report=draft)  # still a draft
    with pytest.raises(Conflict):
        report_return(actor=rk.ditjen, report=draft, reason="x")
    report_submit(actor=rk.dinas, report=draft)
    with pytest.raises(Conflict):
        report_submit(actor=rk.dinas, report=draft)  # already submitted
    other = builder.build(
        header=[("Kode Wilayah", "32.04"), ("Tahun Anggaran", 2024), ("Triwulan", 2)], totals=False
    )
    report_import(actor=rk.dinas, name="v2.xlsx", data=other)
    old_draft = report_import(
        actor=rk.dinas, name="v3.xlsx", data=fixture_bytes("percent_format.xlsx")
    ).report
    assert old_draft.version == 3
    v2 = QuarterlyReport.objects.get(version=2)
    assert v2.status == ReportStatus.SUPERSEDED
    with pytest.raises(Conflict):
        report_submit(actor=rk.dinas, report=v2)  # only the current version can be submitted
