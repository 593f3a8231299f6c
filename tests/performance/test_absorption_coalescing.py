"""A surge of counted reports shares absorption refreshes, and the snapshots still equal a fresh
computation afterwards (issue 10: no stale figures after a submission)."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from realisasi.choices import ReportStatus
from realisasi.models import AbsorptionSnapshot, QuarterlyReport, SnapshotScope
from realisasi.services import absorption as absorption_services
from realisasi.services.absorption import absorption_recompute_batch
from realisasi.services.reports import report_submit
from tests import factories
from tests.factories import make_user
from tests.realisasi.test_absorption_snapshots import _assert_snapshots_equal_fresh

pytestmark = pytest.mark.django_db
M = 1_000_000
YEAR = 2025


@pytest.fixture
def drafts():
    """Five regions, each with a draft TW II report waiting to be submitted."""
    reports = []
    for i in range(5):
        reg = factories.region(f"35.{10 + i}")
        _, acts = factories.allocation_with_lines(reg, YEAR, [500 * M, 500 * M])
        reports.append(
            factories.report(
                reg,
                YEAR,
                2,
                [(acts[0], (100 + i) * M, 40), (acts[1], 50 * M, 20)],
                status=ReportStatus.DRAFT,
            )
        )
    return reports


@pytest.fixture
def refreshes(monkeypatch):
    """Counts the real refreshes (each still runs)."""
    calls = []
    real = absorption_services.absorption_snapshots_refresh

    def counting(**kwargs):
        calls.append(kwargs["year"])
        return real(**kwargs)

    monkeypatch.setattr(absorption_services, "absorption_snapshots_refresh", counting)
    return calls


def _submit(report, actor):
    return report_submit(actor=actor, report=QuarterlyReport.objects.get(pk=report.pk))


def _national_q4():
    return AbsorptionSnapshot.objects.get(
        fiscal_year__year=YEAR, scope=SnapshotScope.NATION, quarter=4
    )


def test_reports_counted_in_a_batch_share_one_refresh(
    drafts, refreshes, django_capture_on_commit_callbacks
):
    actor = make_user(Role.DITJEN)
    with absorption_recompute_batch():
        for report in drafts:
            with django_capture_on_commit_callbacks(execute=True):
                _submit(report, actor)
        assert refreshes == []  # nothing recomputed while the surge goes on
    assert refreshes == [YEAR]
    _assert_snapshots_equal_fresh(YEAR)
    assert _national_q4().financial_realisation == sum((100 + i + 50) * M for i in range(5))


def test_batch_refreshes_even_when_it_ends_with_an_error(
    drafts, refreshes, django_capture_on_commit_callbacks
):
    actor = make_user(Role.DITJEN)
    with pytest.raises(RuntimeError), absorption_recompute_batch():
        with django_capture_on_commit_callbacks(execute=True):
            _submit(drafts[0], actor)
        raise RuntimeError("berkas berikutnya gagal")
    assert refreshes == [YEAR]
    assert _national_q4().financial_realisation == 150 * M


def test_without_a_batch_every_counted_report_is_in_the_snapshots_at_once(
    drafts, refreshes, django_capture_on_commit_callbacks
):
    # No broker (tasks in-process): nothing to coalesce with, so each report refreshes right away.
    actor = make_user(Role.DITJEN)
    total = 0
    for i, report in enumerate(drafts):
        with django_capture_on_commit_callbacks(execute=True):
            _submit(report, actor)
        total += (100 + i + 50) * M
        assert _national_q4().financial_realisation == total
    assert refreshes == [YEAR] * len(drafts)
    _assert_snapshots_equal_fresh(YEAR)
