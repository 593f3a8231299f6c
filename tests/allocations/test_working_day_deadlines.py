"""Deadlines in working days (DOMAIN.md §9): holidays and cuti bersama skipped, TW IV counted
into January, per-region extensions granted by Ditjen IKMA, and reminder/escalation offsets in
the TA's unit — all through allocations.selectors.deadlines.report_deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.roles import Role
from allocations.choices import DeadlineRule
from allocations.models import DeadlineExtension, FiscalYear
from allocations.selectors.deadlines import (
    alert_dates,
    fiscal_years,
    report_deadline,
    report_deadlines,
)
from allocations.services.fiscal_years import (
    deadline_extension_grant,
    deadline_extension_withdraw,
    fiscal_year_create,
)
from allocations.services.holidays import holidays_seed
from dakmonev.errors import DomainError, NotPermitted
from notifications.models import Notification, NotificationKind
from realisasi.models import Alert, AlertKind
from realisasi.selectors.overdue import OverdueFilters, overdue_reports
from realisasi.services.alerts import check_overdue
from tests import factories
from tests.factories import make_user

pytestmark = pytest.mark.django_db
M = 1_000_000


@pytest.fixture
def ta2024():
    """TA 2024, 10 working days, reminder 5 and escalation 14 (working days), holidays 2024–25."""
    holidays_seed(years=[2024, 2025])
    return factories.fiscal_year(
        2024,
        deadline_rule=DeadlineRule.HARI_KERJA,
        report_deadline_days=10,
        reminder_days_before=5,
        escalation_days_after=14,
    )


def test_a_new_ta_counts_10_working_days():
    fy = fiscal_year_create(actor=make_user(Role.DITJEN), year=2027)
    assert (fy.deadline_rule, fy.report_deadline_days) == (DeadlineRule.HARI_KERJA, 10)


def test_deadline_across_the_idul_fitri_and_cuti_bersama_week(ta2024):
    # TW I ends Sunday 31 March 2024. Working days: 1–5 April (5); 8, 9 cuti bersama, 10–11 Idul
    # Fitri, 12 and 15 cuti bersama; 16–19 April (9); Monday 22 April is the 10th.
    assert report_deadline(ta2024, 1, None) == dt.date(2024, 4, 22)
    calendar_days = FiscalYear(
        year=2024, deadline_rule=DeadlineRule.HARI_KALENDER, report_deadline_days=14
    )
    assert report_deadline(calendar_days, 1, None) == dt.date(2024, 4, 14)


def test_tw_iv_deadline_falls_in_january_of_the_next_year(ta2024):
    # 31 Dec 2024; 1 Jan 2025 is a holiday: 2–3 (2), 6–10 (7), 13–15 January (10).
    assert report_deadline(ta2024, 4, None) == dt.date(2025, 1, 15)
    assert report_deadlines(ta2024) == {
        1: dt.date(2024, 4, 22),
        2: dt.date(2024, 7, 12),  # 1–12 July, no holiday (Islamic New Year is Sunday 7 July)
        3: dt.date(2024, 10, 14),
        4: dt.date(2025, 1, 15),
    }


def test_reminder_and_escalation_offsets_count_working_days(ta2024):
    region = factories.region("32.04")
    factories.allocation_with_lines(region, 2024, [100 * M])
    dates = alert_dates(ta2024, 1, region)
    # 5 working days before Monday 22 April: 19, 18, 17, 16, (15, 12, 11, 10, 9, 8 off) 5 April.
    assert dates.reminder_from == dt.date(2024, 4, 5)
    # 14 working days after: 23–26, 29–30 April, (1 May off) 2–3, 6–8, (9–10 off) 13–15 May.
    assert dates.escalate_after == dt.date(2024, 5, 15)

    def kinds(day):
        check_overdue(as_of=day)
        return set(Alert.objects.open().filter(quarter=1).values_list("kind", flat=True))

    assert kinds(dt.date(2024, 4, 4)) == set()
    assert kinds(dt.date(2024, 4, 5)) == {AlertKind.REMINDER}
    assert AlertKind.OVERDUE not in kinds(dt.date(2024, 4, 22))
    assert AlertKind.OVERDUE in kinds(dt.date(2024, 4, 23))
    assert AlertKind.ESCALATION not in kinds(dt.date(2024, 5, 15))
    assert AlertKind.ESCALATION in kinds(dt.date(2024, 5, 16))
    assert "14 hari kerja" in Alert.objects.get(kind=AlertKind.ESCALATION).title


def test_a_region_extension_holds_its_overdue_alert_until_it_ends(ta2024):
    flooded, other = factories.region("32.04"), factories.region("32.05")
    for region in (flooded, other):
        factories.allocation_with_lines(region, 2024, [100 * M])
    ditjen = make_user(Role.DITJEN)
    extension = deadline_extension_grant(
        actor=ditjen,
        fiscal_year=ta2024,
        region=flooded,
        quarter=1,
        until=dt.date(2024, 5, 31),
        reason="Banjir bandang, kantor dinas terendam",
    )
    assert extension.history.get().history_user == ditjen
    assert report_deadline(ta2024, 1, flooded) == dt.date(2024, 5, 31)
    assert report_deadline(ta2024, 1, other) == dt.date(2024, 4, 22)
    assert report_deadline(ta2024, 2, flooded) == dt.date(2024, 7, 12)  # other quarters: decreed
    assert report_deadline(ta2024, 1, None) == dt.date(2024, 4, 22)  # the TA's own, unchanged

    def overdue(day):
        check_overdue(as_of=day)
        return set(
            Alert.objects.open()
            .filter(kind=AlertKind.OVERDUE, quarter=1)
            .values_list("region__code", flat=True)
        )

    assert overdue(dt.date(2024, 4, 23)) == {"32.05"}
    assert overdue(dt.date(2024, 5, 31)) == {"32.05"}  # the extension's last day is on time
    assert overdue(dt.date(2024, 6, 1)) == {"32.04", "32.05"}
    now = dt.datetime(2024, 5, 1, 3, tzinfo=dt.UTC)
    [fy] = [fy for fy in fiscal_years() if fy.year == 2024]
    listed = overdue_reports(ditjen, fy, OverdueFilters(year=2024, quarter=1), now=now)
    assert [r.region.code for r in listed] == ["32.05"]

    deadline_extension_withdraw(actor=ditjen, extension=extension)
    assert report_deadline(ta2024, 1, flooded) == dt.date(2024, 4, 22)
    assert DeadlineExtension.history.count() == 2


def test_the_region_dinas_is_told_of_an_extension_and_of_its_withdrawal(ta2024):
    flooded, other = factories.region("32.04"), factories.region("32.05")
    clerk, neighbour = make_user(Role.DINAS, flooded), make_user(Role.DINAS, other)
    ditjen = make_user(Role.DITJEN)
    extension = deadline_extension_grant(
        actor=ditjen,
        fiscal_year=ta2024,
        region=flooded,
        quarter=1,
        until=dt.date(2024, 5, 31),
        reason="Banjir bandang, kantor dinas terendam",
    )
    (told,) = Notification.objects.filter(user=clerk)
    assert told.kind == NotificationKind.DEADLINE_EXTENDED
    assert (
        told.title == f"Batas laporan TW I TA 2024 {flooded.name} diperpanjang sampai 31 Mei 2024"
    )
    assert told.body == "Alasan: Banjir bandang, kantor dinas terendam"
    deadline_extension_withdraw(actor=ditjen, extension=extension)
    titles = list(Notification.objects.filter(user=clerk).values_list("title", flat=True))
    assert f"Perpanjangan batas laporan TW I TA 2024 {flooded.name} dicabut" in titles
    assert not Notification.objects.filter(user=neighbour).exists()


def test_an_extension_for_every_quarter_and_its_rules(ta2024):
    region = factories.region("32.04")
    ditjen = make_user(Role.DITJEN)
    with pytest.raises(NotPermitted):
        deadline_extension_grant(
            actor=make_user(Role.PIMPINAN), fiscal_year=ta2024, region=region, quarter=None,
            until=dt.date(2024, 9, 30), reason="Gempa",
        )  # fmt: skip
    with pytest.raises(DomainError, match="Alasan"):
        deadline_extension_grant(
            actor=ditjen, fiscal_year=ta2024, region=region, quarter=2,
            until=dt.date(2024, 9, 30), reason=" ",
        )  # fmt: skip
    with pytest.raises(DomainError, match="setelah batas laporan 2024-07-12"):
        deadline_extension_grant(
            actor=ditjen, fiscal_year=ta2024, region=region, quarter=2,
            until=dt.date(2024, 7, 12), reason="Gempa",
        )  # fmt: skip
    deadline_extension_grant(
        actor=ditjen, fiscal_year=ta2024, region=region, quarter=None,
        until=dt.date(2024, 9, 30), reason="Gempa",
    )  # fmt: skip
    assert report_deadlines(ta2024, region) == {
        1: dt.date(2024, 9, 30),
        2: dt.date(2024, 9, 30),
        3: dt.date(2024, 10, 14),  # already later than the extension
        4: dt.date(2025, 1, 15),
    }


def test_ditjen_grants_an_extension_in_the_admin_and_the_region_page_shows_it(client, ta2024):
    region = factories.region("32.04", name="Kabupaten Bandung")
    factories.allocation_with_lines(region, 2024, [100 * M])
    staff = make_user(Role.DITJEN)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="allocations"))
    client.force_login(staff)
    data = {
        "fiscal_year": ta2024.pk,
        "region": region.pk,
        "quarter": "1",
        "until": "2024-04-10",
        "reason": "Banjir",
    }
    response = client.post(reverse("admin:allocations_deadlineextension_add"), data)
    assert response.status_code == 200 and "setelah batas laporan 2024-04-22" in response.text
    data["until"] = "2024-05-31"
    assert client.post(reverse("admin:allocations_deadlineextension_add"), data).status_code == 302
    extension = DeadlineExtension.objects.get()
    assert extension.granted_by == staff and extension.history.get().history_user == staff

    page = client.get(reverse("portal:region_detail", args=["32.04"]) + "?year=2024&quarter=1")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-panel="deadline-extensions"' in html and "Banjir" in html
    assert "31 Mei 2024" in html  # the report KPI's deadline is the region's own

    dinas = make_user(Role.DINAS, region=factories.region("32.05"))
    client.force_login(dinas)
    assert client.get(reverse("admin:allocations_deadlineextension_changelist")).status_code in (
        302,
        403,
    )
