"""Overdue reports page and its Excel export: same filters, same rows, scoped, paginated."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from realisasi.views import overdue
from tests.dashboard_world import build_world
from tests.exports import response_export
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(12)


def _page_rows(response) -> list[str]:
    return re.findall(r'data-overdue="([\d.]+:\d)"', response.content.decode())


def _sheet_rows(response) -> list[tuple]:
    export = response_export(response)
    return [tuple(export.headers), *export.rows]


def test_filters_and_export_agree(client, world):
    client.force_login(make_user(Role.DITJEN))
    params = {"ta": 2024, "tw": 2, "provinsi": "63"}  # a bookmark from before dakmonev.query
    page = client.get(reverse("realisasi:overdue_list"), params)
    rows = _page_rows(page)
    assert rows == ["63.01:2"]  # region index 2 of province 63; 63.02 (index 7) and 63.03 reported
    assert (
        'href="/realisasi/terlambat/excel/?year=2024&amp;quarter=2&amp;province=63"'
        in page.content.decode()
    )
    export = client.get(reverse("realisasi:overdue_export"), params)
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert export["X-Content-Type-Options"] == "nosniff"
    sheet = _sheet_rows(export)
    assert sheet[0][:3] == ("Kode wilayah", "Daerah", "Provinsi")
    assert [(r[0], r[3], r[4], r[7]) for r in sheet[1:]] == [("63.01", 2024, "TW II", "Draf")]


def test_all_quarters_and_pagination(client, world, monkeypatch):
    monkeypatch.setattr(overdue, "PAGE_SIZE", 10)
    client.force_login(make_user(Role.PIMPINAN))
    first = client.get(reverse("realisasi:overdue_list"), {"ta": 2024})
    assert (
        "28 laporan terlambat." in first.content.decode()
    )  # TW II: 4 regions; TW III and IV: all 12
    assert len(_page_rows(first)) == 10 and "Halaman 1 dari 3" in first.content.decode()
    assert 'href="?ta=2024&amp;page=2"' in first.content.decode()
    third = client.get(reverse("realisasi:overdue_list"), {"ta": 2024, "page": 3})
    assert len(_page_rows(third)) == 8
    assert len(_sheet_rows(client.get(reverse("realisasi:overdue_export"), {"ta": 2024}))) == 1 + 28


def test_dinas_sees_and_exports_only_its_own_region(client, world):
    client.force_login(make_user(Role.DINAS, region=world[2]))
    rows = _page_rows(client.get(reverse("realisasi:overdue_list"), {"ta": 2024}))
    assert {r.split(":")[0] for r in rows} == {world[2].code}
    sheet = _sheet_rows(client.get(reverse("realisasi:overdue_export"), {"ta": 2024}))
    assert {r[0] for r in sheet[1:]} == {world[2].code}
