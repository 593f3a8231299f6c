"""GET /api/v1/absorption/…: the selector's figures with the issue's fields and formats, scoped."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from allocations.choices import RegionLevel
from realisasi.choices import ReportStatus
from tests import factories
from tests.factories import make_user

from .conftest import client_for

pytestmark = pytest.mark.django_db
M = 1_000_000
ROW_KEYS = {
    "region_code",
    "region_name",
    "level",
    "province_code",
    "pagu",
    "financial_realisation",
    "absorption_pct",
    "physical_progress_pct",
    "quarter_reported",
    "overdue",
    "planned_physical_pct",
    "planned_financial_pct",
    "deviation_physical_pct",
    "deviation_financial_pct",
}


@pytest.fixture
def figures(db):
    """Province 71: kabupaten A, kota B and the provinsi itself receiving; 72.01 with pagu 0; 73.01 at 3.125 %."""
    a, b, p = (
        factories.region("71.01"),
        factories.region("71.71", level=RegionLevel.KOTA),
        factories.province("71"),
    )
    c, d = factories.region("72.01"), factories.region("73.01")
    _, (a1, a2) = factories.allocation_with_lines(a, 2024, [600 * M, 400 * M])
    _, (b1,) = factories.allocation_with_lines(b, 2024, [2000 * M])
    _, (p1,) = factories.allocation_with_lines(p, 2024, [500 * M])
    factories.allocation_with_lines(c, 2024, [])
    _, (d1,) = factories.allocation_with_lines(d, 2024, [32 * M])
    factories.report(
        a, 2024, 1, [(a1, 100 * M, 10), (a2, 50 * M, 20)], status=ReportStatus.SUBMITTED
    )
    factories.report(
        a, 2024, 2, [(a1, 300 * M, 50), (a2, 100 * M, 30)], status=ReportStatus.VERIFIED
    )
    factories.report(b, 2024, 1, [(b1, 500 * M, 25)], status=ReportStatus.VERIFIED)
    factories.report(p, 2024, 2, [(p1, 100 * M, 10)], status=ReportStatus.RETURNED)
    factories.report(d, 2024, 2, [(d1, 1 * M, 0)], status=ReportStatus.SUBMITTED)
    return {
        "ditjen": make_user(Role.DITJEN),
        "dinas": make_user(Role.DINAS, a),
        "api_region": make_user(Role.API, b),
    }


def _get(user, url):
    from rest_framework.test import APIClient

    from accounts.tokens import token_issue

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
    return client.get(url)


def test_national_fields_and_formats(figures):
    response = _get(figures["ditjen"], "/api/v1/absorption/?year=2024&quarter=2")
    assert response.status_code == 200
    # pagu 3532 juta; realisasi 900 + 1 juta; A 40 %, B 25 %, provinsi 0 %, 73.01 3.125 %, 72.01 no figure.
    assert (
        response.json()
        == {
            "year": 2024,
            "quarter": 2,
            "regions_count": 5,
            "pagu": "3532000000.00",
            "financial_realisation": "901000000.00",
            "absorption_pct": "25.51",  # 901 ÷ 3532 = 25.5096…
            "mean_region_absorption_pct": "17.03",  # (40 + 25 + 0 + 3.125) ÷ 4 = 17.03125
            "mean_kabkota_absorption_pct": "22.71",  # (40 + 25 + 3.125) ÷ 3 = 22.708…
            "physical_progress_pct": "26.05",  # (50×600 + 30×400 + 25×2000 + 0×500 + 0×32) ÷ 3532 = 26.047…
            # no targets: no plan and no deviation (null, never 0) — tests/realisasi/test_deviation.py
            "planned_physical_pct": None,
            "planned_financial_pct": None,
            "deviation_physical_pct": None,
            "deviation_financial_pct": None,
        }
    )


def test_default_quarter_is_4_and_unknown_year_gives_no_figures(figures):
    assert _get(figures["ditjen"], "/api/v1/absorption/?year=2024").json()["quarter"] == 4
    body = _get(figures["ditjen"], "/api/v1/absorption/?year=2030").json()
    assert (body["regions_count"], body["pagu"], body["absorption_pct"]) == (0, "0.00", None)


def test_percentages_round_half_up_and_pagu_0_is_null(figures):
    rows = {
        r["region_code"]: r
        for r in _get(figures["ditjen"], "/api/v1/absorption/regions/?year=2024&quarter=2").json()
    }
    assert set(rows) == {"71", "71.01", "71.71", "72.01", "73.01"}
    assert set(rows["71.01"]) == ROW_KEYS
    assert rows["73.01"]["absorption_pct"] == "3.13"  # 3.125 half-up, not half-even
    assert (
        rows["72.01"]["absorption_pct"] is None and rows["72.01"]["physical_progress_pct"] is None
    )
    assert rows["72.01"]["pagu"] == "0.00"
    a = rows["71.01"]
    assert (
        a["pagu"],
        a["financial_realisation"],
        a["absorption_pct"],
        a["physical_progress_pct"],
    ) == (
        "1000000000.00",
        "400000000.00",
        "40.00",
        "42.00",
    )
    assert (a["level"], a["province_code"], a["quarter_reported"], a["overdue"]) == (
        "kabupaten",
        "71",
        2,
        False,
    )
    # 71.71 reported only TW I and the TW II 2024 deadline is long past.
    assert (rows["71.71"]["quarter_reported"], rows["71.71"]["overdue"]) == (1, True)
    assert (rows["72.01"]["quarter_reported"], rows["72.01"]["overdue"]) == (None, True)


def test_regions_filtered_by_province(figures):
    rows = _get(
        figures["ditjen"], "/api/v1/absorption/regions/?year=2024&quarter=2&province=71"
    ).json()
    assert [r["region_code"] for r in rows] == ["71", "71.01", "71.71"]
    assert (
        _get(figures["ditjen"], "/api/v1/absorption/regions/?year=2024&province=7").status_code
        == 400
    )


def test_province_rows(figures):
    rows = {
        r["region_code"]: r
        for r in _get(figures["ditjen"], "/api/v1/absorption/provinces/?year=2024&quarter=2").json()
    }
    assert set(rows) == {"71", "72", "73"}
    p71 = rows["71"]
    assert set(p71) == ROW_KEYS
    assert (
        p71["level"],
        p71["province_code"],
        p71["pagu"],
        p71["financial_realisation"],
        p71["absorption_pct"],
    ) == ("provinsi", "71", "3500000000.00", "900000000.00", "25.71")
    assert (p71["quarter_reported"], p71["overdue"]) == (
        None,
        True,
    )  # the provinsi itself has no counted report
    assert (
        rows["73"]["quarter_reported"],
        rows["73"]["overdue"],
        rows["73"]["absorption_pct"],
    ) == (2, False, "3.13")


@pytest.mark.parametrize("who", ["dinas", "api_region"])
def test_region_bound_accounts_see_only_their_row_and_no_aggregates(figures, who):
    own = {"dinas": "71.01", "api_region": "71.71"}[who]
    rows = _get(figures[who], "/api/v1/absorption/regions/?year=2024&quarter=2").json()
    assert [r["region_code"] for r in rows] == [own]
    assert _get(figures[who], "/api/v1/absorption/regions/?year=2024&province=73").json() == []
    for url in ("/api/v1/absorption/?year=2024", "/api/v1/absorption/provinces/?year=2024"):
        response = _get(figures[who], url)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"


def test_year_is_required_and_validated(figures):
    for url in (
        "/api/v1/absorption/",
        "/api/v1/absorption/?year=abc",
        "/api/v1/absorption/?year=2024&quarter=5",
    ):
        response = _get(figures["ditjen"], url)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize(
    "role",
    [
        "ditjen",
        "dinas_own",
        "dinas_other",
        "inspektorat",
        "pimpinan",
        "api_all",
        "api_region",
        "anonymous",
    ],
)
def test_absorption_endpoints_by_role(world, role):
    client = client_for(world, role)
    national = client.get("/api/v1/absorption/?year=2024").status_code
    provinces = client.get("/api/v1/absorption/provinces/?year=2024").status_code
    regions = client.get("/api/v1/absorption/regions/?year=2024")
    if role == "anonymous":
        assert (national, provinces, regions.status_code) == (401, 401, 401)
    elif role in ("dinas_own", "dinas_other", "api_region"):
        assert (national, provinces, regions.status_code) == (403, 403, 200)
        assert [r["region_code"] for r in regions.json()] == [world.users[role].region.code]
    else:
        assert (national, provinces, regions.status_code) == (200, 200, 200)
        assert [r["region_code"] for r in regions.json()] == ["71.01", "72.01"]
