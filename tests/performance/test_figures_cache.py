"""Cached figures (absorption and the TA list) are never older than the last commit.

Each test turns the figures cache on (it is off in the rest of the suite, except CI's second
pass), opens a page so its figures are cached, changes something through the service a user
would use, and opens the page again: what the user sees must be the change, at once. Pages
themselves are not cached (README, "Caching").
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.roles import Role
from allocations.choices import RegionLevel, RegionTimezone
from allocations.services.activities import ActivityInput, activity_update
from allocations.services.allocations import allocation_set
from allocations.services.fiscal_years import fiscal_year_update, quarter_deadline_set
from allocations.services.reference import region_save
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport
from realisasi.services.reports import report_submit
from tests.dashboard_world import build_world
from tests.factories import make_user

pytestmark = pytest.mark.django_db
PERIOD = {"year": 2024, "quarter": 2}
PAGES = [
    ("portal:dashboard", ()),
    ("portal:province_detail", ("63",)),
    ("portal:region_detail", ("63.01",)),
]


@pytest.fixture
def cached(settings):
    settings.FIGURES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_world(3)  # 61.01 and 62.01 reported TW II; 63.01 has only a draft


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as its own committed transaction would (on-commit callbacks included)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def boss(client):
    user = make_user(Role.DITJEN)
    client.force_login(user)
    return user


def _get(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), {**PERIOD, **params})
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _kpi(page: str, key: str) -> str:
    return re.search(rf'data-kpi="{key}">.*?<div class="value">(.*?)</div>', page).group(1)


def test_a_submission_shows_at_once_on_all_three_pages(cached, world, client, boss, commit):
    before = [_get(client, name, *args) for name, args in PAGES]
    assert _kpi(before[2], "realisasi") == "Rp100.000.000"  # TW I carried forward (60 + 40 juta)
    assert _kpi(before[0], "laporan") == "2 / 3"
    draft = QuarterlyReport.objects.get(region=world[2], quarter=2, status=ReportStatus.DRAFT)
    commit(report_submit, actor=boss, report=draft)
    after = [_get(client, name, *args) for name, args in PAGES]
    assert _kpi(after[0], "laporan") == "3 / 3"
    assert _kpi(after[1], "laporan") == "1 / 1"
    assert _kpi(after[2], "realisasi") == "Rp2.000.000"  # the draft's 1 + 1 juta now counts
    assert "Diterima" in after[2] and "Terlambat" not in _kpi(after[2], "laporan")


def test_the_pagu_shown_is_exact_after_a_change(cached, world, client, boss, commit):
    assert _kpi(_get(client, "portal:region_detail", "61.01"), "pagu") == "Rp1.000.000.000"
    fy = world[0].allocations.get().fiscal_year
    commit(allocation_set, actor=boss, region=world[0], fiscal_year=fy, pagu=Decimal("1250000000"))
    assert _kpi(_get(client, "portal:region_detail", "61.01"), "pagu") == "Rp1.250.000.000"


def test_an_rk_line_change_reweighs_physical_progress_at_once(cached, world, client, boss, commit):
    # 61.01 TW II: line 1 (600 juta) at 50 %, line 2 (400 juta) at 30 %: 42 % weighted by pagu.
    assert _kpi(_get(client, "portal:region_detail", "61.01"), "fisik") == "42,00 %"
    first = world[0].allocations.get().activities.order_by("code").first()
    values = ActivityInput(
        code=first.code,
        menu=first.menu,
        description=first.description,
        volume=first.volume,
        unit=first.unit,
        pagu=Decimal("400000000"),
    )
    commit(activity_update, actor=boss, activity=first, data=values)
    assert _kpi(_get(client, "portal:region_detail", "61.01"), "fisik") == "40,00 %"


def test_a_region_renamed_in_the_admin_shows_at_once(cached, world, client, boss, commit):
    region = world[0]
    assert "Daerah 61.01" in _get(client, "portal:province_detail", "61")
    commit(
        region_save,
        actor=boss,
        region=region,
        code=region.code,
        name="Kabupaten Baru",
        level=RegionLevel.KABUPATEN,
        parent=region.parent,
        timezone=RegionTimezone.WIB,
    )
    page = _get(client, "portal:province_detail", "61")
    assert "Kabupaten Baru" in page and "Daerah 61.01" not in page


def test_an_extended_deadline_shows_at_once_in_pages_and_api(cached, world, client, boss, commit):
    """The TA list with its deadline overrides is cached with the figures (deadlines.fiscal_years)."""
    fy = world[2].allocations.get().fiscal_year
    assert "Terlambat" in _kpi(_get(client, "portal:region_detail", "63.01"), "laporan")
    rows = client.get("/api/v1/absorption/regions/", {"year": 2024, "quarter": 2}).json()
    assert [r["overdue"] for r in rows if r["region_code"] == "63.01"] == [True]
    commit(
        quarter_deadline_set,
        actor=boss,
        fiscal_year=fy,
        quarter=2,
        deadline=dt.date(2099, 12, 31),
        decree="SE perpanjangan",
    )
    page = _get(client, "portal:region_detail", "63.01")
    assert "Belum jatuh tempo" in _kpi(page, "laporan") and "31 Desember 2099" in page
    rows = client.get("/api/v1/absorption/regions/", {"year": 2024, "quarter": 2}).json()
    assert [r["overdue"] for r in rows if r["region_code"] == "63.01"] == [False]


def test_a_new_deadline_offset_of_the_ta_shows_at_once(cached, world, client, boss, commit):
    fy = world[2].allocations.get().fiscal_year
    # A new TA counts 10 working days (issue 20): TW II ends Sunday 30 June 2024.
    assert "12 Juli 2024" in _get(client, "portal:region_detail", "63.01")
    commit(fiscal_year_update, actor=boss, fiscal_year=fy, report_deadline_days=30)
    assert "9 Agustus 2024" in _get(client, "portal:region_detail", "63.01")
    commit(fiscal_year_update, actor=boss, fiscal_year=fy, deadline_rule="HARI_KALENDER")
    assert "30 Juli 2024" in _get(client, "portal:region_detail", "63.01")
