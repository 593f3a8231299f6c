"""RK pages: wiring, scoping (404 for another region), thin views translating DomainError."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from allocations.choices import RKStatus
from allocations.models import PlannedActivity
from tests.factories import RegionFactory, allocation, dinas, ditjen, line, make_user, menu

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    own = allocation(pagu="1000000000")
    other = allocation(pagu="1000000000", region=RegionFactory())
    user = dinas(own.region)
    client.force_login(user)
    return own, other, user


def test_dinas_sees_its_own_rk_and_eligibility(client, setup):
    own, other, _ = setup
    line(own, "RK-01", "400000000")
    line(other, "RK-XX", "1")
    html = client.get(reverse("allocations:activity_list")).content.decode()
    assert "RK-01" in html and "RK-XX" not in html
    assert "Rp1.000.000.000" in html and "Rp600.000.000" in html  # pagu and what is left
    # Disbursement eligibility is the region page's panel, loaded into the RK page by htmx.
    panel = re.search(r'data-panel="eligibility" hx-get="([^"]+)"', html).group(1)
    assert panel == f"/realisasi/daerah/{own.region.code}/penyaluran/?year={own.fiscal_year.year}"
    fragment = client.get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert "RK belum disetujui Ditjen IKMA" in fragment and "<html" not in fragment


def test_other_regions_pages_are_404_for_dinas(client, setup):
    own, other, _ = setup
    theirs = line(other, "RK-01", "1")
    assert (
        client.get(reverse("allocations:activity_list"), {"region": other.region.code}).status_code
        == 404
    )
    assert client.get(reverse("allocations:activity_create", args=[other.pk])).status_code == 404
    assert client.get(reverse("allocations:activity_edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("allocations:procurement_edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("allocations:activity_delete", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("allocations:rk_submit", args=[other.pk])).status_code == 404
    assert PlannedActivity.objects.filter(pk=theirs.pk).exists()


def test_dinas_adds_a_line_and_sees_the_rule_message(client, setup):
    own, _, _ = setup
    url = reverse("allocations:activity_create", args=[own.pk])
    post = {
        "code": "RK-01",
        "menu": menu().pk,
        "description": "Mesin jahit",
        "volume": "10",
        "unit": "unit",
        "pagu": "1200000000",
    }
    response = client.post(url, post)
    assert response.status_code == 200 and "melebihi pagu alokasi" in response.content.decode()
    response = client.post(url, {**post, "pagu": "900000000"})
    assert response.status_code == 302
    assert own.activities.get().pagu == Decimal("900000000")


def test_edit_and_procurement_pages(client, setup):
    own, _, _ = setup
    activity = line(own, "RK-01", "500000000")
    assert client.get(reverse("allocations:activity_edit", args=[activity.pk])).status_code == 200
    response = client.post(
        reverse("allocations:procurement_edit", args=[activity.pk]),
        {"procurement_method": "TENDER", "procurement_stage": "KONTRAK"},
    )
    assert "nomor dan tanggal kontrak" in response.content.decode()
    response = client.post(
        reverse("allocations:procurement_edit", args=[activity.pk]),
        {
            "ded_ready": "on",
            "procurement_method": "TENDER",
            "procurement_stage": "KONTRAK",
            "contract_number": "KTR-7",
            "contract_date": "2026-05-02",
            "contract_value": "450000000",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.contract_number, activity.ded_ready) == ("KTR-7", True)


def test_submit_then_ditjen_approves_or_returns(client, setup):
    own, _, _ = setup
    line(own, "RK-01", "500000000")
    client.post(reverse("allocations:rk_submit", args=[own.pk]))
    own.refresh_from_db()
    assert own.rk_status == RKStatus.SUBMITTED
    # dinas cannot approve: 403 with the service's reason, state unchanged
    response = client.post(reverse("allocations:rk_approve", args=[own.pk]))
    assert response.status_code == 403 and "Hanya Ditjen IKMA" in response.content.decode()
    own.refresh_from_db()
    assert own.rk_status == RKStatus.SUBMITTED
    client.force_login(ditjen())
    html = client.get(
        reverse("allocations:activity_list"), {"region": own.region.code}
    ).content.decode()
    assert "Setujui RK" in html and "Kembalikan RK" in html
    client.post(reverse("allocations:rk_return", args=[own.pk]), {"note": "Lengkapi sentra"})
    own.refresh_from_db()
    assert (own.rk_status, own.rk_status_note) == (RKStatus.RETURNED, "Lengkapi sentra")


def test_ditjen_overview_lists_regions_of_a_year(client, setup):
    own, other, _ = setup
    client.force_login(ditjen())
    html = client.get(reverse("allocations:activity_list"), {"year": 2026}).content.decode()
    assert own.region.code in html and other.region.code in html


def test_pimpinan_reads_but_cannot_edit(client, setup):
    own, _, _ = setup
    line(own, "RK-01", "1")
    client.force_login(make_user(Role.PIMPINAN))
    html = client.get(
        reverse("allocations:activity_list"), {"region": own.region.code}
    ).content.decode()
    assert "RK-01" in html and "Tambah kegiatan" not in html
    assert client.get(reverse("allocations:activity_create", args=[own.pk])).status_code == 403
    assert (
        client.post(
            reverse("allocations:activity_create", args=[own.pk]),
            {"code": "RK-02", "menu": menu().pk, "description": "x", "volume": "1", "pagu": "1"},
        ).status_code
        == 403
    )
    assert own.activities.count() == 1


def test_money_is_typed_the_indonesian_way(client, setup):
    own, _, _ = setup
    activity = line(own, "RK-01", "500000000")
    url = reverse("allocations:procurement_edit", args=[activity.pk])
    page = client.get(url).content.decode()
    assert re.search(r'name="contract_value"[^>]*inputmode="decimal"', page)
    post = {
        "procurement_method": "TENDER",
        "procurement_stage": "KONTRAK",
        "contract_number": "KTR-7",
        "contract_date": "2026-05-02",
    }
    response = client.post(url, {**post, "contract_value": "67.796.000,5O"})
    assert response.status_code == 200
    assert "bukan angka rupiah" in response.content.decode()
    assert 'value="67.796.000,5O"' in response.content.decode()  # kept as typed
    response = client.post(url, {**post, "contract_value": "Rp 67.796.000,50"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.contract_value == Decimal("67796000.50")
    assert 'value="67.796.000,50"' in client.get(url).content.decode()
