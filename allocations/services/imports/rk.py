"""RK import: lines scoped to the actor's region, codes unique, Σ lines ≤ pagu; all or nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from dakmonev.spreadsheet.issues import CellIssue, shown
from dakmonev.spreadsheet.numbers import format_rupiah
from dakmonev.spreadsheet.tabular import Table

from ...importers.common import Parsed
from ...importers.rk import RkRow, menu_key, parse_rk_table, read_rk
from ...models import ActivityMenu, Allocation, FiscalYear, PlannedActivity, Region, Sentra
from ...permissions import can_edit_rk_lines, can_import_rk, may_write_region
from ..bulk import insert_rows, update_with_history
from ..targets import Targets, rk_row_target_issues, rk_targets_write
from .common import ImportOutcome, _err, _rejected, _unknown_region

RK_FIELDS = ["menu", "description", "sentra", "volume", "unit", "pagu"]


def rk_import(
    *, actor, name: str, data: bytes, dry_run: bool = False, max_rows: int | None = None
) -> ImportOutcome:
    """Import RK lines: scoped to the actor's region, codes unique, Σ lines ≤ pagu; all or nothing."""
    can_import_rk(actor).require()
    return _rk_store(actor=actor, parsed=read_rk(name, data, max_rows=max_rows), dry_run=dry_run)


def rk_import_table(*, actor, table: Table, dry_run: bool = False) -> ImportOutcome:
    """The same import from an already-read table (the admin's django-import-export dataset)."""
    can_import_rk(actor).require()
    return _rk_store(actor=actor, parsed=parse_rk_table(table), dry_run=dry_run)


@dataclass
class _RkContext:
    regions: dict[str, Region]
    allocations: dict[tuple[int, int], Allocation]
    years: dict[int, FiscalYear]
    existing: dict[int, dict[str, PlannedActivity]]  # allocation id -> CODE -> line
    menus: dict[str, ActivityMenu]
    sentra: dict[tuple[int, str], Sentra]  # (region id, lower name) -> sentra


def _rk_context(rows: list[RkRow]) -> _RkContext:
    regions = {r.code: r for r in Region.objects.filter(code__in={r.region_code for r in rows})}
    years = {fy.year: fy for fy in FiscalYear.objects.filter(year__in={r.year for r in rows})}
    # Locked: a concurrent RK edit of the same allocation waits until this import commits.
    allocations = {
        (a.region_id, a.fiscal_year_id): a
        for a in Allocation.objects.select_for_update().filter(
            region__in=regions.values(), fiscal_year__in=years.values()
        )
    }
    existing: dict[int, dict[str, PlannedActivity]] = defaultdict(dict)
    for line in PlannedActivity.objects.filter(allocation__in=allocations.values()):
        existing[line.allocation_id][line.code.upper()] = line
    menus = {}
    for m in ActivityMenu.objects.all():
        menus[menu_key(m.code)] = m
        menus.setdefault(menu_key(m.name), m)
    sentra = {
        (s.region_id, s.name.strip().lower()): s
        for s in Sentra.objects.filter(region__in=regions.values())
    }
    return _RkContext(regions, allocations, years, existing, menus, sentra)


