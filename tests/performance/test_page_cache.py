"""Cached dashboard bodies (dakmonev.page_cache) are never older than the last commit, the clock or the viewer.

Each test turns the cache on (it is off in the rest of the suite), opens a page twice so the
second answer comes from the cache, changes something through the services a user would use,
and opens the page again: what the user sees must be the change, at once.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from allocations.models import Sentra
from allocations.selectors.deadlines import report_deadline
from dakmonev import figures_version, page_cache
from realisasi.choices import ReportStatus
from realisasi.models import AlertKind, QuarterlyReport
from realisasi.services.alerts import alert_raise, alert_resolve
from realisasi.services.reports import report_submit
from tests.factories import make_user
from tests.realisasi.dashboard_world import build_world

pytestmark = pytest.mark.django_db
PERIOD = {"year": 2024, "quarter": 2}
WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def cached(settings):
    settings.ABSORPTION_CACHE_SECONDS = 300
    settings.PAGE_CACHE_SECONDS = 300
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


def _get(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), {**PERIOD, **params})
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _queries(client, name, *args) -> int:
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        _get(client, name, *args)
    return len(queries)


def _kpi(page: str, key: str) -> str:
    return re.search(rf'data-kpi="{key}">.*?<div class="value">(.*?)</div>', page).group(1)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("realisasi:dashboard", ()),
        ("realisasi:province_detail", ("63",)),
        ("realisasi:region_detail", ("63.01",)),
    ],
)
def test_a_second_view_comes_from_the_cache_and_reads_only_the_frame(
    cached, world, client, name, args
):
    client.force_login(make_user(Role.PIMPINAN))
    first = _queries(client, name, *args)
    again = _queries(client, name, *args)
    # The frame: the session's user and the province or region asked for (its scoping check).
    # The TA list, figures, tables and panels come from the cache.
    assert again == (1 if name == "realisasi:dashboard" else 2) < first
    main = re.compile(r"<main.*</main>")
    assert main.search(_get(client, name, *args)).group(0) == main.search(
        _get(client, name, *args)
    ).group(0)


def test_a_submission_shows_at_once_on_all_three_pages(cached, world, client, commit):
    client.force_login(make_user(Role.PIMPINAN))
    pages = [
        ("realisasi:dashboard", ()),
        ("realisasi:province_detail", ("63",)),
        ("realisasi:region_detail", ("63.01",)),
    ]
    before = [_get(client, name, *args) for name, args in pages]
    assert _kpi(before[2], "realisasi") == "Rp100.000.000"  # TW I carried forward (60 + 40 juta)
    assert _kpi(before[0], "laporan") == "2 / 3"
    draft = QuarterlyReport.objects.get(region=world[2], quarter=2, status=ReportStatus.DRAFT)
    commit(report_submit, actor=make_user(Role.DITJEN), report=draft)
    after = [_get(client, name, *args) for name, args in pages]
    assert _kpi(after[0], "laporan") == "3 / 3"
    assert _kpi(after[1], "laporan") == "1 / 1"
    assert _kpi(after[2], "realisasi") == "Rp2.000.000"  # the draft's 1 + 1 juta now counts
    assert "Diterima" in after[2] and "Terlambat" not in _kpi(after[2], "laporan")


def test_an_alert_raised_and_resolved_shows_at_once(cached, world, client, commit):
    client.force_login(make_user(Role.DITJEN))
    assert "Pengingat uji" not in _get(client, "realisasi:region_detail", "61.01")
    commit(
        alert_raise,
        kind=AlertKind.REMINDER,
        region=world[0],
        fiscal_year=2024,
        quarter=3,
        title="Pengingat uji",
        message="-",
        notify_users=[],
    )
    assert "Pengingat uji" in _get(client, "realisasi:region_detail", "61.01")
    commit(
        alert_resolve, kind=AlertKind.REMINDER, region=world[0], fiscal_year=2024, quarter=3
    )  # QuerySet.update
    assert "Pengingat uji" not in _get(client, "realisasi:region_detail", "61.01")


def test_a_finding_and_a_renamed_sentra_show_at_once(cached, world, client, commit):
    from monev import services
    from tests.factories import InspectionFactory

    client.force_login(make_user(Role.DITJEN))
    page = _get(client, "realisasi:region_detail", "62.01")
    assert re.search(r"data-findings-total>0<", page)
    inspector = make_user(Role.INSPEKTORAT)
    inspection = InspectionFactory(
        region=world[1], fiscal_year=world[1].allocations.get().fiscal_year
    )
    commit(
        services.finding_create,
        actor=inspector,
        inspection=inspection,
        title="Mesin belum dipasang",
        kondisi="k",
        kriteria="k",
        sebab="s",
        akibat="a",
        rekomendasi="r",
        due_date=dt.date(2030, 1, 1),
    )
    page = _get(client, "realisasi:region_detail", "62.01")
    assert re.search(r"data-findings-total>1<", page) and "Mesin belum dipasang" in page

    activity = world[1].allocations.get().activities.order_by("code").first()
    sentra = commit(Sentra.objects.create, region=world[1], name="Sentra Tenun Lama")
    activity.sentra = sentra
    commit(activity.save)
    assert "Sentra Tenun Lama" in _get(client, "realisasi:region_detail", "62.01")
    sentra.name = "Sentra Tenun Baru"
    commit(sentra.save)
    page = _get(client, "realisasi:region_detail", "62.01")
    assert "Sentra Tenun Baru" in page and "Sentra Tenun Lama" not in page


def test_overdue_appears_when_the_deadline_passes_without_any_write(
    cached, world, client, monkeypatch
):
    """The page key holds the UTC hour: the day after the deadline, the same data reads 'Terlambat'."""
    region = world[2]
    deadline = report_deadline(region.allocations.get().fiscal_year, 2, region)
    client.force_login(make_user(Role.DITJEN))

    def at(moment: dt.datetime) -> str:
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))
        return _kpi(_get(client, "realisasi:region_detail", "63.01"), "laporan")

    on_the_day = dt.datetime.combine(deadline, dt.time(23, 30), WIB)
    assert "Belum jatuh tempo" in at(on_the_day)
    assert "Belum jatuh tempo" in at(on_the_day)  # cached within the hour
    assert "Terlambat" in at(on_the_day + dt.timedelta(hours=1))  # 00:30 WIB the next day


def test_viewers_share_a_body_only_when_they_may_see_the_same(cached, world, client):
    own = make_user(Role.DINAS, region=world[0])
    client.force_login(own)
    home = _get(client, "realisasi:my_region")
    assert "Unggah laporan triwulan" in home and 'class="crumbs"' not in home
    client.force_login(make_user(Role.PIMPINAN))
    central = _get(client, "realisasi:region_detail", "61.01")
    assert "Unggah laporan triwulan" not in central and 'class="crumbs"' in central
    client.force_login(make_user(Role.DINAS, region=world[1]))
    assert client.get(reverse("realisasi:region_detail", args=["61.01"]), PERIOD).status_code == 404
    assert client.get(reverse("realisasi:province_detail", args=["61"]), PERIOD).status_code == 404


def test_the_chosen_language_has_its_own_body(cached, world, client):
    client.force_login(make_user(Role.DITJEN))
    assert "Realisasi keuangan" in _get(client, "realisasi:region_detail", "61.01")
    client.cookies["django_language"] = "en"
    english = _get(client, "realisasi:region_detail", "61.01")
    assert "Financial realisation" in english and "Realisasi keuangan" not in english


def test_a_log_in_does_not_throw_the_pages_away_but_a_new_name_does(cached, world, client, commit):
    user = make_user(Role.DITJEN)
    user.set_password("kata-sandi-uji-123")
    commit(user.save)
    before = figures_version.current_pair()
    response = commit(
        client.post, reverse("login"), {"username": user.username, "password": "kata-sandi-uji-123"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_login is not None and figures_version.current_pair() == before
    user.first_name = "Sri"
    commit(user.save)
    assert figures_version.current_pair()[1] != before[1]


def test_a_body_with_a_csrf_token_is_refused(cached):
    with pytest.raises(ValueError, match="CSRF"):
        page_cache.body("uji", (1,), lambda: '<input name="csrfmiddlewaretoken" value="x">')


def test_the_pagu_shown_is_exact_after_a_change(cached, world, client, commit):
    from allocations.services.allocations import allocation_set

    client.force_login(make_user(Role.DITJEN))
    assert _kpi(_get(client, "realisasi:region_detail", "61.01"), "pagu") == "Rp1.000.000.000"
    fy = world[0].allocations.get().fiscal_year
    commit(
        allocation_set,
        actor=make_user(Role.DITJEN),
        region=world[0],
        fiscal_year=fy,
        pagu=Decimal("1250000000"),
    )
    assert _kpi(_get(client, "realisasi:region_detail", "61.01"), "pagu") == "Rp1.250.000.000"


def test_an_extended_deadline_shows_at_once_in_pages_and_api(cached, world, client, commit):
    """The TA list with its deadline overrides is cached too (allocations.selectors.deadlines.fiscal_years)."""
    from allocations.services.fiscal_years import quarter_deadline_set

    boss = make_user(Role.DITJEN)
    client.force_login(boss)
    fy = world[2].allocations.get().fiscal_year
    assert "Terlambat" in _kpi(_get(client, "realisasi:region_detail", "63.01"), "laporan")
    overdue = [
        r
        for r in client.get("/api/v1/absorption/regions/", {"year": 2024, "quarter": 2}).json()
        if r["region_code"] == "63.01"
    ]
    assert overdue[0]["overdue"] is True
    commit(
        quarter_deadline_set,
        actor=boss,
        fiscal_year=fy,
        quarter=2,
        deadline=dt.date(2099, 12, 31),
        decree="SE perpanjangan",
    )
    page = _get(client, "realisasi:region_detail", "63.01")
    assert "Belum jatuh tempo" in _kpi(page, "laporan") and "31 Desember 2099" in page
    rows = client.get("/api/v1/absorption/regions/", {"year": 2024, "quarter": 2}).json()
    assert [r["overdue"] for r in rows if r["region_code"] == "63.01"] == [False]
