"""Quarterly report deadlines — the one rule every caller asks (alerts, overdue list, dashboard,
region page, API, templates, the admin): `report_deadline(fiscal_year, quarter, region)`."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from dakmonev.errors import DomainError
from dakmonev.quarters import Quarter

from ..models import FiscalYear

__all__ = ["fiscal_years", "quarter_deadline_check", "region_today", "report_deadline"]


def report_deadline(fiscal_year: FiscalYear, quarter: int, region) -> dt.date:
    """The date by which `region` must report `quarter` of the TA — a date in the region's own
    zone: the quarter's override (an extension decree) if the TA has one, else the quarter's last
    day + the TA's `report_deadline_days`.

    `region` is a Region or a figures row of one (anything with its id and time zone), or None
    for the TA's deadline as decreed for everyone. Working days and per-region extensions
    (DOMAIN.md §9) belong here. The overrides are read through `deadline_overrides.all()`:
    prefetched by `fiscal_years()`, a loop over regions costs no query per call.
    """
    quarter = Quarter(quarter)
    for override in fiscal_year.deadline_overrides.all():
        if override.quarter == quarter:
            return override.deadline
    return quarter.last_day(fiscal_year.year) + dt.timedelta(days=fiscal_year.report_deadline_days)


def quarter_deadline_check(fiscal_year: FiscalYear, quarter: int, deadline: dt.date) -> None:
    """The rule of a deadline override (the service and the admin's inline form both ask it):
    a quarter 1–4, a date not before the quarter ends; raises DomainError."""
    if Quarter.of(quarter) is None:
        raise DomainError("Triwulan harus 1 sampai 4.", field="quarter")
    if deadline < Quarter(quarter).last_day(fiscal_year.year):
        raise DomainError("Batas laporan tidak boleh sebelum akhir triwulan.", field="deadline")


def fiscal_years() -> list[FiscalYear]:
    """Every TA, oldest first, with its deadline overrides prefetched (2 small queries)."""
    return list(FiscalYear.objects.prefetch_related("deadline_overrides").order_by("year"))


def region_today(tz_name: str, now: dt.datetime | None = None) -> dt.date:
    """The calendar date in a region's own zone (WIB/WITA/WIT): deadlines are dates there."""
    return (now or timezone.now()).astimezone(ZoneInfo(tz_name)).date()
