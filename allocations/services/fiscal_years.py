"""Fiscal years (TA) and their configurable rules: default disbursement stages, deadline overrides."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from dakmonev.errors import Conflict, DomainError
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.numbers import format_date
from notifications.models import NotificationKind
from notifications.selectors import region_dinas
from notifications.services import notify

from ..defaults import default_rules
from ..models import DeadlineExtension, FiscalYear, QuarterDeadline, Region
from ..permissions import can_configure_fiscal_year, can_grant_deadline_extension
from ..selectors.deadlines import deadline_extension_check, quarter_deadline_check
from ._common import save_with_history


@transaction.atomic
def fiscal_year_create(*, actor, year: int, default_rules: bool = True, **fields) -> FiscalYear:
    """Create a TA (with its default disbursement rules unless the caller adds them itself, as
    the admin's inline does); refuses a year that already exists."""
    can_configure_fiscal_year(actor).require()
    if not 2000 <= year <= 2100:
        raise DomainError(f"Tahun anggaran {year} tidak wajar.", field="year")
    if FiscalYear.objects.filter(year=year).exists():
        raise Conflict(f"TA {year} sudah ada.", field="year")
    fiscal_year = FiscalYear(year=year, **fields)
    save_with_history(fiscal_year, actor)
    if default_rules:
        fiscal_year_ensure_rules(actor=actor, fiscal_year=fiscal_year)
    return fiscal_year


RULE_FIELDS = (
    "deadline_rule",
    "report_deadline_days",
    "reminder_days_before",
    "escalation_days_after",
    "one_off_max_pagu",
    "behind_plan_threshold",
    "notes",
)


@transaction.atomic
def fiscal_year_update(*, actor, fiscal_year: FiscalYear, **changes) -> FiscalYear:
    """Change a TA's configurable rules (DOMAIN.md §4); history keeps the old values."""
    can_configure_fiscal_year(actor, fiscal_year).require()
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise DomainError(f"Kolom tidak dapat diubah: {', '.join(sorted(unknown))}.")
    fiscal_year = FiscalYear.objects.select_for_update().get(pk=fiscal_year.pk)
    for name, value in changes.items():
        setattr(fiscal_year, name, value)
    save_with_history(fiscal_year, actor)
    return fiscal_year


@transaction.atomic
def fiscal_year_ensure_rules(*, actor, fiscal_year: FiscalYear) -> int:
    """Add the default rule of every stage the TA lacks (never touches edited rules); returns how many."""
    can_configure_fiscal_year(actor).require()
    existing = set(fiscal_year.disbursement_rules.values_list("stage", flat=True))
    missing = [r for r in default_rules(fiscal_year.year) if r.stage not in existing]
    for rule in missing:
        rule.fiscal_year = fiscal_year
        save_with_history(rule, actor)
    return len(missing)


@transaction.atomic
def quarter_deadline_set(
    *, actor, fiscal_year: FiscalYear, quarter: int, deadline: dt.date, decree: str = ""
) -> QuarterDeadline:
    """Override one quarter's report deadline (e.g. an extension decree); history keeps the old date."""
    can_configure_fiscal_year(actor).require()
    quarter_deadline_check(fiscal_year, quarter, deadline)
    override = QuarterDeadline.objects.filter(fiscal_year=fiscal_year, quarter=quarter).first()
    override = override or QuarterDeadline(fiscal_year=fiscal_year, quarter=quarter)
    override.deadline, override.decree = deadline, decree
    save_with_history(override, actor)
    return override


@transaction.atomic
def quarter_deadline_remove(*, actor, fiscal_year: FiscalYear, quarter: int) -> int:
    """Drop a quarter's override, so the TA's default deadline applies again; returns 0 or 1."""
    can_configure_fiscal_year(actor).require()
    override = QuarterDeadline.objects.filter(fiscal_year=fiscal_year, quarter=quarter).first()
    if override is None:
        return 0
    override._history_user = actor
    override.delete()
    return 1


@transaction.atomic
def deadline_extension_grant(
    *,
    actor,
    fiscal_year: FiscalYear,
    region: Region,
    quarter: int | None,
    until: dt.date,
    reason: str,
    extension: DeadlineExtension | None = None,
) -> DeadlineExtension:
    """Extend one region's report deadline until `until` for a quarter (None: every quarter of
    the TA), e.g. after a local disaster; Ditjen IKMA only, with a reason; history keeps every
    grant and change. The region's deadline becomes the later of the decreed one and `until`
    (allocations.selectors.deadlines.report_deadline): alerts and overdue follow by themselves."""
    can_grant_deadline_extension(actor, region).require()
    deadline_extension_check(fiscal_year, quarter, until, reason)
    extension = extension or DeadlineExtension(fiscal_year=fiscal_year, region=region)
    extension.fiscal_year, extension.region = fiscal_year, region
    extension.quarter, extension.until, extension.reason = quarter, until, reason.strip()
    extension.granted_by = actor
    save_with_history(extension, actor)
    _tell_dinas(extension, granted=True)
    return extension


@transaction.atomic
def deadline_extension_withdraw(*, actor, extension: DeadlineExtension) -> None:
    """Withdraw an extension: the region's decreed deadline applies again; history keeps it."""
    can_grant_deadline_extension(actor, extension.region).require()
    extension._history_user = actor
    _tell_dinas(extension, granted=False)
    extension.delete()


def _tell_dinas(extension: DeadlineExtension, *, granted: bool) -> None:
    """The region's dinas learns that its report deadline was extended (until when, why) or
    that an extension was withdrawn — it plans its reporting on that date."""
    quarters = (
        f"laporan {Quarter(extension.quarter).label}"
        if extension.quarter
        else "semua laporan triwulan"
    )
    what = f"Batas {quarters} TA {extension.fiscal_year.year} {extension.region.name}"
    event = extension.history.order_by("-history_id").values_list("history_id", flat=True)[0]
    if granted:
        title = f"{what} diperpanjang sampai {format_date(extension.until)}"
        body = f"Alasan: {extension.reason}"
    else:
        title = f"Perpanjangan {what[0].lower()}{what[1:]} dicabut"
        body = "Batas yang ditetapkan untuk TA ini berlaku lagi."
    notify(
        kind=NotificationKind.DEADLINE_EXTENDED,
        event_key=f"extension:{extension.pk}:{'granted' if granted else 'withdrawn'}:{event}",
        users=region_dinas(extension.region_id),
        title=title,
        body=body,
        url=reverse("portal:region_detail", args=[extension.region.code]),
    )
