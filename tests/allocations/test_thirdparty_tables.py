"""Pagu and RK files as offices save them (fixtures/thirdparty: pandas, xlsxwriter, gzip,
LibreOffice), through the commands' services and through the admin's import screen alike."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from allocations.models import Allocation, PlannedActivity, Region
from allocations.services.imports import allocations_import, rk_import
from tests.factories import allocation, ditjen, make_user

pytestmark = pytest.mark.django_db
THIRDPARTY = Path(__file__).resolve().parents[2] / "fixtures" / "thirdparty"


@pytest.fixture
def alloc(reference_data):
    return allocation(pagu="1000000000", region=Region.objects.get(code="32.04"))


def _rk(name: str):
    return rk_import(actor=ditjen(), name=name, data=(THIRDPARTY / name).read_bytes())


@pytest.mark.parametrize(
    "name,first_description",
    [
        ("rk_semicolon_many_commas.csv", "Pengadaan mesin jahit, mesin obras,"),
        ("rk_comma_many_semicolons.csv", "Pelatihan desain; pendampingan produksi;"),
        ("rk_unicode_text.txt", "Pelatihan tenun ikat – motif Sumba"),
        ("rk_windows_1252.csv", "Rumah kemasan – café & kopi"),
        ("libreoffice_rk_utf16_tabs.csv", "IPAL komunal, sentra tahu; Cibuntu"),
        ("libreoffice_rk_semicolon.csv", "IPAL komunal, sentra tahu; Cibuntu"),
    ],
)
def test_rk_csv_as_offices_save_it(alloc, name, first_description):
    outcome = _rk(name)
    assert outcome.ok, outcome.as_dict()
    first = alloc.activities.get(code="RK-01")
    assert first.description.startswith(first_description)
    assert alloc.activities.count() == 2


@pytest.mark.parametrize("name", ["pagu_gzip.csv", "libreoffice_rk_as_pdf.csv"])
def test_a_file_that_is_not_text_gets_a_clear_message(alloc, name):
    outcome = _rk(name)
    assert not outcome.ok and len(outcome.errors) == 1
    error = outcome.errors[0]
    assert error.row is None and error.column == ""
    assert "tidak dapat dibaca sebagai teks CSV" in error.message
    assert "kolom" not in error.message  # not "kolom 'tahun' tidak ditemukan"
    assert not PlannedActivity.objects.exists()


def test_region_codes_written_with_a_decimal_comma(reference_data):
    outcome = allocations_import(
        actor=ditjen(),
        name="pagu.csv",
        data=(THIRDPARTY / "pagu_decimal_comma_codes.csv").read_bytes(),
    )
    assert outcome.ok, outcome.as_dict()
    assert dict(Allocation.objects.values_list("region__code", "pagu")) == {
        "32.04": Decimal("7250000000"),
        "35.07": Decimal("6400000000"),
        "32.10": Decimal("5000000000"),
    }


def test_rk_formula_nobody_calculated_is_a_row_error(alloc):
    outcome = _rk("rk_xlsxwriter_uncalculated.xlsx")
    assert not outcome.ok
    (error,) = outcome.errors
    assert (error.row, error.column) == (3, "pagu")
    assert "simpan dulu di Excel/LibreOffice" in error.message
    assert not PlannedActivity.objects.exists()


def test_wide_csv_reads_only_the_first_columns(alloc, settings):
    settings.DAK_IMPORT_MAX_COLUMNS = 12
    text = (THIRDPARTY / "libreoffice_rk_semicolon.csv").read_text(encoding="utf-8")
    wide = "\n".join(line + ";x" * 20000 for line in text.splitlines()).encode()
    outcome = rk_import(actor=ditjen(), name="lebar.csv", data=wide)
    assert outcome.ok, outcome.as_dict()
    assert alloc.activities.count() == 2


# -- the admin import screen: the same reader, the same Indonesian errors ------------------------------
@pytest.fixture
def staff(client):
    user = make_user(Role.DITJEN)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="allocations"))
    client.force_login(user)
    return user


def _admin_import(client, model: str, name: str):
    data = (THIRDPARTY / name).read_bytes()
    return client.post(
        reverse(f"admin:allocations_{model}_import"),
        {"import_file": SimpleUploadedFile(name, data), "format": "0", "resource": "0"},
    )


def test_admin_previews_a_windows_1252_semicolon_file(client, staff, alloc):
    response = _admin_import(client, "plannedactivity", "rk_windows_1252.csv")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rumah kemasan – café &amp; kopi" in html
    assert "encountered while trying to read file" not in html
    assert not PlannedActivity.objects.exists()  # a preview stores nothing


def test_admin_shows_the_readers_message_for_an_unreadable_file(client, staff, alloc):
    html = _admin_import(client, "plannedactivity", "libreoffice_rk_as_pdf.csv").content.decode()
    assert "tidak dapat dibaca sebagai teks CSV" in html
    assert not PlannedActivity.objects.exists()


def test_admin_row_error_for_an_uncalculated_formula(client, staff, alloc):
    html = _admin_import(client, "plannedactivity", "rk_xlsxwriter_uncalculated.xlsx")
    text = re.sub(r"\s+", " ", html.content.decode())
    assert "simpan dulu di Excel/LibreOffice" in text
    assert not PlannedActivity.objects.exists()
