"""Quarterly report deadlines — the one rule every caller asks (alerts, overdue list, dashboard,
region page, API, templates, the admin): `report_deadline(fiscal_year, quarter, region)`.

A deadline is counted from the quarter's last day in the TA's unit (`deadline_rule`): working
days (Monday–Friday without national holidays and cuti bersama, `Holiday`) or calendar days;
a quarter's override (a decree) replaces it for everyone, and a region's extension
(`DeadlineExtension`, granted by Ditjen IKMA) moves that region's later. Reminder and escalation
offsets count in the same unit (`alert_dates`). Dates are in the region's own zone.

What a deadline needs — the TA's overrides, its extensions and the holidays of its years — is
its *calendar*, read in one query. `with_calendar(years)` attaches it to TAs (like a prefetch;
`fiscal_years()` does it): then a loop over regions costs no query per call. A TA without an
attached calendar reads it afresh on every call, so it is never stale.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import CharField, DateField, F, IntegerField, TextField, Value
from django.utils import timezone

from dakmonev.errors import DomainError
from dakmonev.quarters import Quarter

from ..choices import DeadlineRule
from ..models import DeadlineExtension, FiscalYear, Holiday, QuarterDeadline

__all__ = [
    "AlertDates",
    "DeadlineCalendar",
    "Extension",
    "alert_dates",
    "deadline_extension_check",
    "fiscal_years",
    "quarter_deadline_check",
    "region_extensions",
    "region_today",
    "report_deadline",
    "report_deadlines",
    "with_calendar",
]

_CALENDAR = "_deadline_calendar"


@dataclass(frozen=True)
class Extension:
    """A region's extension as the deadline rule reads it (quarter None = every quarter)."""

    region_id: int
    quarter: int | None
    until: dt.date
    reason: str

    def covers(self, quarter: int) -> bool:
        return self.quarter is None or self.quarter == quarter


@dataclass
class DeadlineCalendar:
    """What a TA's deadlines are computed from: its overrides, its extensions per region and the
    days off of the TA's year and the next (a TW IV deadline and its escalation fall there)."""

    overrides: dict[int, dt.date] = field(default_factory=dict)
    extensions: dict[int, list[Extension]] = field(default_factory=lambda: defaultdict(list))
    holidays: frozenset[dt.date] = frozenset()


def _region_id(region) -> int:
    # A Region, or a figures row of one (realisasi.selectors.absorption.RegionAbsorption).
    return region.region_id if hasattr(region, "region_id") else region.pk


def _calendar_rows(fiscal_year_ids: list[int], first: dt.date, last: dt.date):
    """Overrides, extensions and holidays in one UNION query: (kind, TA, quarter, region, date, note)."""
    null_int = Value(None, output_field=IntegerField())
    overrides = (
        QuarterDeadline.objects.filter(fiscal_year_id__in=fiscal_year_ids)
        .order_by()
        .annotate(
            k=Value("O", output_field=CharField()),
            fy=F("fiscal_year_id"),
            q=F("quarter"),
            r=null_int,
            d=F("deadline"),
            n=Value("", output_field=TextField()),
        )
        .values_list("k", "fy", "q", "r", "d", "n")
    )
    extensions = (
        DeadlineExtension.objects.filter(fiscal_year_id__in=fiscal_year_ids)
        .order_by()
        .annotate(
            k=Value("E", output_field=CharField()),
            fy=F("fiscal_year_id"),
            q=F("quarter"),
            r=F("region_id"),
            d=F("until"),
            n=F("reason"),
        )
        .values_list("k", "fy", "q", "r", "d", "n")
    )
    holidays = (
        Holiday.objects.filter(date__range=(first, last))
        .order_by()
        .annotate(
            k=Value("H", output_field=CharField()),
            fy=null_int,
            q=null_int,
            r=null_int,
            d=F("date"),
            n=Value("", output_field=TextField()),
        )
        .values_list("k", "fy", "q", "r", "d", "n")
    )
    return overrides.union(extensions, holidays, all=True)


def _load(years: list[FiscalYear]) -> dict[int, DeadlineCalendar]:
    first = dt.date(min(fy.year for fy in years), 1, 1)
    last = dt.date(max(fy.year for fy in years) + 1, 12, 31)
    calendars = {fy.pk: DeadlineCalendar() for fy in years}
    holidays = set()
    for kind, fy_id, quarter, region_id, date, note in _calendar_rows(list(calendars), first, last):
        if isinstance(date, dt.datetime):  # a UNION's column may come back as a timestamp
            date = date.date()
        elif isinstance(date, str):
            date = DateField().to_python(date)
        if kind == "H":
            holidays.add(date)
        elif kind == "O":
            calendars[fy_id].overrides[quarter] = date
        else:
            calendars[fy_id].extensions[region_id].append(
                Extension(region_id=region_id, quarter=quarter, until=date, reason=note)
            )
    for fy in years:
        calendars[fy.pk].holidays = frozenset(
            d for d in holidays if fy.year <= d.year <= fy.year + 1
        )
    return calendars


def with_calendar(years: Iterable[FiscalYear]) -> list[FiscalYear]:
    """Attach to each TA its deadline calendar, read in one query for all of them (none for no
    TA); report_deadline then costs no query. Returns the TAs as a list."""
    years = list(years)
    calendars = _load(years) if years else {}
    for fy in years:
        setattr(fy, _CALENDAR, calendars[fy.pk])
    return years


def _calendar(fiscal_year: FiscalYear) -> DeadlineCalendar:
    calendar = fiscal_year.__dict__.get(_CALENDAR)
    return calendar if calendar is not None else _load([fiscal_year])[fiscal_year.pk]


