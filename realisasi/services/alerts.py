"""Alerts: raise once, resolve when settled, and the daily overdue-report check (DOMAIN.md §6)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from allocations.choices import DeadlineRule
from allocations.models import Allocation, FiscalYear, Region
from allocations.selectors.deadlines import alert_dates, region_today, with_calendar
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.numbers import format_date, format_percent
from notifications.models import NotificationKind
from notifications.services import notifications_send_emails, notify

from ..models import NO_QUARTER, Alert, AlertKind, QuarterlyReport
from ..models.alerts import REPORT_KINDS, alert_event_key
from ..selectors.absorption import absorption
from ..selectors.behind_plan import behind_plan_as_of
from ..selectors.overdue import report_overdue

__all__ = [
    "OverdueRun",
    "alert_raise",
    "alert_resolve",
    "alerts_resolve_for_report",
    "check_behind_plan",
    "check_overdue",
]


def _fiscal_year(value: FiscalYear | int) -> FiscalYear:
    return value if isinstance(value, FiscalYear) else FiscalYear.objects.get(year=value)


def alert_raise(
    *,
    kind: str,
    region: Region,
    fiscal_year: FiscalYear | int,
    quarter: int | None = None,
    subject_key: str = "",
    title: str,
    message: str,
    url: str = "",
    notify_users,
    due_date: dt.date | None = None,
) -> tuple[Alert, bool]:
    """The one alert for (kind, region, TA, quarter, subject) — created once, reopened if it was resolved — with one notification per user; emails go out after commit, once each."""
    alert, created = _alert_upsert(
        kind=kind,
        region=region,
        fiscal_year=_fiscal_year(fiscal_year),
        quarter=quarter,
        subject_key=subject_key,
        title=title,
        message=message,
        url=url,
        notify_users=notify_users,
        due_date=due_date,
        email=True,
    )
    return alert, created


@transaction.atomic
def _alert_upsert(
    *,
    kind,
    region,
    fiscal_year,
    quarter,
    subject_key,
    title,
    message,
    url,
    notify_users,
    due_date,
    email: bool = False,
) -> tuple[Alert, bool]:
    # get_or_create re-reads after an IntegrityError, so when a concurrent run inserted first
    # this one reuses its row. Alert and notifications commit together: a killed worker leaves
    # neither half.
    alert, created = Alert.objects.get_or_create(
        kind=kind,
        region=region,
        fiscal_year=fiscal_year,
        quarter=quarter or NO_QUARTER,
        subject_key=subject_key,
        defaults={"title": title, "message": message, "url": url, "due_date": due_date},
    )
    if not created and alert.resolved_at is not None:
        Alert.objects.filter(pk=alert.pk).update(resolved_at=None)
        alert.resolved_at = None
    notify(
        kind=NotificationKind.ALERT,
        event_key=alert_event_key(alert.pk),
        users=notify_users,
        title=alert.title,
        body=alert.message,
        url=alert.url,
        email=email,
    )
    return alert, created


@transaction.atomic
def alert_resolve(
    *,
    kind: str,
    region: Region | int,
    fiscal_year: FiscalYear | int,
    quarter: int | None = None,
    subject_key: str = "",
) -> int:
    """Resolve the open alert of (kind, region, TA, quarter, subject) if there is one; returns 0 or 1."""
    region_id = region.pk if isinstance(region, Region) else region
    year_filter = (
        {"fiscal_year": fiscal_year}
        if isinstance(fiscal_year, FiscalYear)
        else {"fiscal_year__year": fiscal_year}
    )
    resolved = (
        Alert.objects.open()
        .filter(
            kind=kind,
            region_id=region_id,
            quarter=quarter or NO_QUARTER,
            subject_key=subject_key,
            **year_filter,
        )
        .update(resolved_at=timezone.now())
    )
    return resolved


@transaction.atomic
def alerts_resolve_for_report(*, report: QuarterlyReport) -> int:
    """Resolve the report alerts of the report's region, TA and quarter once a counted version exists."""
    if (
        not QuarterlyReport.objects.counted()
        .filter(
            region_id=report.region_id,
            fiscal_year_id=report.fiscal_year_id,
            quarter=report.quarter,
        )
        .exists()
    ):
        return 0
    resolved = (
        Alert.objects.open()
        .for_report_quarter(
            region_id=report.region_id,
            fiscal_year_id=report.fiscal_year_id,
            quarter=report.quarter,
        )
        .update(resolved_at=timezone.now())
    )
    return resolved


