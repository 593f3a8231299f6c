"""Where a sentra is: inside Indonesia's box, both coordinates or neither, by page, API, admin and
the RK import's optional sentra_lat/sentra_lon columns (errors name row and column)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tokens import token_issue
from allocations import geo
from allocations.models import Region, Sentra
from allocations.services.imports import rk_import
from allocations.services.sentra import sentra_set_location
from dakmonev.errors import DomainError, NotFound
from tests.factories import RegionFactory, SentraFactory, allocation, dinas, ditjen
from tests.files import csv_bytes

pytestmark = pytest.mark.django_db

RK = ["tahun", "kode_wilayah", "kode_kegiatan", "menu", "uraian", "sentra", "pagu"]
RK_LOC = [*RK, "sentra_lat", "sentra_lon"]
BANDUNG = (Decimal("-6.914744"), Decimal("107.609810"))


def test_box_and_distance():
    assert geo.coordinates_problem(None, None) is None
    assert geo.coordinates_problem(*BANDUNG) is None
    assert "keduanya" in geo.coordinates_problem(Decimal("-6.9"), None)
    assert "Lintang 48.85 di luar wilayah Indonesia" in geo.coordinates_problem(
        Decimal("48.85"), Decimal("107")
    )
    assert "Bujur 2.35 di luar" in geo.coordinates_problem(Decimal("-6.9"), Decimal("2.35"))
    # Bandung → Jakarta (Monas) ≈ 119,3 km by great circle; one degree of latitude ≈ 111,2 km
    assert 119.2 < geo.distance_km(*BANDUNG, -6.175392, 106.827153) < 119.4
    assert round(geo.distance_km(0, 100, 1, 100), 1) == 111.2
    assert geo.distance_km(*BANDUNG, *BANDUNG) == 0


def test_service_records_location_with_history_and_scoping():
    sentra = SentraFactory()
    user = dinas(sentra.region)
    sentra_set_location(actor=user, sentra=sentra, latitude=BANDUNG[0], longitude=BANDUNG[1])
    sentra.refresh_from_db()
    assert (sentra.latitude, sentra.longitude) == BANDUNG
    assert sentra.history.first().history_user == user
    with pytest.raises(DomainError, match="di luar wilayah Indonesia"):
        sentra_set_location(actor=user, sentra=sentra, latitude=Decimal("51.5"), longitude=0)
    with pytest.raises(NotFound):
        sentra_set_location(
            actor=dinas(RegionFactory()), sentra=sentra, latitude=None, longitude=None
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Sentra.objects.filter(pk=sentra.pk).update(latitude=Decimal("60"))


def test_page_lists_and_edits_with_indonesian_error(client):
    sentra = SentraFactory()
    theirs = SentraFactory()
    client.force_login(dinas(sentra.region))
    html = client.get(reverse("allocations:sentra_list")).content.decode()
    assert sentra.name in html and theirs.name not in html
    url = reverse("allocations:sentra_location", args=[sentra.pk])
    bad = client.post(url, {"latitude": "-6,9", "longitude": "12,5"})
    assert "Bujur 12.5 di luar wilayah Indonesia" in bad.content.decode()
    ok = client.post(url, {"latitude": "-6,914744", "longitude": "107,60981"})
    assert ok.status_code == 302
    sentra.refresh_from_db()
    assert (sentra.latitude, sentra.longitude) == BANDUNG
    assert client.get(reverse("allocations:sentra_location", args=[theirs.pk])).status_code == 404


def test_api_reads_and_patches_location():
    sentra = SentraFactory()
    theirs = SentraFactory()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=dinas(sentra.region))[1]}")
    listed = api.get("/api/v1/sentra/").json()
    assert [s["id"] for s in listed["results"]] == [sentra.pk]
    url = f"/api/v1/sentra/{sentra.pk}/"
    bad = api.patch(url, {"latitude": "-6.9", "longitude": "150"}, format="json")
    assert bad.status_code == 400 and "di luar wilayah Indonesia" in bad.json()["error"]["message"]
    ok = api.patch(url, {"latitude": "-6.914744", "longitude": "107.609810"}, format="json")
    assert ok.status_code == 200
    assert (ok.json()["latitude"], ok.json()["longitude"]) == ("-6.914744", "107.609810")
    assert api.get(f"/api/v1/sentra/{theirs.pk}/").status_code == 404
    assert api.patch(f"/api/v1/sentra/{theirs.pk}/", {}, format="json").status_code == 404


def test_admin_form_refuses_outside_indonesia(client):
    sentra = SentraFactory()
    user = ditjen()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="allocations"))
    client.force_login(user)
    url = reverse("admin:allocations_sentra_change", args=[sentra.pk])
    post = {
        "region": sentra.region.pk,
        "name": sentra.name,
        "commodity": "x",
        "ikm_units": 0,
        "workforce": 0,
        "latitude": "40",
        "longitude": "107",
    }
    response = client.post(url, post)
    assert "di luar wilayah Indonesia" in response.content.decode()
    response = client.post(url, {**post, "latitude": "-6.914744", "longitude": "107.60981"})
    assert response.status_code == 302
    sentra.refresh_from_db()
    assert sentra.latitude == BANDUNG[0]


@pytest.fixture
def bandung(reference_data):
    return Region.objects.get(code="32.04")


def test_rk_import_sets_sentra_location(bandung):
    allocation(pagu="1000000000", region=bandung, year=2026)
    SentraFactory(region=bandung, name="Sentra Lama")
    rows = [
        [2026, "32.04", "RK-01", "IPAL", "IPAL", "Sentra Tenun", "1000", "-6,914744", "107,60981"],
        [2026, "32.04", "RK-02", "IPAL", "IPAL", "Sentra Tenun", "1000", "", ""],
        [2026, "32.04", "RK-03", "IPAL", "IPAL", "Sentra Lama", "1000", "-6.9", "107.6"],
    ]
    user = dinas(bandung)
    result = rk_import(actor=user, name="rk.csv", data=csv_bytes(RK_LOC, rows))
    assert result.ok, result.errors
    new = Sentra.objects.get(name="Sentra Tenun")
    old = Sentra.objects.get(name="Sentra Lama")
    assert (new.latitude, new.longitude) == BANDUNG
    assert (old.latitude, old.longitude) == (Decimal("-6.9"), Decimal("107.6"))
    assert old.history.first().history_user == user
    # The file without the optional columns still imports.
    assert rk_import(actor=user, name="rk.csv", data=csv_bytes(RK, [r[:7] for r in rows])).ok


def test_rk_import_location_errors_name_row_and_column(bandung):
    allocation(pagu="1000000000", region=bandung, year=2026)
    rows = [
        [2026, "32.04", "RK-01", "IPAL", "IPAL", "Sentra A", "1000", "52,1", "107"],
        [2026, "32.04", "RK-02", "IPAL", "IPAL", "Sentra A", "1000", "-6,9", ""],
        [2026, "32.04", "RK-03", "IPAL", "IPAL", "", "1000", "-6,9", "107"],
        [2026, "32.04", "RK-04", "IPAL", "IPAL", "Sentra B", "1000", "-6,9", "utara"],
        [2026, "32.04", "RK-05", "IPAL", "IPAL", "Sentra C", "1000", "-6,9", "107"],
        [2026, "32.04", "RK-06", "IPAL", "IPAL", "Sentra C", "1000", "-7", "107"],
    ]
    result = rk_import(actor=ditjen(), name="rk.csv", data=csv_bytes(RK_LOC, rows))
    assert not result.ok
    got = [(e.row, e.column) for e in result.errors]
    assert got == [(2, "sentra_lat"), (3, "sentra_lon"), (4, "sentra"), (5, "sentra_lon")]
    assert "Lintang 52.100000 di luar wilayah Indonesia" in result.errors[0].message
    assert "bukan koordinat" in result.errors[3].message
    assert not Sentra.objects.exists()
    # once the cell errors are fixed, the conflicting location of Sentra C is named
    conflict = rk_import(actor=ditjen(), name="rk.csv", data=csv_bytes(RK_LOC, rows[4:]))
    assert [(e.row, e.column) for e in conflict.errors] == [(3, "sentra_lat")]
    assert "sudah diberi koordinat lain di baris 2" in conflict.errors[0].message


def test_the_sentra_page_offers_what_the_service_allows(client):
    from accounts.roles import Role
    from allocations.permissions import can_edit_sentra
    from tests.factories import make_user

    sentra = SentraFactory()
    inspector = make_user(Role.INSPEKTORAT)
    client.force_login(inspector)
    page = client.get(reverse("allocations:sentra_list"))
    assert page.context["rows"] == [(sentra, False)] and not can_edit_sentra(inspector, sentra)
    assert client.get(reverse("allocations:sentra_location", args=[sentra.pk])).status_code == 403
    client.force_login(dinas(sentra.region))
    assert client.get(reverse("allocations:sentra_list")).context["rows"] == [(sentra, True)]
