"""Behind plan (TERTINGGAL, issue 18): one alert per region and quarter past the TA's threshold,
raised once with notifications to the region's dinas and Ditjen, resolved when caught up; the
dashboard counts and ranks the regions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from accounts.roles import Role
from allocations.models import FiscalYear, PlannedActivity, Region
from notifications.models import Notification
from realisasi.models import Alert, AlertKind
from realisasi.models.alerts import alert_event_key
from realisasi.services.alerts import check_behind_plan, check_overdue
from tests import factories
from tests.factories import make_user
from tests.realisasi.test_deviation import world  # noqa: F401 — the hand-computed example

pytestmark = pytest.mark.django_db
JULY_20 = dt.date(2024, 7, 20)  # TW II's deadline has passed, TW III's not yet
M = 1_000_000


def _fy(threshold: str) -> FiscalYear:
    fy = FiscalYear.objects.get(year=2024)
    fy.behind_plan_threshold = D(threshold)
    fy.save()
    return fy


def test_default_threshold_is_10_points_and_nobody_is_that_far_behind(world):  # noqa: F811
    assert FiscalYear.objects.get(year=2024).behind_plan_threshold == D("10.00")
    assert check_behind_plan(_fy("10"), as_of=JULY_20) == (0, 0)
    assert not Alert.objects.filter(kind=AlertKind.BEHIND_PLAN).exists()


def test_raised_once_per_region_and_quarter_told_to_dinas_and_ditjen(world):  # noqa: F811
    dinas, ditjen = world["dinas"], world["ditjen"]
    fy = _fy("3")  # A is 4 points behind as of TW II (46 planned, 42 actual)
    assert check_behind_plan(fy, as_of=JULY_20) == (1, 0)
    alert = Alert.objects.get(kind=AlertKind.BEHIND_PLAN)
    assert (alert.region.code, alert.quarter) == ("71.01", 2)
    assert alert.title == "Tertinggal dari rencana: Daerah 71.01 TW II TA 2024"
    assert "rencana 46,00 %" in alert.message and "deviasi -4,00 % poin" in alert.message
    assert set(
        Notification.objects.filter(event_key=alert_event_key(alert.pk)).values_list(
            "user", flat=True
        )
    ) == {
        dinas.pk,
        ditjen.pk,
    }
    assert check_behind_plan(fy, as_of=JULY_20) == (0, 0)  # once
    # the daily check runs it as well, and still raises nothing new
    check_overdue(as_of=JULY_20)
    assert Alert.objects.filter(kind=AlertKind.BEHIND_PLAN).count() == 1


def test_not_judged_before_the_quarter_is_due(world):  # noqa: F811
    # 20 June: TW II has no counted report of B and its deadline is ahead; A's TW II counts.
    fy = _fy("3")
    assert check_behind_plan(fy, as_of=dt.date(2024, 6, 20)) == (1, 0)
    # TW III and TW IV are not due on 20 July even though A is far behind the TW IV plan
    assert not Alert.objects.filter(kind=AlertKind.BEHIND_PLAN, quarter__gt=2).exists()


def test_resolved_when_caught_up(world):  # noqa: F811
    fy = _fy("3")
    check_behind_plan(fy, as_of=JULY_20)
    a = Region.objects.get(code="71.01")
    a1, a2 = PlannedActivity.objects.filter(allocation__region=a).order_by("code")
    factories.report(a, 2024, 2, [(a1, 300 * M, 60), (a2, 100 * M, 30)])  # 48 against 46
    assert check_behind_plan(fy, as_of=JULY_20) == (0, 1)
    assert Alert.objects.get(kind=AlertKind.BEHIND_PLAN).resolved_at is not None


def test_dashboard_counts_and_ranks_regions_behind_plan(client, world):  # noqa: F811
    _fy("3")
    client.force_login(make_user(Role.DITJEN))
    html = client.get(reverse("portal:dashboard") + "?year=2024&quarter=2").content.decode()
    assert 'data-panel="behind-plan"' in html
    assert '<span class="badge bad" data-count="behind-plan">1</span>' in html
    table = html.split('data-table="behind-plan"')[1].split("</table>")[0]
    assert table.index("71.01") < table.index("71.71")  # −4 before +5
    assert table.count('data-flagged="1"') == 1


def test_threshold_is_a_ta_rule_set_through_the_service_with_history(world):  # noqa: F811
    from allocations.services.fiscal_years import fiscal_year_update

    fy = FiscalYear.objects.get(year=2024)
    fiscal_year_update(actor=world["ditjen"], fiscal_year=fy, behind_plan_threshold=D("3"))
    fy.refresh_from_db()
    assert fy.behind_plan_threshold == D("3.00")
    assert fy.history.latest().history_user == world["ditjen"]
    assert check_behind_plan(fy, as_of=JULY_20) == (1, 0)
