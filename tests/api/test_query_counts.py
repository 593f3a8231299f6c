"""List query counts do not grow with rows (select_related/prefetch), and stay small."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from realisasi.choices import ReportStatus

from .conftest import _region_data, client_for

pytestmark = pytest.mark.django_db
LISTS = [
    "regions",
    "allocations",
    "activities",
    "disbursements",
    "reports",
    "alerts",
    "findings",
    "followups",
]
DETAILS = {"reports": "report", "findings": "finding"}
ABSORPTION = [
    "absorption/?year=2024",
    "absorption/provinces/?year=2024",
    "absorption/regions/?year=2024",
]
MAX_QUERIES = 12


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def _grow(world, n: int) -> None:
    for i in range(n):
        _region_data(
            f"7{3 + i % 5}.{10 + i:02d}", world.users["inspektorat"], world.users["ditjen"]
        )


@pytest.mark.parametrize("role", ["ditjen", "dinas_own"])
def test_list_query_counts_are_constant(world, role):
    client = client_for(world, role)
    urls = [f"/api/v1/{name}/" for name in LISTS] + [
        f"/api/v1/{u}" for u in ABSORPTION if role == "ditjen"
    ]
    urls += ["/api/v1/absorption/regions/?year=2024"] if role != "ditjen" else []
    small = {url: _count(client, url) for url in urls}
    _grow(world, 6)
    large = {url: _count(client, url) for url in urls}
    assert large == small
    assert max(small.values()) <= MAX_QUERIES, small
    print(role, {u.removeprefix("/api/v1/"): n for u, n in small.items()})


def test_detail_query_counts_are_constant(world):
    client = client_for(world, "ditjen")
    before = {
        name: _count(client, f"/api/v1/{name}/{getattr(world.own, attr).pk}/")
        for name, attr in DETAILS.items()
    }
    # More lines and versions on the same report / more follow-ups on the same finding.
    from tests import factories

    factories.report(
        world.own.region,
        2024,
        1,
        [(a, 1, 1) for a in world.own.activities],
        status=ReportStatus.DRAFT,
    )
    for i in range(4):
        world.own.finding.followups.create(
            description=f"TL {i}", date="2024-07-02", submitted_by=world.users["dinas_own"]
        )
    after = {
        name: _count(client, f"/api/v1/{name}/{getattr(world.own, attr).pk}/")
        for name, attr in DETAILS.items()
    }
    assert after == before
    assert max(before.values()) <= MAX_QUERIES
