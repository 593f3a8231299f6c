"""A small monev world: two regions, their dinas users, the central roles, one open finding each."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from accounts.roles import Role
from tests.factories import (
    FindingFactory,
    FiscalYearFactory,
    InspectionFactory,
    RegionFactory,
    make_user,
)


@pytest.fixture
def world(db):
    ta = FiscalYearFactory(year=2024)
    a = RegionFactory(code="91.71", name="Kota Jayapura", parent__code="91", parent__name="Papua")
    b = RegionFactory(
        code="96.71", name="Kota Sorong", parent__code="96", parent__name="Papua Barat Daya"
    )
    inspector = make_user(Role.INSPEKTORAT, username="inspektur1")
    insp_a = InspectionFactory(fiscal_year=ta, region=a, created_by=inspector)
    insp_b = InspectionFactory(fiscal_year=ta, region=b, created_by=inspector)
    return SimpleNamespace(
        ta=ta,
        a=a,
        b=b,
        inspector=inspector,
        ditjen=make_user(Role.DITJEN, username="ditjen1"),
        pimpinan=make_user(Role.PIMPINAN, username="pimpinan1"),
        dinas_a=make_user(Role.DINAS, region=a, username="dinas_a"),
        dinas_b=make_user(Role.DINAS, region=b, username="dinas_b"),
        insp_a=insp_a,
        insp_b=insp_b,
        finding_a=FindingFactory(
            inspection=insp_a, created_by=inspector, due_date=dt.date(2024, 12, 31)
        ),
        finding_b=FindingFactory(
            inspection=insp_b, created_by=inspector, due_date=dt.date(2024, 12, 31)
        ),
    )
