"""Report deadlines as users read them (eligibility: tests/realisasi/test_eligibility.py)."""

import datetime as dt

import pytest

from allocations.models import DeadlineExtension, FiscalYear, QuarterDeadline
from allocations.selectors import report_deadline
from allocations.selectors.deadlines import report_deadlines, with_calendar
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- deadlines


def test_a_ta_in_calendar_days_keeps_14_days_after_quarter_end():
    fy = FiscalYear.objects.create(
        year=2026, deadline_rule="HARI_KALENDER", report_deadline_days=14
    )
    assert [report_deadline(fy, q, None) for q in (1, 2, 3, 4)] == [
        dt.date(2026, 4, 14),
        dt.date(2026, 7, 14),
        dt.date(2026, 10, 14),
        dt.date(2027, 1, 14),
    ]


def test_override_replaces_one_quarter_only_and_offset_is_configurable():
    fy = FiscalYear.objects.create(
        year=2026, deadline_rule="HARI_KALENDER", report_deadline_days=10
    )
    QuarterDeadline.objects.create(
        fiscal_year=fy, quarter=2, deadline=dt.date(2026, 8, 15), decree="SE 5/2026"
    )
    region = RegionFactory()
    assert {q: report_deadline(fy, q, region) for q in (1, 2, 3, 4)} == {
        1: dt.date(2026, 4, 10),
        2: dt.date(2026, 8, 15),
        3: dt.date(2026, 10, 10),
        4: dt.date(2027, 1, 10),
    }


def test_deadlines_of_a_ta_with_its_calendar_cost_no_query(django_assert_num_queries):
    fy = FiscalYear.objects.create(year=2026)
    QuarterDeadline.objects.create(fiscal_year=fy, quarter=3, deadline=dt.date(2026, 11, 2))
    regions = [RegionFactory() for _ in range(3)]
    DeadlineExtension.objects.create(
        fiscal_year=fy, region=regions[0], quarter=3, until=dt.date(2026, 11, 30), reason="Banjir"
    )
    with django_assert_num_queries(2):  # the TA; its overrides, extensions and holidays
        [fy] = with_calendar(FiscalYear.objects.filter(pk=fy.pk))
    with django_assert_num_queries(0):
        deadlines = [report_deadline(fy, 3, r) for r in regions]
        all_quarters = report_deadlines(fy, regions[0])
    assert deadlines == [dt.date(2026, 11, 30), dt.date(2026, 11, 2), dt.date(2026, 11, 2)]
    assert all_quarters[3] == dt.date(2026, 11, 30)