@dataclass
class OverdueRun:
    raised: int = 0
    resolved: int = 0
    emails: int = 0
    open_alerts: list[int] = field(default_factory=list)


def _due_kinds(fy: FiscalYear, quarter: int, region: Region, local_date: dt.date) -> list[str]:
    """The alerts due on `local_date` for a quarter whose report does not count yet (offsets in
    the TA's unit: working days when its deadline counts working days)."""
    dates = alert_dates(fy, quarter, region)
    kinds = []
    if dates.reminder_from <= local_date <= dates.deadline:
        kinds.append(AlertKind.REMINDER)
    if report_overdue(fy, quarter, region, counted=False, today=local_date):
        kinds.append(AlertKind.OVERDUE)
        if local_date > dates.escalate_after:
            kinds.append(AlertKind.ESCALATION)
    return kinds


def _days(fy: FiscalYear) -> str:
    unit = "hari kerja" if fy.deadline_rule == DeadlineRule.HARI_KERJA else "hari"
    return f"{fy.escalation_days_after} {unit}"


def _text(
    kind: str, region: Region, fy: FiscalYear, quarter: int, deadline: dt.date
) -> tuple[str, str]:
    what = f"laporan realisasi {Quarter(quarter).label} TA {fy.year} {region.name}"
    if kind == AlertKind.REMINDER:
        return (
            f"Pengingat: {what} jatuh tempo {format_date(deadline)}",
            f"Batas penyampaian {what} adalah {format_date(deadline)} (waktu setempat). "
            "Unggah dan ajukan laporan sebelum batas tersebut.",
        )
    if kind == AlertKind.OVERDUE:
        return (
            f"Terlambat: {what} (batas {format_date(deadline)})",
            f"Sampai hari ini belum ada {what} yang diajukan, padahal batasnya {format_date(deadline)}. "
            "Keterlambatan dapat menunda penyaluran dana.",
        )
    return (
        f"Eskalasi: {what} belum masuk {_days(fy)} setelah batas",
        f"{what[0].upper()}{what[1:]} belum diajukan lebih dari {_days(fy)} setelah "
        f"batas {format_date(deadline)}. Mohon tindak lanjut Ditjen IKMA.",
    )


def _alert_url(fy: FiscalYear) -> str:
    return f"{reverse('realisasi:alert_list')}?year={fy.year}"


def _resolve_reported(fy: FiscalYear, counted: set[tuple[int, int]], now: dt.datetime) -> int:
    open_ids = [
        pk
        for pk, region_id, quarter in Alert.objects.open()
        .filter(
            fiscal_year=fy,
            kind__in=REPORT_KINDS,
            subject_key="",
        )
        .values_list("pk", "region_id", "quarter")
        if (region_id, quarter) in counted
    ]
    resolved = (
        Alert.objects.filter(pk__in=open_ids, resolved_at__isnull=True).update(resolved_at=now)
        if open_ids
        else 0
    )
    return resolved


def _check_year(fy: FiscalYear, *, as_of: dt.date | None, at: dt.datetime, run: OverdueRun) -> None:
    counted = set(
        QuarterlyReport.objects.counted().filter(fiscal_year=fy).values_list("region_id", "quarter")
    )
    run.resolved += _resolve_reported(fy, counted, at)
    existing = {
        (k, r, q)
        for k, r, q in Alert.objects.open()
        .filter(fiscal_year=fy, kind__in=REPORT_KINDS, subject_key="")
        .values_list("kind", "region_id", "quarter")
    }
    dinas = defaultdict(list)
    for user in User.objects.filter(
        role=Role.DINAS, is_active=True, region__allocations__fiscal_year=fy
    ):
        dinas[user.region_id].append(user)
    ditjen = list(User.objects.filter(role=Role.DITJEN, is_active=True))
    regions = [
        a.region
        for a in Allocation.objects.filter(fiscal_year=fy)
        .select_related("region")
        .order_by("region__code")
    ]
    for region in regions:
        # The deadline is a date in the region's own zone (WIB/WITA/WIT).
        local = as_of or region_today(region.timezone, at)
        for quarter in Quarter:
            if (region.pk, quarter) in counted:
                continue
            for kind in _due_kinds(fy, quarter, region, local):
                if (kind, region.pk, quarter) in existing:
                    continue  # already open, notified when it was raised
                deadline = alert_dates(fy, quarter, region).deadline
                title, message = _text(kind, region, fy, quarter, deadline)
                _, created = _alert_upsert(
                    kind=kind,
                    region=region,
                    fiscal_year=fy,
                    quarter=quarter,
                    title=title,
                    message=message,
                    subject_key="",
                    url=_alert_url(fy),
                    due_date=deadline,
                    notify_users=ditjen if kind == AlertKind.ESCALATION else dinas[region.pk],
                )
                run.raised += int(created)


