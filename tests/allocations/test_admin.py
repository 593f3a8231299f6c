"""Admin: scoped lists, history, service rules in forms, and django-import-export through the services."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.roles import Role
from allocations.models import FiscalYear, PlannedActivity, QuarterDeadline, Region
from allocations.selectors.deadlines import report_deadline
from tests.factories import allocation, line, make_user, menu
from tests.files import xlsx_bytes

pytestmark = pytest.mark.django_db
RK = [
    "tahun",
    "kode_wilayah",
    "kode_kegiatan",
    "menu",
    "uraian",
    "sentra",
    "volume",
    "satuan",
    "pagu",
]


@pytest.fixture
def staff(client):
    user = make_user(Role.DITJEN)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="allocations"))
    client.force_login(user)
    return user


def _import(client, url_name, data: bytes, name="rk.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse(f"admin:allocations_{url_name}_import")
    return client.post(
        url, {"import_file": SimpleUploadedFile(name, data), "format": "0", "resource": "0"}
    )


def test_admin_rk_import_previews_then_confirms_through_the_service(client, staff, reference_data):
    region = Region.objects.get(code="32.04")
    alloc = allocation(pagu="1000000000", region=region)
    rows = [
        [2026, "32.04", "RK-01", "IPAL", "IPAL komunal", "Sentra Batik", 1, "unit", 600000000],
        [2026, "32.04", "RK-02", "UPT", "UPT logam", "", 1, "paket", 400000000],
    ]
    preview = _import(client, "plannedactivity", xlsx_bytes(RK, rows))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "IPAL komunal" in html and not PlannedActivity.objects.exists()
    confirm = {
        k: v
        for k, v in re.findall(r'name="(\w+)" value="([^"]*)"', html)
        if k
        in ("import_file_name", "original_file_name", "format", "resource", "csrfmiddlewaretoken")
    }
    done = client.post(reverse("admin:allocations_plannedactivity_process_import"), confirm)
    assert done.status_code == 302
    assert list(alloc.activities.values_list("code", "pagu")) == [
        ("RK-01", Decimal("600000000")),
        ("RK-02", Decimal("400000000")),
    ]
    assert alloc.activities.get(code="RK-01").history.first().history_user == staff


def test_admin_rk_import_shows_row_errors_and_stores_nothing(client, staff, reference_data):
    allocation(pagu="1000000000", region=Region.objects.get(code="32.04"))
    rows = [
        [2026, "32.04", "RK-01", "IPAL", "IPAL komunal", "", 1, "unit", 600000000],
        [2026, "32.04", "RK-02", "UPT", "UPT logam", "", 1, "paket", 600000000],
    ]
    response = _import(client, "plannedactivity", xlsx_bytes(RK, rows))
    html = response.content.decode()
    assert "melebihi pagu alokasi" in html and 'name="import_file_name"' not in html
    assert not PlannedActivity.objects.exists()


def test_admin_pagu_import(client, staff, reference_data):
    response = _import(
        client,
        "allocation",
        xlsx_bytes(["tahun", "kode_wilayah", "pagu"], [[2026, "32.04", 5000]]),
        name="pagu.xlsx",
    )
    assert response.status_code == 200 and "32.04" in response.content.decode()


def test_admin_change_form_enforces_the_sum_rule(client, staff):
    alloc = allocation(pagu="1000000000")
    line(alloc, "RK-01", "900000000")
    url = reverse("admin:allocations_plannedactivity_add")
    response = client.post(
        url,
        {
            "allocation": alloc.pk,
            "code": "RK-02",
            "menu": menu().pk,
            "description": "x",
            "volume": "1",
            "unit": "unit",
            "pagu": "200000000",
        },
    )
    assert response.status_code == 200 and "melebihi pagu alokasi" in response.content.decode()
    response = client.post(
        url,
        {
            "allocation": alloc.pk,
            "code": "RK-02",
            "menu": menu().pk,
            "description": "x",
            "volume": "1",
            "unit": "unit",
            "pagu": "100000000",
        },
    )
    assert response.status_code == 302 and alloc.activities.count() == 2


# The TA's progress-photo rules (DOMAIN.md §8), at their defaults.
PHOTO_RULES = {
    "photo_max_distance_km": "2",
    "photo_grace_days": "14",
    "photo_required_physical_pct": "50",
}


def test_new_fiscal_year_in_admin_gets_default_rules(client, staff):
    prefix = {
        "deadline_overrides-TOTAL_FORMS": "0",
        "deadline_overrides-INITIAL_FORMS": "0",
        "disbursement_rules-TOTAL_FORMS": "0",
        "disbursement_rules-INITIAL_FORMS": "0",
    }
    response = client.post(
        reverse("admin:allocations_fiscalyear_add"),
        {
            "year": "2030",
            "deadline_rule": "HARI_KALENDER",
            "report_deadline_days": "14",
            "reminder_days_before": "5",
            "escalation_days_after": "14",
            "one_off_max_pagu": "1000000000",
            "behind_plan_threshold": "10",
            "notes": "",
            **PHOTO_RULES,
            **prefix,
        },
    )
    assert response.status_code == 302
    assert FiscalYear.objects.get(year=2030).disbursement_rules.count() == 4


def _fiscal_year_post(year: int, overrides: list[dict], initial: int = 0) -> dict:
    data = {
        "year": str(year),
        "deadline_rule": "HARI_KALENDER",
        "report_deadline_days": "14",
        "reminder_days_before": "5",
        "escalation_days_after": "14",
        "one_off_max_pagu": "1000000000",
        "behind_plan_threshold": "10",
        "notes": "",
        **PHOTO_RULES,
        "deadline_overrides-TOTAL_FORMS": str(len(overrides)),
        "deadline_overrides-INITIAL_FORMS": str(initial),
        "disbursement_rules-TOTAL_FORMS": "0",
        "disbursement_rules-INITIAL_FORMS": "0",
    }
    for i, row in enumerate(overrides):
        data.update({f"deadline_overrides-{i}-{k}": v for k, v in row.items()})
    return data


def test_admin_deadline_overrides_go_through_the_service_rule(client, staff):
    fy = FiscalYear.objects.create(
        year=2031, deadline_rule="HARI_KALENDER", report_deadline_days=14
    )
    url = reverse("admin:allocations_fiscalyear_change", args=[fy.pk])
    early = {"quarter": "2", "deadline": "2031-06-15", "decree": "SE 1/2031"}
    response = client.post(url, _fiscal_year_post(2031, [early]))
    assert response.status_code == 200  # the form again, with the service's message
    assert "Batas laporan tidak boleh sebelum akhir triwulan." in response.content.decode()
    assert not QuarterDeadline.objects.exists()
    later = {**early, "deadline": "2031-07-31"}
    assert client.post(url, _fiscal_year_post(2031, [later])).status_code == 302
    override = QuarterDeadline.objects.get(fiscal_year=fy, quarter=2)
    assert override.deadline == dt.date(2031, 7, 31)
    assert override.history.get().history_user == staff
    assert report_deadline(fy, 2, None) == dt.date(2031, 7, 31)
    removed = {"id": str(override.pk), "fiscal_year": str(fy.pk), **later, "DELETE": "on"}
    assert client.post(url, _fiscal_year_post(2031, [removed], initial=1)).status_code == 302
    assert not QuarterDeadline.objects.exists()
    assert report_deadline(fy, 2, None) == dt.date(2031, 7, 14)  # 30 June + 14 days again


def test_admin_lists_are_scoped_to_the_users_region(client, reference_data):
    own, other = Region.objects.get(code="32.04"), Region.objects.get(code="35.07")
    line(allocation(region=own), "RK-OWN", "1")
    hidden = line(allocation(region=other), "RK-OTHER", "1")
    user = make_user(Role.DINAS, region=own)
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="allocations"))
    client.force_login(user)
    html = client.get(reverse("admin:allocations_plannedactivity_changelist")).content.decode()
    assert "RK-OWN" in html and "RK-OTHER" not in html
    assert client.get(
        reverse("admin:allocations_plannedactivity_change", args=[hidden.pk])
    ).status_code in (302, 404)