@transaction.atomic
def _rk_store(*, actor, parsed: Parsed[RkRow], dry_run: bool) -> ImportOutcome:
    if parsed.errors:
        return _rejected(parsed.issues)
    rows = parsed.rows
    ctx = _rk_context(rows)
    issues = list(parsed.issues)
    planned: list[tuple[RkRow, Allocation, ActivityMenu]] = []
    for row in rows:
        region = ctx.regions.get(row.region_code)
        if region is None:
            issues.append(_unknown_region(row))
            continue
        if not may_write_region(actor, region.pk):  # before any fact about the region's TA
            issues.append(
                _err(
                    row.row,
                    "kode_wilayah",
                    row.region_code,
                    f"Wilayah {row.region_code} bukan wilayah Anda; berkas ditolak seluruhnya. "
                    "Hanya baris RK wilayah Anda sendiri yang boleh diimpor.",
                )
            )
            continue
        fy = ctx.years.get(row.year)
        allocation = ctx.allocations.get((region.pk, fy.pk)) if fy else None
        if allocation is None:
            issues.append(
                _err(
                    row.row,
                    "tahun",
                    row.year,
                    f"Wilayah {row.region_code} tidak memiliki alokasi pada TA {row.year}; "
                    "impor pagu dahulu.",
                )
            )
            continue
        editable = can_edit_rk_lines(actor, allocation)
        if not editable:
            issues.append(
                _err(
                    row.row,
                    "kode_kegiatan",
                    row.code,
                    f"RK wilayah {row.region_code} TA {row.year}: {editable.reason}",
                )
            )
            continue
        menu = ctx.menus.get(menu_key(row.menu))
        if menu is None:
            issues.append(
                _err(
                    row.row,
                    "menu",
                    row.menu,
                    "Menu kegiatan tidak dikenal. Pakai salah satu kode: "
                    + ", ".join(sorted({m.code for m in ctx.menus.values()}))
                    + ".",
                )
            )
            continue
        if target_issues := rk_row_target_issues(row):
            issues += target_issues
            continue
        planned.append((row, allocation, menu))
    issues += _check_sums(planned, ctx)
    issues += _check_sentra_locations(planned)
    errors = [i for i in issues if i.is_error]
    if errors:
        return ImportOutcome(
            ok=False, errors=errors, warnings=[i for i in issues if not i.is_error]
        )
    return _rk_write(actor=actor, planned=planned, ctx=ctx, issues=issues, dry_run=dry_run)


def _check_sums(
    planned: list[tuple[RkRow, Allocation, ActivityMenu]], ctx: _RkContext
) -> list[CellIssue]:
    """Σ (existing lines not in the file + the file's lines) ≤ pagu, per allocation."""
    by_allocation: dict[int, list[RkRow]] = defaultdict(list)
    allocations = {}
    for row, allocation, _menu in planned:
        by_allocation[allocation.pk].append(row)
        allocations[allocation.pk] = allocation
    issues = []
    for pk, rows in by_allocation.items():
        allocation = allocations[pk]
        in_file = {r.code.upper() for r in rows}
        kept = sum(
            (line.pagu for code, line in ctx.existing[pk].items() if code not in in_file),
            Decimal("0"),
        )
        total = kept + sum((r.pagu for r in rows), Decimal("0"))
        if total > allocation.pagu:
            last = rows[-1]
            issues.append(
                _err(
                    last.row,
                    "pagu",
                    last.pagu,
                    f"Jumlah pagu RK wilayah {last.region_code} TA {last.year} menjadi {format_rupiah(total)}, "
                    f"melebihi pagu alokasi {format_rupiah(allocation.pagu)} (lebih {format_rupiah(total - allocation.pagu)}). "
                    "Kurangi pagu baris-baris RK wilayah ini.",
                )
            )
    return issues


def _check_sentra_locations(planned) -> list[CellIssue]:
    """One sentra may not be given two different locations in one file (sentra_lat/sentra_lon)."""
    first: dict[tuple[int, str], RkRow] = {}
    issues = []
    for row, allocation, _menu in planned:
        if row.sentra_location is None:
            continue
        key = (allocation.region_id, row.sentra.strip().lower())
        seen = first.setdefault(key, row)
        if seen.sentra_location != row.sentra_location:
            issues.append(
                _err(
                    row.row,
                    "sentra_lat",
                    f"{row.sentra_location[0]}, {row.sentra_location[1]}",
                    f"Sentra '{row.sentra.strip()}' sudah diberi koordinat lain di baris {seen.row} "
                    f"({seen.sentra_location[0]}, {seen.sentra_location[1]}).",
                )
            )
    return issues