def check_overdue(*, as_of: dt.date | None = None, at: dt.datetime | None = None) -> OverdueRun:
    """Raise the reminder/overdue/escalation alerts due for the current and previous TA and resolve those whose report arrived; safe to re-run or run concurrently.

    `at` is the instant (default now); each region's calendar date is taken in its own time
    zone. `as_of` instead fixes the calendar date for every region (the command's --as-of).
    Not one big transaction on purpose: each alert commits with its notifications, so a killed
    worker keeps finished work and two runs never wait on each other's whole batch.
    """
    at = at or timezone.now()
    ref = as_of or timezone.localdate(at)
    run = OverdueRun()
    years = FiscalYear.objects.filter(year__in=(ref.year - 1, ref.year)).order_by("year")
    for fy in with_calendar(years):
        _check_year(fy, as_of=as_of, at=at, run=run)
        raised, resolved = check_behind_plan(fy, as_of=as_of, at=at)
        run.raised, run.resolved = run.raised + raised, run.resolved + resolved
    # One sweep sends this run's emails and any an interrupted earlier run left pending.
    run.emails = notifications_send_emails()
    run.open_alerts = list(
        Alert.objects.open().filter(kind__in=REPORT_KINDS).values_list("pk", flat=True)
    )
    return run


# ---------------------------------------------------------------------- behind plan (TERTINGGAL)


def _behind_text(r, fy: FiscalYear, quarter: int) -> tuple[str, str]:
    label = Quarter(quarter).label
    return (
        f"Tertinggal dari rencana: {r.name} {label} TA {fy.year}",
        f"Realisasi fisik {r.name} per {label} TA {fy.year} {format_percent(r.physical_progress)}, "
        f"rencana {format_percent(r.planned_physical)} (deviasi "
        f"{format_percent(r.deviation_physical)} poin; batas {format_percent(fy.behind_plan_threshold)} "
        "poin). Percepat pelaksanaan kegiatan, atau perbarui target RK bila rencana berubah.",
    )


def check_behind_plan(
    fy: FiscalYear, *, as_of: dt.date | None = None, at: dt.datetime | None = None
) -> tuple[int, int]:
    """Raise one TERTINGGAL alert per region and quarter that is behind plan, resolve those caught up.

    The rule is `selectors.behind_plan.behind_plan_as_of` (figures due, physical deviation more
    than the TA's threshold below plan). The region's dinas and Ditjen IKMA are told when an
    alert is raised. Returns (raised, resolved).
    """
    at = at or timezone.now()
    open_alerts = set(
        Alert.objects.open()
        .filter(fiscal_year=fy, kind=AlertKind.BEHIND_PLAN)
        .values_list("region_id", "quarter")
    )
    behind: dict[tuple[int, int], object] = {}
    for quarter in Quarter:
        for r in absorption(fy.year, quarter).regions:
            if behind_plan_as_of(r, fy, quarter, today=as_of, now=at):
                behind[(r.region_id, int(quarter))] = r
    raised = resolved = 0
    new = {key: r for key, r in behind.items() if key not in open_alerts}
    if new:
        regions = Region.objects.in_bulk({region_id for region_id, _q in new})
        ditjen = list(User.objects.filter(role=Role.DITJEN, is_active=True))
        dinas = defaultdict(list)
        for user in User.objects.filter(role=Role.DINAS, is_active=True, region_id__in=regions):
            dinas[user.region_id].append(user)
        for (region_id, quarter), r in sorted(new.items()):
            title, message = _behind_text(r, fy, quarter)
            alert_raise(
                kind=AlertKind.BEHIND_PLAN,
                region=regions[region_id],
                fiscal_year=fy,
                quarter=quarter,
                title=title,
                message=message,
                url=f"{reverse('portal:region_detail', args=[r.code])}?year={fy.year}&quarter={quarter}",
                notify_users=[*dinas[region_id], *ditjen],
            )
            raised += 1
    for region_id, quarter in open_alerts - set(behind):
        resolved += alert_resolve(
            kind=AlertKind.BEHIND_PLAN, region=region_id, fiscal_year=fy, quarter=quarter
        )
    return raised, resolved
