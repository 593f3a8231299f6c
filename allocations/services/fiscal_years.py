"""Fiscal years (TA) and their configurable rules: default disbursement stages, deadline overrides."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from dakmonev.errors import Conflict, DomainError

from ..defaults import default_rules
from ..models import FiscalYear, QuarterDeadline
from ._common import require_ditjen, save_with_history


@transaction.atomic
def fiscal_year_create(*, actor, year: int, **fields) -> FiscalYear:
    """Create a TA with its default disbursement rules; refuses a year that already exists."""
    require_ditjen(actor, "membuat tahun anggaran")
    if not 2000 <= year <= 2100:
        raise DomainError(f"Tahun anggaran {year} tidak wajar.", field="year")
    if FiscalYear.objects.filter(year=year).exists():
        raise Conflict(f"TA {year} sudah ada.", field="year")
    fiscal_year = FiscalYear(year=year, **fields)
    save_with_history(fiscal_year, actor)
    fiscal_year_ensure_rules(actor=actor, fiscal_year=fiscal_year)
    return fiscal_year


@transaction.atomic
def fiscal_year_ensure_rules(*, actor, fiscal_year: FiscalYear) -> int:
    """Add the default rule of every stage the TA lacks (never touches edited rules); returns how many."""
    require_ditjen(actor, "mengatur tahun anggaran")
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
    require_ditjen(actor, "mengubah batas laporan")
    if not 1 <= quarter <= 4:
        raise DomainError("Triwulan harus 1 sampai 4.", field="quarter")
    if deadline < FiscalYear.quarter_end(fiscal_year.year, quarter):
        raise DomainError("Batas laporan tidak boleh sebelum akhir triwulan.", field="deadline")
    override = QuarterDeadline.objects.filter(fiscal_year=fiscal_year, quarter=quarter).first()
    override = override or QuarterDeadline(fiscal_year=fiscal_year, quarter=quarter)
    override.deadline, override.decree = deadline, decree
    save_with_history(override, actor)
    return override
