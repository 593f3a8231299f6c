"""Plan versus actual at national scale (issue 18): with every RK line planned for every quarter,
the absorption selector, the dashboard, a province page and the API's absorption endpoints run
the same number of queries at 50 regions as at all 514, and every region has its deviation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tokens import token_issue
from benchmarks.datagen import generate
from realisasi.selectors.absorption import absorption
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _counts(client, api, year: int) -> dict[str, int]:
    period = {"year": year, "quarter": 2}
    return {
        "selector": _queries(lambda: absorption(year, 2, use_cache=False)),
        "dashboard": _queries(lambda: client.get(reverse("portal:dashboard"), period)),
        "province": _queries(
            lambda: client.get(reverse("portal:province_detail", args=["11"]), period)
        ),
        "api_nation": _queries(lambda: api.get("/api/v1/absorption/", period)),
        "api_regions": _queries(lambda: api.get("/api/v1/absorption/regions/", period)),
        "api_provinces": _queries(lambda: api.get("/api/v1/absorption/provinces/", period)),
    }


def test_query_counts_with_targets_are_equal_at_50_and_514_regions(client, reference_data):
    from rest_framework.test import APIClient

    ditjen = make_user(Role.DITJEN)
    client.force_login(ditjen)
    client.get(reverse("profile"))  # the session's first save is not the page's
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=ditjen)[1]}")

    generate(regions=50, years=[2041], lines_per_region=3)
    _counts(client, api, 2041)  # once to warm the per-process caches (menus, calendar)
    at_50 = _counts(client, api, 2041)
    generate(regions=514, years=[2042], lines_per_region=3)
    _counts(client, api, 2042)  # the same for this TA (with DAK_TEST_FIGURES_CACHE=1: cached)
    at_514 = _counts(client, api, 2042)
    assert at_50 == at_514, (at_50, at_514)

    figures = absorption(2042, 2, use_cache=False)
    assert len(figures.regions) == 514
    assert all(r.deviation_physical is not None for r in figures.regions)
    assert figures.national.planned_physical == 50  # every line planned 25 % a quarter
