"""Dashboard composition: default period, coverage and overdue, sorting, the findings panel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from allocations.models import QuarterDeadline
from portal.selectors import panels
from portal.selectors.dashboard import national_dashboard, regions_behind, sort_areas, trend
from realisasi.selectors.overdue import OverdueFilters, overdue_reports, report_overdue
from realisasi.selectors.period import period_from
from tests import factories
from tests.dashboard_world import build_world, expected_absorption
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_default_period_is_the_current_ta_and_its_latest_quarter_past_the_deadline():
    factories.fiscal_year(2025)
    fy = factories.fiscal_year(2026)
    assert (
        period_from({}, today=dt.date(2026, 11, 22)).year,
        period_from({}, today=dt.date(2026, 11, 22)).quarter,
    ) == (2026, 3)
    assert (
        period_from({}, today=dt.date(2026, 10, 14)).quarter == 2
    )  # TW III due 14 October: not yet past
    QuarterDeadline.objects.create(
        fiscal_year=fy, quarter=3, deadline=dt.date(2026, 12, 1)
    )  # extension decree
    assert period_from({}, today=dt.date(2026, 11, 22)).quarter == 2
    early = period_from({}, today=dt.date(2026, 2, 1))  # nothing of 2026 due yet: last year's TW IV
    assert (early.year, early.quarter) == (2025, 4)


def test_asked_period_wins_and_nonsense_falls_back():
    factories.fiscal_year(2024)
    factories.fiscal_year(2026)
    today = dt.date(2026, 11, 22)
    assert (
        period_from({"year": "2024"}, today=today).year,
        period_from({"year": "2024"}, today=today).quarter,
    ) == (2024, 4)
    asked = period_from({"year": "2024", "quarter": "2"}, today=today)
    assert (asked.year, asked.quarter, asked.years) == (2024, 2, (2026, 2024))
    junk = period_from({"year": "abc", "quarter": "9"}, today=today)
    assert (junk.year, junk.quarter) == (2026, 3)


def test_deadline_is_a_date_in_the_regions_own_zone():
    fy = factories.fiscal_year(2026)  # TW III due 14 October
    east = factories.region("91.71", tz="Asia/Jayapura")
    west = factories.region("32.04", tz="Asia/Jakarta")
    # 15 October 00:30 in Jayapura (WIT) is still 14 October 22:30 in Jakarta.
    instant = dt.datetime(2026, 10, 14, 15, 30, tzinfo=dt.UTC)
    assert report_overdue(fy, 3, east, counted=False, now=instant)
    assert not report_overdue(fy, 3, west, counted=False, now=instant)
    assert not report_overdue(fy, 3, east, counted=True, now=instant)


def test_national_figures_come_from_the_absorption_selector_and_coverage_counts_reports():
    build_world(9)
    user = make_user(Role.DITJEN)
    d = national_dashboard(user, period_from({"year": 2024, "quarter": 2}))
    assert d.national.absorption == expected_absorption(9)
    assert (d.coverage.expected, d.coverage.received, d.coverage.overdue, d.coverage.missing) == (
        9,
        6,
        3,
        3,
    )
    assert [r.code for r in d.behind][:3] == [
        "61.02",
        "63.01",
        "64.02",
    ]  # no counted TW II: 10 %, then by code
    assert all(
        d.behind[i].absorption <= d.behind[i + 1].absorption for i in range(len(d.behind) - 1)
    )


def test_overdue_is_not_counted_before_the_deadline():
    build_world(3)
    user = make_user(Role.DITJEN)
    fy = factories.fiscal_year(2024)
    QuarterDeadline.objects.create(
        fiscal_year=fy, quarter=2, deadline=timezone.localdate() + dt.timedelta(days=3)
    )
    d = national_dashboard(user, period_from({"year": 2024, "quarter": 2}))
    assert (d.coverage.received, d.coverage.overdue) == (2, 0)
    fresh = period_from({"year": 2024}).fiscal_year
    assert (
        overdue_reports(user, fresh, OverdueFilters(year=2024, quarter=2)) == []
    )  # TW II not yet due


def test_overdue_reports_rule_filters_and_scoping():
    regions = build_world(10)
    fy = factories.fiscal_year(2024)
    ditjen = make_user(Role.DITJEN)
    rows = overdue_reports(ditjen, fy, OverdueFilters(year=2024, quarter=2))
    assert [r.region.code for r in rows] == sorted(
        r.code for i, r in enumerate(regions) if i % 3 == 2
    )
    assert all(r.latest_status_label == "Draf" for r in rows)
    # TW III and TW IV of 2024: nobody reported, so all ten are overdue for each
    assert len(overdue_reports(ditjen, fy, OverdueFilters(year=2024))) == 3 + 10 + 10
    province = regions[2].parent
    in_prov = overdue_reports(ditjen, fy, OverdueFilters(year=2024, quarter=2, province=province))
    assert {r.region.parent_id for r in in_prov} == {province.pk}
    dinas = make_user(Role.DINAS, region=regions[2])
    assert {r.region.code for r in overdue_reports(dinas, fy, OverdueFilters(year=2024))} == {
        regions[2].code
    }


def test_sorting_puts_areas_without_a_figure_last():
    a = type("A", (), {"code": "1", "absorption": Decimal(5), "pagu": Decimal(1)})
    b = type("B", (), {"code": "2", "absorption": None, "pagu": Decimal(0)})
    c = type("C", (), {"code": "3", "absorption": Decimal(50), "pagu": Decimal(9)})
    assert [x.code for x in sort_areas([a, b, c], "-absorption")] == ["3", "1", "2"]
    assert [x.code for x in sort_areas([a, b, c], "absorption")] == ["1", "3", "2"]
    assert [x.code for x in sort_areas([c, b, a], "unknown")] == ["1", "2", "3"]
    assert regions_behind([a, b, c], limit=1) == [a]


def test_trend_covers_every_ta_since_2016_with_gaps_where_no_data():
    build_world(3)
    points = trend(make_user(Role.PIMPINAN))
    assert [p.year for p in points] == list(range(2016, 2025))
    assert points[0].pagu is None and points[0].absorption is None
    last = points[-1]
    assert last.pagu == Decimal(3_000_000_000) and last.region_count == 3
    assert last.absorption is not None  # TW IV snapshot: latest counted quarter carried forward


def test_the_pages_show_monevs_open_findings():
    regions = build_world(4)
    user = make_user(Role.INSPEKTORAT)
    national = panels.panels_for(panels.PanelScope(user=user, year=2024, quarter=2))
    assert [p.key for p in national] == ["monev.findings"] and national[0].context["total"] == 2
    region = panels.panels_for(
        panels.PanelScope(user=user, year=2024, quarter=2, region=regions[0])
    )
    assert (
        region[0].context["total"] == 1
        and region[0].context["findings"][0].region_id == regions[0].pk
    )
    dinas = make_user(Role.DINAS, region=regions[1])  # has no finding; must not see others'
    scoped = panels.panels_for(panels.PanelScope(user=dinas, year=2024, quarter=2))
    assert scoped[0].context["total"] == 0
