"""Every main page runs the same number of SQL queries with 5 or 40 reporting regions, and at
most 12 (issue 10).

The counts include the framework's one query per request (the signed-in user): the session is
read from the cache (cached_db) and re-saved at most once a minute (dakmonev.sessions), so a
page's own share is the figure minus one.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from tests.dashboard_world import build_world
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PERIOD = "?year=2024&quarter=2"
# page → queries per request, framework overhead included (see the module docstring)
MAX_QUERIES = 12
# page → queries per request, the user query included (see the module docstring)
BUDGET = {
    "dashboard": 9,  # + the timeliness panel's one query (issue 20)
    "province": 10,  # + the timeliness panel's one query (issue 20)
    "region": 12,
    "my_region": 12,  # the dinas home: its region is read once and shared with the menu bar
    "eligibility": 11,  # allocations eligibility: its rules + the absorption selector for the province
    "overdue": 7,
    "overdue_export": 7,
    "report_export": 2,
    "alert_export": 2,
    "report_list": 3,
    "report_list_dinas": 4,  # + the dinas user's region for the menu bar
    "alert_list": 3,
    "alert_list_dinas": 3,  # its region has no open alert: count, menu region, no page query
    "finding_list": 10,
    "finding_list_dinas": 11,
}


def _pages(regions) -> dict[str, tuple[str, str]]:
    code = regions[0].code
    return {
        "dashboard": (Role.DITJEN, reverse("portal:dashboard") + PERIOD),
        "province": (Role.PIMPINAN, reverse("portal:province_detail", args=["61"]) + PERIOD),
        "region": (Role.INSPEKTORAT, reverse("portal:region_detail", args=[code]) + PERIOD),
        "my_region": (Role.DINAS, reverse("portal:my_region") + PERIOD),
        "eligibility": (Role.DITJEN, reverse("portal:region_eligibility", args=[code]) + PERIOD),
        "overdue": (Role.DITJEN, reverse("realisasi:overdue_list") + "?year=2024"),
        "overdue_export": (Role.DITJEN, reverse("realisasi:overdue_export") + "?year=2024"),
        "report_export": (
            Role.DITJEN,
            reverse("realisasi:report_export") + "?year=2024&province=61",
        ),
        "alert_export": (Role.PIMPINAN, reverse("realisasi:alert_export") + "?year=2024"),
        "report_list": (Role.DITJEN, reverse("realisasi:report_list") + "?year=2024"),
        "report_list_dinas": (Role.DINAS, reverse("realisasi:report_list")),
        "alert_list": (Role.PIMPINAN, reverse("realisasi:alert_list")),
        "alert_list_dinas": (Role.DINAS, reverse("realisasi:alert_list")),
        "finding_list": (Role.DITJEN, reverse("monev:finding_list")),
        "finding_list_dinas": (Role.DINAS, reverse("monev:finding_list")),
    }


def _count(client, role, url, region) -> int:
    client.force_login(make_user(role, region=region if role == Role.DINAS else None))
    # A log-in through the login page stamps the session's refresh (dakmonev.sessions) in its
    # own response; force_login bypasses the middleware, so the first page would re-save the
    # session once. Measure a page as a signed-in user sees it after that.
    client.get(reverse("profile"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", sorted(BUDGET))
def test_query_count_does_not_grow_with_regions(client, page):
    small = build_world(5)
    role, url = _pages(small)[page]
    at_5 = _count(client, role, url, small[0])
    build_world(35, start=5)
    role, url = _pages(small)[page]
    at_40 = _count(client, role, url, small[0])
    assert at_5 == at_40 == BUDGET[page]
    assert at_40 <= MAX_QUERIES
