"""Pagu import (Ditjen only): create or update each region's pagu per TA, all or nothing."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from dakmonev.spreadsheet.numbers import format_rupiah
from dakmonev.spreadsheet.tabular import Table

from ...importers.common import Parsed
from ...importers.pagu import PaguRow, parse_pagu_table, read_pagu
from ...models import Allocation, FiscalYear, PlannedActivity, Region
from ...permissions import can_set_pagu
from ..bulk import insert_rows, update_with_history
from ..fiscal_years import fiscal_year_create
from .common import ImportOutcome, _err, _rejected, _unknown_region


def allocations_import(
    *, actor, name: str, data: bytes, dry_run: bool = False, max_rows: int | None = None
) -> ImportOutcome:
    """Import a pagu file (Ditjen only): create or update each region's pagu per TA, or nothing."""
    can_set_pagu(actor).require()
    return _allocations_store(
        actor=actor, parsed=read_pagu(name, data, max_rows=max_rows), dry_run=dry_run
    )


def allocations_import_table(*, actor, table: Table, dry_run: bool = False) -> ImportOutcome:
    """The same import from an already-read table (the admin's django-import-export dataset)."""
    can_set_pagu(actor).require()
    return _allocations_store(actor=actor, parsed=parse_pagu_table(table), dry_run=dry_run)


@transaction.atomic
def _allocations_store(*, actor, parsed: Parsed[PaguRow], dry_run: bool) -> ImportOutcome:
    if parsed.errors:
        return _rejected(parsed.issues)
    rows = parsed.rows
    issues = list(parsed.issues)
    regions = {r.code: r for r in Region.objects.filter(code__in={r.region_code for r in rows})}
    years = {fy.year: fy for fy in FiscalYear.objects.filter(year__in={r.year for r in rows})}
    allocations = {
        (a.region_id, a.fiscal_year_id): a
        for a in Allocation.objects.select_for_update().filter(
            region__in=regions.values(), fiscal_year__in=years.values()
        )
    }
    rk_totals = dict(
        PlannedActivity.objects.filter(allocation__in=allocations.values())
        .values("allocation_id")
        .annotate(s=Sum("pagu"))
        .values_list("allocation_id", "s")
    )
    to_create, to_update, actions = [], [], []
    new_years = set()
    for row in rows:
        region = regions.get(row.region_code)
        if region is None:
            issues.append(_unknown_region(row))
            continue
        fy = years.get(row.year)
        if fy is None:
            new_years.add(row.year)
            to_create.append((row, region))
            continue
        allocation = allocations.get((region.pk, fy.pk))
        if allocation is None:
            to_create.append((row, region))
            continue
        rk_total = rk_totals.get(allocation.pk) or Decimal("0")
        if row.pagu < rk_total:
            issues.append(
                _err(
                    row.row,
                    "pagu",
                    row.pagu,
                    f"Pagu {format_rupiah(row.pagu)} lebih kecil dari jumlah RK wilayah ini "
                    f"({format_rupiah(rk_total)}); kurangi RK dahulu.",
                )
            )
            continue
        if allocation.pagu != row.pagu:
            allocation.pagu = row.pagu
            to_update.append(allocation)
            actions.append((row.row, "update", str(allocation)))
        else:
            actions.append((row.row, "skip", str(allocation)))
    outcome = ImportOutcome(ok=True, warnings=[i for i in issues if not i.is_error])
    outcome.errors = [i for i in issues if i.is_error]
    if outcome.errors:
        outcome.ok = False
        return outcome
    outcome.created, outcome.updated = len(to_create), len(to_update)
    actions += [(row.row, "new", f"{region} — TA {row.year}") for row, region in to_create]
    outcome.row_actions = sorted(actions)
    if dry_run:
        return outcome
    for y in sorted(new_years):
        years[y] = fiscal_year_create(actor=actor, year=y)
    insert_rows(
        Allocation,
        [
            {"region_id": region.pk, "fiscal_year_id": years[row.year].pk, "pagu": row.pagu}
            for row, region in to_create
        ],
        actor=actor,
    )
    update_with_history(to_update, Allocation, ["pagu"], actor=actor)
    return outcome
