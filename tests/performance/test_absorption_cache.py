"""Cached absorption figures are never older than the last commit that changed them."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from accounts.roles import Role
from allocations.services.allocations import allocation_set
from realisasi.choices import ReportStatus
from realisasi.selectors.absorption import absorption
from realisasi.services.absorption import absorption_snapshots_refresh
from realisasi.services.reports import report_submit
from tests import factories
from tests.factories import make_user

pytestmark = pytest.mark.django_db
M = 1_000_000


@pytest.fixture
def cached(settings):
    settings.FIGURES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reg = factories.region("32.04")
        alloc, (a1, a2) = factories.allocation_with_lines(reg, 2024, [600 * M, 400 * M])
        factories.report(
            reg, 2024, 1, [(a1, 100 * M, 10), (a2, 100 * M, 10)], status=ReportStatus.VERIFIED
        )
        draft = factories.report(
            reg, 2024, 2, [(a1, 300 * M, 50), (a2, 200 * M, 40)], status=ReportStatus.DRAFT
        )
    return reg, alloc, draft


def pct(year=2024, quarter=4, **kw):
    return absorption(year, quarter, **kw).national.absorption


def test_a_second_read_comes_from_the_cache(cached, world, django_assert_num_queries):
    first = pct()
    with django_assert_num_queries(0):
        assert pct() == first == Decimal(20)


def test_a_submission_shows_at_once(cached, world, django_capture_on_commit_callbacks):
    _reg, _alloc, draft = world
    assert pct() == Decimal(20)
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(actor=make_user(Role.DITJEN), report=draft)
    assert pct() == Decimal(50)


def test_a_pagu_change_shows_at_once(cached, world, django_capture_on_commit_callbacks):
    reg, alloc, _draft = world
    assert pct() == Decimal(20)
    with django_capture_on_commit_callbacks(execute=True):
        allocation_set(
            actor=make_user(Role.DITJEN),
            region=reg,
            fiscal_year=alloc.fiscal_year,
            pagu=Decimal(2000 * M),
        )
    assert pct() == Decimal(10)


def test_nothing_is_invalidated_before_the_commit(
    cached, world, django_capture_on_commit_callbacks
):
    """Inside the writer's transaction the version is unchanged: the bump waits for the commit."""
    from dakmonev import figures_version

    before = figures_version.current()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report_submit(actor=make_user(Role.DITJEN), report=world[2])
    assert figures_version.current() == before and callbacks
    for callback in callbacks:
        callback()
    assert figures_version.current() != before


def test_scoped_reads_and_snapshots_are_always_fresh(cached, world, django_assert_num_queries):
    reg = world[0]
    pct()
    dinas = make_user(Role.DINAS, region=reg)
    with django_assert_num_queries(2):
        absorption(2024, 4, user=dinas)
    absorption_snapshots_refresh(
        year=2024
    )  # reads with use_cache=False (tested equal to fresh elsewhere)


def test_central_roles_share_the_unscoped_cache(cached, world, django_assert_num_queries):
    pct()
    boss = make_user(Role.PIMPINAN)
    with django_assert_num_queries(0):
        absorption(2024, 4, user=boss)


def test_cached_dashboard_tables_change_with_the_next_commit(
    cached, world, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    client.force_login(make_user(Role.PIMPINAN))
    url = reverse("portal:dashboard") + "?year=2024&quarter=4"

    def provinces_table(html: str) -> str:
        return html[html.index('data-table="provinces"') :].split("</table>")[0]

    assert "20,00 %" in provinces_table(client.get(url).content.decode())
    assert "20,00 %" in provinces_table(client.get(url).content.decode())  # from the fragment cache
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(actor=make_user(Role.DITJEN), report=world[2])
    table = provinces_table(client.get(url).content.decode())
    assert "50,00 %" in table and "20,00 %" not in table
