"""RK lines (rencana kegiatan) and their procurement state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum

from dakmonev import figures_version
from dakmonev.errors import Conflict, DomainError
from dakmonev.spreadsheet.numbers import format_rupiah

from ..choices import ProcurementMethod, ProcurementStage
from ..models import ActivityMenu, Allocation, PlannedActivity, Sentra
from ..permissions import can_edit_procurement, can_edit_rk_lines
from ._common import save_with_history

CONTRACT_STAGES = {ProcurementStage.KONTRAK, ProcurementStage.PELAKSANAAN, ProcurementStage.SELESAI}


@dataclass
class ActivityInput:
    code: str
    menu: ActivityMenu
    description: str
    pagu: Decimal
    volume: Decimal = Decimal("1")
    unit: str = ""
    sentra: Sentra | None = None


@dataclass
class ProcurementInput:
    ded_ready: bool = False
    procurement_method: str = ""
    procurement_stage: str = ProcurementStage.BELUM_MULAI
    contract_number: str = ""
    contract_date: dt.date | None = None
    contract_value: Decimal | None = None
    supplier: str = ""
    planned_completion: dt.date | None = None
    actual_completion: dt.date | None = None


def lock_allocation(allocation: Allocation) -> Allocation:
    """Row-lock the allocation so concurrent RK writes are serialised against its pagu."""
    return (
        Allocation.objects.select_for_update().select_related("fiscal_year").get(pk=allocation.pk)
    )


def activity_check(
    allocation: Allocation, data: ActivityInput, *, exclude_pk: int | None = None
) -> None:
    """The RK line rules (code unique in the allocation, Σ pagu ≤ allocation pagu); raises DomainError."""
    code = (data.code or "").strip()
    if not code:
        raise DomainError("Kode kegiatan wajib diisi.", field="code")
    if data.pagu is None or data.pagu < 0:
        raise DomainError("Pagu kegiatan tidak boleh negatif.", field="pagu")
    if data.volume is not None and data.volume <= 0:
        raise DomainError("Volume harus lebih dari nol.", field="volume")
    if data.sentra is not None and data.sentra.region_id != allocation.region_id:
        raise DomainError("Sentra harus berada di wilayah yang sama.", field="sentra")
    others = PlannedActivity.objects.filter(allocation=allocation).exclude(pk=exclude_pk)
    if others.filter(code=code).exists():
        raise DomainError(
            f"Kode kegiatan {code} sudah dipakai di RK wilayah ini untuk TA ini.", field="code"
        )
    total = (others.aggregate(s=Sum("pagu"))["s"] or Decimal("0")) + data.pagu
    if total > allocation.pagu:
        raise DomainError(
            f"Jumlah pagu RK {format_rupiah(total)} melebihi pagu alokasi {format_rupiah(allocation.pagu)} "
            f"(sisa {format_rupiah(allocation.pagu - total + data.pagu)}).",
            field="pagu",
        )


def _apply(activity: PlannedActivity, data: ActivityInput) -> None:
    for f in fields(ActivityInput):
        setattr(activity, f.name, getattr(data, f.name))
    activity.code = activity.code.strip()


def _save(activity: PlannedActivity, actor) -> None:
    try:
        with transaction.atomic():
            save_with_history(activity, actor)
    except IntegrityError as exc:  # a concurrent insert of the same code won the race
        raise DomainError(f"Kode kegiatan {activity.code} sudah dipakai.", field="code") from exc
    figures_version.bump()  # RK pagu weighs physical progress


@transaction.atomic
def activity_create(*, actor, allocation: Allocation, data: ActivityInput) -> PlannedActivity:
    """Add an RK line: code unique in the region's TA, lines' sum ≤ the allocation's pagu."""
    allocation = lock_allocation(allocation)
    can_edit_rk_lines(actor, allocation).require()
    activity_check(allocation, data)
    activity = PlannedActivity(allocation=allocation)
    _apply(activity, data)
    _save(activity, actor)
    return activity


@transaction.atomic
def activity_update(*, actor, activity: PlannedActivity, data: ActivityInput) -> PlannedActivity:
    """Change an RK line under the same rules as creating it; history keeps the old values."""
    allocation = lock_allocation(activity.allocation)
    can_edit_rk_lines(actor, allocation).require()
    activity = PlannedActivity.objects.get(pk=activity.pk)
    activity_check(allocation, data, exclude_pk=activity.pk)
    _apply(activity, data)
    _save(activity, actor)
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: PlannedActivity) -> None:
    """Remove an RK line that no report refers to yet."""
    allocation = lock_allocation(activity.allocation)
    can_edit_rk_lines(actor, allocation).require()
    if activity.report_lines.exists():
        raise Conflict(f"Kegiatan {activity.code} sudah dilaporkan; tidak dapat dihapus.")
    activity._history_user = actor
    activity.delete()
    figures_version.bump()


@transaction.atomic
def procurement_update(
    *, actor, activity: PlannedActivity, data: ProcurementInput
) -> PlannedActivity:
    """Record an RK line's procurement state (dinas of its region or Ditjen), with history."""
    activity = (
        PlannedActivity.objects.select_for_update().select_related("allocation").get(pk=activity.pk)
    )
    can_edit_procurement(actor, activity).require()
    if data.procurement_method and data.procurement_method not in ProcurementMethod.values:
        raise DomainError("Metode pengadaan tidak dikenal.", field="procurement_method")
    if data.procurement_stage not in ProcurementStage.values:
        raise DomainError("Tahap pengadaan tidak dikenal.", field="procurement_stage")
    if data.contract_value is not None and data.contract_value < 0:
        raise DomainError("Nilai kontrak tidak boleh negatif.", field="contract_value")
    needs_contract = (
        data.procurement_stage in CONTRACT_STAGES
        and data.procurement_method != ProcurementMethod.SWAKELOLA
    )
    if needs_contract and not (data.contract_number.strip() and data.contract_date):
        raise DomainError(
            "Tahap kontrak/pelaksanaan/selesai memerlukan nomor dan tanggal kontrak.",
            field="contract_number",
        )
    if data.actual_completion and data.procurement_stage != ProcurementStage.SELESAI:
        raise DomainError(
            "Tanggal realisasi selesai hanya diisi bila tahap pengadaan Selesai.",
            field="actual_completion",
        )
    for f in fields(ProcurementInput):
        setattr(activity, f.name, getattr(data, f.name))
    save_with_history(activity, actor)
    return activity
