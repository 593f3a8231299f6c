"""One predicate per action: the RK services, the RK importer and the RK page's buttons agree.

Before, the importer had its own check (any account bound to a region could import RK lines)
while creating a line asked whether the account writes that region's data: an inspektorat
account with a region could import RK lines but not create one. Both now ask
`can_edit_rk_lines` (after `can_import_rk` for the file as a whole).
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from allocations.models import PlannedActivity
from allocations.permissions import can_edit_rk_lines, can_import_rk, can_submit_rk
from allocations.services.activities import ActivityInput, activity_create
from allocations.services.imports import rk_import
from allocations.services.rk import rk_submit
from dakmonev.errors import DomainError, NotPermitted
from tests.factories import allocation, make_user, menu
from tests.files import csv_bytes

pytestmark = pytest.mark.django_db
RK_HEADERS = ["tahun", "kode_wilayah", "kode_kegiatan", "menu", "uraian", "pagu"]


def _inspector_with_region(region) -> User:
    # Such an account should not exist (only dinas and api accounts are bound to a region), but
    # nothing the permissions decide may depend on that: built in memory, never saved.
    return User(username="itjen.daerah", role=Role.INSPEKTORAT, region=region, is_active=True)


def _line(code: str) -> ActivityInput:
    return ActivityInput(
        code=code, menu=menu(), description="Mesin jahit", volume=Decimal(1), unit="unit",
        pagu=Decimal("100000000"),
    )  # fmt: skip


def _rk_file(alloc, code: str) -> bytes:
    row = [alloc.fiscal_year.year, alloc.region.code, code, "MESIN_PERALATAN", "Mesin", "1000000"]
    return csv_bytes(RK_HEADERS, [row])


def test_an_inspector_with_a_region_may_neither_import_nor_create_rk_lines():
    alloc = allocation()
    inspector = _inspector_with_region(alloc.region)
    assert not can_import_rk(inspector) and not can_edit_rk_lines(inspector, alloc)
    with pytest.raises(NotPermitted):
        rk_import(actor=inspector, name="rk.csv", data=_rk_file(alloc, "RK-09"))
    with pytest.raises(NotPermitted):
        activity_create(actor=inspector, allocation=alloc, data=_line("RK-09"))
    assert not PlannedActivity.objects.exists()


@pytest.mark.parametrize(
    ("role", "own_region", "allowed"),
    [
        (Role.DITJEN, False, True),
        (Role.DINAS, True, True),
        (Role.API, True, True),
        (Role.DINAS, False, False),
        (Role.PIMPINAN, False, False),
        (Role.INSPEKTORAT, False, False),
    ],
)
def test_importing_and_creating_rk_lines_follow_the_same_predicate(role, own_region, allowed):
    alloc = allocation()
    other = allocation()
    user = make_user(
        role,
        region=(alloc if own_region else other).region if role in (Role.DINAS, Role.API) else None,
    )
    assert bool(can_edit_rk_lines(user, alloc)) is allowed
    menu()  # the file's menu code exists
    outcome = None
    with contextlib.suppress(DomainError):
        outcome = rk_import(actor=user, name="rk.csv", data=_rk_file(alloc, "RK-01"))
    imported = outcome is not None and outcome.ok
    try:
        activity_create(actor=user, allocation=alloc, data=_line("RK-02"))
        created = True
    except DomainError:
        created = False
    assert imported is created is allowed


def test_the_rk_page_offers_what_the_services_allow(client):
    alloc = allocation()
    owner = make_user(Role.DINAS, region=alloc.region)
    activity_create(actor=owner, allocation=alloc, data=_line("RK-01"))
    client.force_login(owner)
    url = reverse("allocations:activity_list")
    page = client.get(url, {"year": alloc.fiscal_year.year, "region": alloc.region.code})
    assert page.context["can_submit"] is bool(can_submit_rk(owner, alloc)) is True
    assert page.context["can_edit_lines"] is True
    rk_submit(actor=owner, allocation=alloc)
    page = client.get(url, {"year": alloc.fiscal_year.year, "region": alloc.region.code})
    alloc.refresh_from_db()
    assert page.context["can_submit"] is bool(can_submit_rk(owner, alloc)) is False
    assert page.context["can_edit_lines"] is bool(can_edit_rk_lines(owner, alloc)) is False
    with pytest.raises(DomainError):
        activity_create(actor=owner, allocation=alloc, data=_line("RK-02"))
