"""Absorption snapshots: the selector's figures stored per region, province and nation."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from allocations.models import Allocation, FiscalYear

from ..models import AbsorptionSnapshot, SnapshotScope
from ..selectors.absorption import Absorption, AreaAbsorption, RegionAbsorption, absorption

__all__ = [
    "absorption_recompute_batch",
    "absorption_recompute_schedule",
    "absorption_snapshots_refresh",
    "snapshot_value",
    "years_with_allocations",
]

STORED = Decimal("0.0000000001")  # the snapshot columns' 10 decimals


def snapshot_value(value: Decimal | None) -> Decimal | None:
    """A ratio as a snapshot stores it (10 decimals, half-up)."""
    return None if value is None else value.quantize(STORED, rounding=ROUND_HALF_UP)


def years_with_allocations() -> list[int]:
    return sorted(set(Allocation.objects.values_list("fiscal_year__year", flat=True)))


def _region_snapshot(
    fy: FiscalYear, quarter: int, row: RegionAbsorption, now: dt.datetime
) -> AbsorptionSnapshot:
    return AbsorptionSnapshot(
        scope=SnapshotScope.REGION,
        region_id=row.region_id,
        fiscal_year=fy,
        quarter=quarter,
        pagu=row.pagu,
        financial_realisation=row.financial_realisation,
        absorption=snapshot_value(row.absorption),
        physical_progress=snapshot_value(row.physical_progress),
        mean_absorption=snapshot_value(row.absorption),
        mean_absorption_kabkota=snapshot_value(row.absorption) if row.is_kabkota else None,
        region_count=1,
        reporting_count=int(row.latest_quarter is not None),
        latest_quarter=row.latest_quarter,
        computed_at=now,
    )


def _area_snapshot(
    fy: FiscalYear, quarter: int, area: AreaAbsorption, scope: str, now: dt.datetime
) -> AbsorptionSnapshot:
    return AbsorptionSnapshot(
        scope=scope,
        region_id=area.region_id,
        fiscal_year=fy,
        quarter=quarter,
        pagu=area.pagu,
        financial_realisation=area.financial_realisation,
        absorption=snapshot_value(area.absorption),
        physical_progress=snapshot_value(area.physical_progress),
        mean_absorption=snapshot_value(area.mean_absorption),
        mean_absorption_kabkota=snapshot_value(area.mean_absorption_kabkota),
        region_count=area.region_count,
        reporting_count=area.reporting_count,
        computed_at=now,
    )


def _snapshots(fy: FiscalYear, result: Absorption, now: dt.datetime) -> list[AbsorptionSnapshot]:
    q = result.as_of_quarter
    rows = [_region_snapshot(fy, q, r, now) for r in result.regions]
    rows += [_area_snapshot(fy, q, p, SnapshotScope.PROVINCE, now) for p in result.provinces]
    rows.append(_area_snapshot(fy, q, result.national, SnapshotScope.NATION, now))
    return rows


@transaction.atomic
def absorption_snapshots_refresh(*, year: int, quarters: tuple[int, ...] = (1, 2, 3, 4)) -> int:
    """Replace TA `year`'s snapshots with a fresh computation of the selector; one refresh per TA at a time."""
    # Lock the TA row so two refreshes (signal + nightly) run one after the other instead of
    # colliding on the snapshot unique constraints.
    fy = FiscalYear.objects.select_for_update().filter(year=year).first()
    if fy is None:
        return 0
    now = timezone.now()
    rows: list[AbsorptionSnapshot] = []
    for quarter in quarters:
        rows += _snapshots(fy, absorption(year, quarter, use_cache=False), now)
    AbsorptionSnapshot.objects.filter(fiscal_year=fy, quarter__in=quarters).delete()
    AbsorptionSnapshot.objects.bulk_create(rows, batch_size=500)
    return len(rows)


# -- coalescing recomputes during a surge -----------------------------------------------------
# A refresh recomputes the whole TA (every region, four quarters). At quarter end hundreds of
# reports are counted within minutes; one refresh per report would redo the same work hundreds
# of times. Two ways to coalesce, both leaving the snapshots equal to a fresh computation:
# - with a broker, the first report of a TA queues the refresh `delay` seconds later and marks
#   the TA pending for exactly those seconds; reports counted while it is pending are committed
#   before the queued refresh may start (its ETA is never before the mark expires), so it reads them;
# - a bulk import in one process wraps its loop in `absorption_recompute_batch()`: one refresh
#   per TA touched, when the block ends.
_batch_lock = threading.Lock()
_batch: dict = {"depth": 0, "years": set()}


def _pending_key(year: int) -> str:
    return f"realisasi:absorption-recompute-pending:{year}"


def absorption_recompute_schedule(*, year: int) -> None:
    """Have TA `year`'s snapshots refreshed after a report was counted: at once without a broker,
    coalesced (one queued refresh per TA every few seconds) with one, deferred inside a batch."""
    from ..tasks.absorption import recompute_absorption_task

    with _batch_lock:
        if _batch["depth"]:
            _batch["years"].add(year)
            return
    if settings.CELERY_TASK_ALWAYS_EAGER:
        recompute_absorption_task.delay(year=year)
        return
    delay = settings.ABSORPTION_RECOMPUTE_DELAY_SECONDS
    if cache.add(_pending_key(year), 1, timeout=delay):
        try:
            recompute_absorption_task.apply_async(kwargs={"year": year}, countdown=delay)
        except Exception:
            cache.delete(_pending_key(year))  # not queued: the next report must try again
            raise


@contextmanager
def absorption_recompute_batch() -> Iterator[None]:
    """Within the block (any thread of this process), counted reports only mark their TA; each
    marked TA is refreshed once when the outermost block ends, even if it ends with an error."""
    with _batch_lock:
        _batch["depth"] += 1
    try:
        yield
    finally:
        with _batch_lock:
            _batch["depth"] -= 1
            years = sorted(_batch["years"]) if _batch["depth"] == 0 else []
            if _batch["depth"] == 0:
                _batch["years"].clear()
        for year in years:
            absorption_snapshots_refresh(year=year)
