"""Snapshots equal a fresh computation of the selector, and every trigger refreshes them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from allocations.choices import RegionLevel
from realisasi.choices import ReportStatus
from realisasi.models import AbsorptionSnapshot, SnapshotScope
from realisasi.selectors.absorption import absorption
from realisasi.services.absorption import absorption_snapshots_refresh, snapshot_value
from tests import factories

pytestmark = pytest.mark.django_db
M = 1_000_000


@pytest.fixture
def data():
    a, b, c = (
        factories.region("33.01"),
        factories.region("33.71", level=RegionLevel.KOTA),
        factories.region("34.02"),
    )
    _, acts_a = factories.allocation_with_lines(a, 2025, [300 * M, 33 * M])
    _, acts_b = factories.allocation_with_lines(b, 2025, [700 * M])
    factories.allocation_with_lines(c, 2025, [])
    factories.report(a, 2025, 1, [(acts_a[0], 100 * M, 33.33), (acts_a[1], 1 * M, 5)])
    factories.report(
        a,
        2025,
        3,
        [(acts_a[0], 299 * M, 97.5), (acts_a[1], 31 * M, 90)],
        status=ReportStatus.VERIFIED,
    )
    factories.report(b, 2025, 2, [(acts_b[0], 123_456_789, 17.77)])
    return a, b, c


def _fields(x, scope):
    common = (
        x.pagu,
        x.financial_realisation,
        snapshot_value(x.absorption),
        snapshot_value(x.physical_progress),
    )
    return (
        common
        if scope == SnapshotScope.REGION
        else common
        + (
            snapshot_value(x.mean_absorption),
            snapshot_value(x.mean_absorption_kabkota),
            x.region_count,
            x.reporting_count,
        )
    )


def _snap_fields(s):
    common = (s.pagu, s.financial_realisation, s.absorption, s.physical_progress)
    return (
        common
        if s.scope == SnapshotScope.REGION
        else common
        + (s.mean_absorption, s.mean_absorption_kabkota, s.region_count, s.reporting_count)
    )


def _assert_snapshots_equal_fresh(year):
    for quarter in (1, 2, 3, 4):
        fresh = absorption(year, quarter)
        snaps = AbsorptionSnapshot.objects.filter(fiscal_year__year=year, quarter=quarter)
        by_region = {s.region_id: s for s in snaps.filter(scope=SnapshotScope.REGION)}
        assert len(by_region) == len(fresh.regions)
        for r in fresh.regions:
            snap = AbsorptionSnapshot.objects.get(
                pk=by_region[r.region_id].pk
            )  # values as read back
            assert _snap_fields(snap) == _fields(r, SnapshotScope.REGION)
            assert snap.latest_quarter == r.latest_quarter
        for p in fresh.provinces:
            assert _snap_fields(
                snaps.get(scope=SnapshotScope.PROVINCE, region_id=p.region_id)
            ) == _fields(p, "P")
        assert _snap_fields(snaps.get(scope=SnapshotScope.NATION)) == _fields(fresh.national, "N")


def test_snapshots_equal_a_fresh_computation(data):
    count = absorption_snapshots_refresh(year=2025)
    assert count == 4 * (3 + 2 + 1)  # per quarter: 3 regions, 2 provinces, the nation
    _assert_snapshots_equal_fresh(2025)


def test_refresh_replaces_instead_of_duplicating(data):
    absorption_snapshots_refresh(year=2025)
    a = data[0]
    factories.report(a, 2025, 4, [(a.allocations.get().activities.get(code="RK-01"), 300 * M, 100)])
    absorption_snapshots_refresh(year=2025)
    assert AbsorptionSnapshot.objects.filter(fiscal_year__year=2025).count() == 24
    _assert_snapshots_equal_fresh(2025)
    assert (
        AbsorptionSnapshot.objects.get(
            scope=SnapshotScope.REGION, region=a, quarter=4
        ).financial_realisation
        == 300 * M
    )  # only Q4 lines count


def test_command_and_task_refresh_all_years(data, capsys):
    call_command("recompute_absorption", "--year", "2025")
    assert "TA 2025: 24 snapshot" in capsys.readouterr().out
    from realisasi.tasks import recompute_absorption_task

    assert recompute_absorption_task.delay().get() == 24
    _assert_snapshots_equal_fresh(2025)


def test_a_submission_refreshes_the_snapshots_after_its_commit(
    data, django_capture_on_commit_callbacks
):
    from realisasi.choices import ReportStatus
    from realisasi.services.reports import report_submit
    from tests.factories import ditjen

    b = data[1]
    line = b.allocations.get().activities.get()
    report = factories.report(b, 2025, 3, [(line, 350 * M, 50)], status=ReportStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(actor=ditjen(), report=report)
    snap = AbsorptionSnapshot.objects.get(scope=SnapshotScope.REGION, region=b, quarter=4)
    assert snap.financial_realisation == 350 * M and snap.latest_quarter == 3


def test_snapshots_are_scoped(data):
    from accounts.roles import Role
    from tests.factories import make_user

    absorption_snapshots_refresh(year=2025)
    dinas = make_user(Role.DINAS, region=data[0])
    assert set(
        AbsorptionSnapshot.objects.visible_to(dinas).values_list("region__code", "scope").distinct()
    ) == {("33.01", SnapshotScope.REGION)}
