"""The holiday calendar working-day deadlines skip: seeded from the `holidays` package's
Indonesia calendar (national holidays and cuti bersama), corrected by Ditjen IKMA in the admin."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.roles import Role
from allocations.choices import HolidayKind
from allocations.models import Holiday
from allocations.services.holidays import holiday_delete, holiday_save, holidays_seed
from dakmonev.errors import NotPermitted
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_seed_fills_2016_to_2035_with_national_holidays_and_cuti_bersama():
    added = holidays_seed()
    assert added == Holiday.objects.count() > 20 * 15
    years = {d.year for d in Holiday.objects.dates("date", "year")}
    assert years == set(range(2016, 2036))
    # Idul Fitri 1445 H: 10–11 April 2024, cuti bersama 8, 9, 12 and 15 April.
    idul_fitri = dict(
        Holiday.objects.filter(date__range=("2024-04-08", "2024-04-15")).values_list("date", "kind")
    )
    assert idul_fitri == {
        dt.date(2024, 4, 8): HolidayKind.CUTI_BERSAMA,
        dt.date(2024, 4, 9): HolidayKind.CUTI_BERSAMA,
        dt.date(2024, 4, 10): HolidayKind.NASIONAL,
        dt.date(2024, 4, 11): HolidayKind.NASIONAL,
        dt.date(2024, 4, 12): HolidayKind.CUTI_BERSAMA,
        dt.date(2024, 4, 15): HolidayKind.CUTI_BERSAMA,
    }
    assert Holiday.objects.get(date="2024-08-17").name == "Hari Kemerdekaan Republik Indonesia"
    # The library knows cuti bersama only for years already decreed (up to 2027 in 0.109).
    assert not Holiday.objects.filter(date__year=2030, kind=HolidayKind.CUTI_BERSAMA).exists()
    assert Holiday.history.count() == added


def test_seed_is_idempotent_and_keeps_ditjens_corrections():
    holidays_seed()
    actor = make_user(Role.DITJEN)
    dropped = Holiday.objects.get(date="2024-04-15")
    holiday_delete(actor=actor, holiday=dropped)
    holiday_save(
        actor=actor,
        holiday=None,
        date=dt.date(2028, 1, 3),  # a cuti bersama decreed later than the library knows
        name="Cuti Bersama Tahun Baru Masehi",
        kind=HolidayKind.CUTI_BERSAMA,
    )
    count = Holiday.objects.count()
    assert holidays_seed() == 0
    assert Holiday.objects.count() == count
    assert not Holiday.objects.filter(date="2024-04-15").exists()
    assert Holiday.objects.get(date="2028-01-03").kind == HolidayKind.CUTI_BERSAMA


def test_only_ditjen_edits_the_calendar_and_history_names_who():
    with pytest.raises(NotPermitted):
        holiday_save(
            actor=make_user(Role.PIMPINAN), holiday=None, date=dt.date(2026, 5, 1),
            name="Libur", kind=HolidayKind.NASIONAL,
        )  # fmt: skip
    actor = make_user(Role.DITJEN)
    day = holiday_save(
        actor=actor, holiday=None, date=dt.date(2026, 5, 1), name="Hari Buruh",
        kind=HolidayKind.NASIONAL,
    )  # fmt: skip
    assert day.history.get().history_user == actor


def test_ditjen_corrects_a_day_in_the_admin(client):
    holidays_seed(years=[2026])
    staff = make_user(Role.DITJEN)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="allocations"))
    client.force_login(staff)
    day = Holiday.objects.get(date="2026-12-24")
    url = reverse("admin:allocations_holiday_change", args=[day.pk])
    response = client.post(
        url, {"date": "2026-12-28", "name": day.name, "kind": HolidayKind.CUTI_BERSAMA}
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.date == dt.date(2026, 12, 28)
    assert day.history.first().history_user == staff
    delete = reverse("admin:allocations_holiday_delete", args=[day.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Holiday.objects.filter(pk=day.pk).exists()


def test_other_roles_cannot_change_the_calendar_in_the_admin(client):
    holidays_seed(years=[2026])
    user = make_user(Role.PIMPINAN)
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="allocations"))
    client.force_login(user)
    day = Holiday.objects.get(date="2026-12-24")
    url = reverse("admin:allocations_holiday_change", args=[day.pk])
    client.post(url, {"date": "2026-12-28", "name": day.name, "kind": HolidayKind.CUTI_BERSAMA})
    day.refresh_from_db()
    assert day.date == dt.date(2026, 12, 24)