def _rk_write_sentra_locations(*, actor, planned, ctx: _RkContext, dry_run: bool) -> None:
    """Existing sentra whose `sentra_lat`/`sentra_lon` changed get the new location (history `~`)."""
    changed = {}
    for row, allocation, _menu in planned:
        sentra = ctx.sentra.get((allocation.region_id, row.sentra.strip().lower()))
        if row.sentra_location is None or sentra is None:
            continue
        if (sentra.latitude, sentra.longitude) != row.sentra_location:
            sentra.latitude, sentra.longitude = row.sentra_location
            changed[sentra.pk] = sentra
    if not dry_run:
        update_with_history(list(changed.values()), Sentra, ["latitude", "longitude"], actor=actor)


def _rk_write(
    *, actor, planned, ctx: _RkContext, issues: list[CellIssue], dry_run: bool
) -> ImportOutcome:
    new_sentra: dict[tuple[int, str], Sentra] = {}
    _rk_write_sentra_locations(actor=actor, planned=planned, ctx=ctx, dry_run=dry_run)
    for row, allocation, _menu in planned:
        key = (allocation.region_id, row.sentra.strip().lower())
        if row.sentra and key in new_sentra and row.sentra_location:
            new_sentra[key].latitude, new_sentra[key].longitude = row.sentra_location
        if row.sentra and key not in ctx.sentra and key not in new_sentra:
            lat, lon = row.sentra_location or (None, None)
            new_sentra[key] = Sentra(
                region_id=allocation.region_id,
                name=row.sentra.strip(),
                latitude=lat,
                longitude=lon,
            )
            issues.append(
                CellIssue(
                    row=row.row,
                    column="sentra",
                    value=shown(row.sentra),
                    severity="warning",
                    message=f"Sentra '{row.sentra.strip()}' belum terdaftar dan dibuat baru "
                    f"di wilayah {row.region_code}.",
                )
            )
    outcome = ImportOutcome(ok=True, warnings=[i for i in issues if not i.is_error])
    if not dry_run and new_sentra:
        stored = insert_rows(
            Sentra,
            [
                {
                    "region_id": s.region_id,
                    "name": s.name,
                    "latitude": s.latitude,
                    "longitude": s.longitude,
                }
                for s in new_sentra.values()
            ],
            actor=actor,
            returning=("id", "region_id", "name"),
        )
        for pk, region_id, name in stored:
            new_sentra[(region_id, name.lower())].pk = pk
    ctx.sentra.update(new_sentra)
    to_create, to_update = [], []
    for row, allocation, menu in planned:
        sentra = (
            ctx.sentra.get((allocation.region_id, row.sentra.strip().lower()))
            if row.sentra
            else None
        )
        values = {
            "menu_id": menu.pk,
            "description": row.description,
            "sentra_id": sentra.pk if sentra else None,
            "volume": row.volume,
            "unit": row.unit,
            "pagu": row.pagu,
        }
        line = ctx.existing[allocation.pk].get(row.code.upper())
        label = f"{row.region_code} {row.year} {row.code}"
        if line is None:
            to_create.append({"allocation_id": allocation.pk, "code": row.code, **values})
            outcome.row_actions.append((row.row, "new", label))
            continue
        changed = any(getattr(line, f) != v for f, v in values.items())
        if changed:
            for f, v in values.items():
                setattr(line, f, v)
            to_update.append(line)
        outcome.row_actions.append((row.row, "update" if changed else "skip", label))
    outcome.created, outcome.updated = len(to_create), len(to_update)
    if not dry_run:
        ids = insert_rows(
            PlannedActivity, to_create, actor=actor, returning=("id", "allocation_id", "code")
        )
        update_with_history(to_update, PlannedActivity, RK_FIELDS, actor=actor)
        rk_targets_write(actor=actor, targets_by_activity=_imported_targets(planned, ctx, ids))
    return outcome


def _imported_targets(planned, ctx: _RkContext, inserted: list[tuple]) -> dict[int, Targets]:
    """Activity id → the file's targets, for rows of a file with target columns."""
    new_ids = {(allocation_id, code.upper()): pk for pk, allocation_id, code in inserted}
    out = {}
    for row, allocation, _menu in planned:
        if row.targets is None:
            continue
        key = (allocation.pk, row.code.upper())
        line = ctx.existing[allocation.pk].get(key[1])
        out[line.pk if line else new_ids[key]] = Targets.of(*row.targets)
    return out