def _shift(fiscal_year: FiscalYear, calendar: DeadlineCalendar, start: dt.date, days: int):
    """`start` moved by `days` (negative: back) in the TA's unit: calendar days, or working days
    — Monday to Friday, not a national holiday or cuti bersama."""
    if fiscal_year.deadline_rule == DeadlineRule.HARI_KALENDER:
        return start + dt.timedelta(days=days)
    step = dt.timedelta(days=1 if days >= 0 else -1)
    day, left = start, abs(days)
    while left:
        day += step
        if day.weekday() < 5 and day not in calendar.holidays:
            left -= 1
    return day


def _extension(calendar: DeadlineCalendar, quarter: int, region) -> Extension | None:
    if region is None:
        return None
    covering = [e for e in calendar.extensions.get(_region_id(region), ()) if e.covers(quarter)]
    return max(covering, key=lambda e: e.until, default=None)


def _deadline(fiscal_year: FiscalYear, calendar: DeadlineCalendar, quarter: Quarter, region):
    decreed = calendar.overrides.get(quarter) or _shift(
        fiscal_year, calendar, quarter.last_day(fiscal_year.year), fiscal_year.report_deadline_days
    )
    extension = _extension(calendar, quarter, region)
    return max(decreed, extension.until) if extension else decreed


def report_deadline(fiscal_year: FiscalYear, quarter: int, region) -> dt.date:
    """The date by which `region` must report `quarter` of the TA — a date in the region's own
    zone: the quarter's override (a decree) if the TA has one, else the quarter's last day + the
    TA's `report_deadline_days` in its unit (`deadline_rule`: working or calendar days); then the
    region's extension, if one covering the quarter ends later.

    `region` is a Region or a figures row of one (anything with its id and time zone), or None
    for the TA's deadline as decreed for everyone (no extension). With the TA's calendar
    attached (`with_calendar`, `fiscal_years()`) a loop over regions costs no query per call.
    """
    quarter = Quarter(quarter)
    return _deadline(fiscal_year, _calendar(fiscal_year), quarter, region)


def report_deadlines(fiscal_year: FiscalYear, region=None) -> dict[int, dt.date]:
    """The four quarters' deadlines of the TA (of `region`, after its extensions)."""
    calendar = _calendar(fiscal_year)
    return {q: _deadline(fiscal_year, calendar, q, region) for q in Quarter}


@dataclass(frozen=True)
class AlertDates:
    """When a region's report alerts fall due: the reminder from `reminder_from` to `deadline`,
    overdue after `deadline`, escalation after `escalate_after` — offsets in the TA's unit."""

    reminder_from: dt.date
    deadline: dt.date
    escalate_after: dt.date


def alert_dates(fiscal_year: FiscalYear, quarter: int, region) -> AlertDates:
    calendar = _calendar(fiscal_year)
    deadline = _deadline(fiscal_year, calendar, Quarter(quarter), region)
    return AlertDates(
        reminder_from=_shift(fiscal_year, calendar, deadline, -fiscal_year.reminder_days_before),
        deadline=deadline,
        escalate_after=_shift(fiscal_year, calendar, deadline, fiscal_year.escalation_days_after),
    )


def region_extensions(fiscal_year: FiscalYear | None, region) -> list[Extension]:
    """The region's extensions in the TA, by quarter (every-quarter ones first)."""
    if fiscal_year is None:
        return []
    extensions = _calendar(fiscal_year).extensions.get(_region_id(region), [])
    return sorted(extensions, key=lambda e: (e.quarter or 0, e.until))


def quarter_deadline_check(fiscal_year: FiscalYear, quarter: int, deadline: dt.date) -> None:
    """The rule of a deadline override (the service and the admin's inline form both ask it):
    a quarter 1–4, a date not before the quarter ends; raises DomainError."""
    if Quarter.of(quarter) is None:
        raise DomainError("Triwulan harus 1 sampai 4.", field="quarter")
    if deadline < Quarter(quarter).last_day(fiscal_year.year):
        raise DomainError("Batas laporan tidak boleh sebelum akhir triwulan.", field="deadline")


def deadline_extension_check(
    fiscal_year: FiscalYear, quarter: int | None, until: dt.date, reason: str
) -> None:
    """The rule of an extension (service and admin form): a quarter 1–4 or none (every quarter),
    a reason, and an end after the TA's decreed deadline of that quarter (of TW I for every
    quarter) and within the year after the TA; raises DomainError."""
    if quarter is not None and Quarter.of(quarter) is None:
        raise DomainError(
            "Triwulan harus 1 sampai 4 atau kosong (semua triwulan).", field="quarter"
        )
    if not (reason or "").strip():
        raise DomainError("Alasan perpanjangan wajib diisi.", field="reason")
    decreed = report_deadline(fiscal_year, quarter or 1, None)
    if until <= decreed:
        raise DomainError(
            f"Perpanjangan harus setelah batas laporan {decreed.isoformat()}.", field="until"
        )
    if until.year > fiscal_year.year + 1:
        raise DomainError(
            f"Perpanjangan paling lambat akhir tahun {fiscal_year.year + 1}.", field="until"
        )


def fiscal_years() -> list[FiscalYear]:
    """Every TA, oldest first, with its deadline calendar attached (2 small queries)."""
    return with_calendar(FiscalYear.objects.order_by("year"))


def region_today(tz_name: str, now: dt.datetime | None = None) -> dt.date:
    """The calendar date in a region's own zone (WIB/WITA/WIT): deadlines are dates there."""
    return (now or timezone.now()).astimezone(ZoneInfo(tz_name)).date()
