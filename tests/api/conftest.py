"""A small two-region world and an API client per role (DOMAIN.md §5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.tokens import token_issue
from allocations.models import Disbursement
from monev.models import Finding, FollowUp, Inspection
from realisasi.choices import ReportStatus
from realisasi.models import Alert, AlertKind
from tests import factories
from tests.factories import make_user

M = 1_000_000
YEAR = 2024

# role key → (role, which region the account is bound to: "own", "other" or None)
ROLES = {
    "ditjen": (Role.DITJEN, None),
    "dinas_own": (Role.DINAS, "own"),
    "dinas_other": (Role.DINAS, "other"),
    "inspektorat": (Role.INSPEKTORAT, None),
    "pimpinan": (Role.PIMPINAN, None),
    "api_all": (Role.API, None),
    "api_region": (Role.API, "own"),
}
ALL_ROLES = [*ROLES, "anonymous"]
SEES_ALL = {"ditjen", "inspektorat", "pimpinan", "api_all"}


@dataclass
class RegionData:
    region: object
    allocation: object
    activities: list
    disbursement: object
    report: object  # Q1, submitted
    draft: object  # Q2, draft
    alert: object
    inspection: object
    finding: object
    followup: object


def _region_data(code: str, inspector, dinas_writer) -> RegionData:
    region = factories.region(code)
    allocation, activities = factories.allocation_with_lines(region, YEAR, [600 * M, 400 * M])
    disbursement = Disbursement.objects.create(
        allocation=allocation, stage=1, amount=250 * M, date=dt.date(YEAR, 3, 1)
    )
    report = factories.report(
        region, YEAR, 1, [(activities[0], 300 * M, 40), (activities[1], 100 * M, 20)]
    )
    draft = factories.report(
        region,
        YEAR,
        2,
        [(activities[0], 500 * M, 70), (activities[1], 200 * M, 50)],
        status=ReportStatus.DRAFT,
    )
    alert = Alert.objects.create(
        kind=AlertKind.OVERDUE,
        region=region,
        fiscal_year=allocation.fiscal_year,
        quarter=3,
        title=f"Laporan TW III {code} terlambat",
    )
    inspection = Inspection.objects.create(
        fiscal_year=allocation.fiscal_year,
        region=region,
        start_date=dt.date(YEAR, 6, 1),
        end_date=dt.date(YEAR, 6, 3),
        created_by=inspector,
    )
    finding = Finding.objects.create(
        inspection=inspection,
        region=region,
        title=f"Mesin belum dipakai {code}",
        kondisi="k",
        kriteria="k",
        sebab="s",
        akibat="a",
        rekomendasi="r",
        amount=Decimal("1500000.00"),
        activity=activities[0],
        due_date=dt.date(YEAR, 9, 30),
        created_by=inspector,
    )
    followup = FollowUp.objects.create(
        finding=finding,
        description="Mesin sudah dipakai",
        date=dt.date(YEAR, 7, 1),
        submitted_by=dinas_writer,
        submitted_at=timezone.now(),
    )
    return RegionData(
        region,
        allocation,
        activities,
        disbursement,
        report,
        draft,
        alert,
        inspection,
        finding,
        followup,
    )


@dataclass
class World:
    own: RegionData
    other: RegionData
    users: dict


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()  # throttle history lives in the cache
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    own_region, other_region = factories.region("71.01"), factories.region("72.01")
    users = {}
    for key, (role, bound) in ROLES.items():
        region = {"own": own_region, "other": other_region, None: None}[bound]
        users[key] = make_user(role, region, username=key)
    own = _region_data("71.01", users["inspektorat"], users["dinas_own"])
    other = _region_data("72.01", users["inspektorat"], users["dinas_other"])
    return World(own=own, other=other, users=users)


def client_for(world: World | None, role: str) -> APIClient:
    """An APIClient authenticated with the role's token (anonymous: none)."""
    client = APIClient()
    if role != "anonymous":
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=world.users[role])[1]}")
    return client


@pytest.fixture
def api(world):
    return lambda role: client_for(world, role)
