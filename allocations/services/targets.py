"""Quarterly targets of an RK line (DOMAIN.md §7): the rules, and setting a line's four quarters.

`target_problems` is the one statement of the rules — the service below, the RK import
(`services.imports`) and the forms all ask it. Each problem names its quarter and column
(`target_fisik_tw2`, `target_keuangan_tw4`) so pages, the API and import errors can point at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from dakmonev import figures_version
from dakmonev.errors import DomainError
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.issues import CellIssue, shown
from dakmonev.spreadsheet.numbers import format_percent, format_rupiah

from ..models import ActivityTarget, PlannedActivity
from ..permissions import can_edit_rk_lines
from ._common import save_with_history
from .activities import lock_allocation
from .bulk import insert_rows, update_with_history

QUARTERS = (1, 2, 3, 4)
HUNDRED = Decimal("100")
PHYSICAL, FINANCIAL = "fisik", "keuangan"


def target_column(kind: str, quarter: int) -> str:
    """The RK file's column (and the form/API field) of a target: `target_fisik_tw1`…"""
    return f"target_{kind}_tw{quarter}"


@dataclass(frozen=True)
class Targets:
    """A line's four quarters: cumulative physical % and cumulative Rp, None = no target."""

    physical: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]
    financial: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]

    @classmethod
    def empty(cls) -> Targets:
        return cls((None,) * 4, (None,) * 4)

    @classmethod
    def of(cls, physical: Sequence, financial: Sequence) -> Targets:
        if len(physical) != 4 or len(financial) != 4:
            raise ValueError("four quarters each")
        return cls(tuple(physical), tuple(financial))

    @classmethod
    def from_rows(cls, rows) -> Targets:
        """From an activity's stored `ActivityTarget` rows (any order)."""
        physical, financial = [None] * 4, [None] * 4
        for t in rows:
            physical[t.quarter - 1] = t.target_physical_pct
            financial[t.quarter - 1] = t.target_financial
        return cls(tuple(physical), tuple(financial))

    @property
    def quarters(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        """(`TW I`…, physical, financial) per quarter — for pages."""
        return [(Quarter(q).label, self.physical[q - 1], self.financial[q - 1]) for q in QUARTERS]

    @property
    def is_empty(self) -> bool:
        return all(v is None for v in (*self.physical, *self.financial))


@dataclass(frozen=True)
class TargetProblem:
    quarter: int
    kind: str  # PHYSICAL | FINANCIAL
    value: Decimal | None
    message: str

    @property
    def column(self) -> str:
        return target_column(self.kind, self.quarter)


def _label(q: int) -> str:
    return Quarter(q).label


def _series_problems(kind: str, values: Sequence, shown) -> list[TargetProblem]:
    """Cumulative: a filled quarter is never below an earlier filled quarter."""
    problems, last = [], None
    for q, value in zip(QUARTERS, values, strict=True):
        if value is None:
            continue
        if last is not None and value < last[1]:
            problems.append(
                TargetProblem(
                    q,
                    kind,
                    value,
                    f"Target {kind} {_label(q)} ({shown(value)}) lebih kecil dari {_label(last[0])} "
                    f"({shown(last[1])}); target kumulatif tidak boleh turun.",
                )
            )
        last = (q, value)
    return problems


def target_problems(targets: Targets, *, pagu: Decimal) -> list[TargetProblem]:
    """Every broken §7 rule of one line's targets (empty list = valid).

    Physical 0–100 %, financial 0 … the line's pagu, neither decreasing over the quarters, and a
    line with any physical target plans TW IV at exactly 100 %.
    """
    problems: list[TargetProblem] = []
    for q, value in zip(QUARTERS, targets.physical, strict=True):
        if value is not None and not (0 <= value <= HUNDRED):
            problems.append(
                TargetProblem(
                    q, PHYSICAL, value, f"Target fisik {_label(q)} harus antara 0 dan 100 %."
                )
            )
    for q, value in zip(QUARTERS, targets.financial, strict=True):
        if value is not None and value < 0:
            problems.append(
                TargetProblem(
                    q, FINANCIAL, value, f"Target keuangan {_label(q)} tidak boleh negatif."
                )
            )
        elif value is not None and value > pagu:
            problems.append(
                TargetProblem(
                    q,
                    FINANCIAL,
                    value,
                    f"Target keuangan {_label(q)} {format_rupiah(value)} melebihi pagu kegiatan "
                    f"{format_rupiah(pagu)}.",
                )
            )
    if problems:
        return problems
    problems += _series_problems(PHYSICAL, targets.physical, format_percent)
    problems += _series_problems(FINANCIAL, targets.financial, format_rupiah)
    if any(v is not None for v in targets.physical) and targets.physical[3] != HUNDRED:
        problems.append(
            TargetProblem(
                4,
                PHYSICAL,
                targets.physical[3],
                "Target fisik TW IV harus 100 % (kegiatan selesai di akhir TA) bila baris "
                "memiliki target fisik.",
            )
        )
    return problems


def activity_targets(activity: PlannedActivity) -> Targets:
    """The line's stored targets (uses a prefetched `targets` when there is one)."""
    return Targets.from_rows(activity.targets.all())


@transaction.atomic
def activity_targets_set(*, actor, activity: PlannedActivity, targets: Targets) -> Targets:
    """Set a line's four quarters at once (empty = no target): the RK lines' guard
    (`can_edit_rk_lines` — after approval the RK must be returned first), §7's rules, history.

    A cleared quarter keeps its row with both values empty, so history shows the change.
    """
    allocation = lock_allocation(activity.allocation)
    can_edit_rk_lines(actor, allocation).require()
    activity = PlannedActivity.objects.get(pk=activity.pk)
    problems = target_problems(targets, pagu=activity.pagu)
    if problems:
        first = problems[0]
        raise DomainError(first.message, field=first.column)
    stored = {t.quarter: t for t in ActivityTarget.objects.filter(activity=activity)}
    changed = False
    for q in QUARTERS:
        physical, financial = targets.physical[q - 1], targets.financial[q - 1]
        row = stored.get(q)
        if row is None:
            if physical is None and financial is None:
                continue
            row = ActivityTarget(activity=activity, quarter=q)
        elif row.target_physical_pct == physical and row.target_financial == financial:
            continue
        row.target_physical_pct, row.target_financial = physical, financial
        save_with_history(row, actor)
        changed = True
    if changed:
        figures_version.bump()  # planned and deviation figures read the targets
    return targets


# ------------------------------------------------------------------ the RK import's target columns


def rk_row_target_issues(row) -> list[CellIssue]:
    """An imported RK row's targets against §7's rules, each problem on its row and column."""
    if row.targets is None:
        return []
    targets = Targets.of(*row.targets)
    return [
        CellIssue(row=row.row, column=p.column, value=shown(p.value), message=p.message)
        for p in target_problems(targets, pagu=row.pagu)
    ]


def rk_targets_write(*, actor, targets_by_activity: dict[int, Targets]) -> None:
    """Store imported lines' four quarters in bulk (two statements at most, with history)."""
    if not targets_by_activity:
        return
    stored = {
        (t.activity_id, t.quarter): t
        for t in ActivityTarget.objects.filter(activity_id__in=targets_by_activity)
    }
    to_create, to_update = [], []
    for activity_id, targets in targets_by_activity.items():
        for q in QUARTERS:
            physical, financial = targets.physical[q - 1], targets.financial[q - 1]
            row = stored.get((activity_id, q))
            if row is None:
                if physical is not None or financial is not None:
                    to_create.append(
                        {
                            "activity_id": activity_id,
                            "quarter": q,
                            "target_physical_pct": physical,
                            "target_financial": financial,
                        }
                    )
            elif (row.target_physical_pct, row.target_financial) != (physical, financial):
                row.target_physical_pct, row.target_financial = physical, financial
                to_update.append(row)
    insert_rows(ActivityTarget, to_create, actor=actor)
    update_with_history(
        to_update, ActivityTarget, ["target_physical_pct", "target_financial"], actor=actor
    )
