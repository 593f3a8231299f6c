"""Checks of a parsed report against the region's RK and its previous counted report.

Plain functions over data fetched beforehand (one query per kind), returning CellIssues; the
import service decides what to do with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from allocations.choices import ProcurementStage
from allocations.models import PlannedActivity, Region
from dakmonev.messages import compose
from dakmonev.spreadsheet.issues import CellIssue
from dakmonev.spreadsheet.numbers import format_percent, format_rupiah

from ..choices import ProgressPoint
from ..importers.columns import COLUMN_BY_KEY, HEADER_LABEL
from ..importers.report import ParsedLine, ParsedReport

AHEAD_POINTS = Decimal("25")
HUNDRED = Decimal("100")


@dataclass
class PreviousLine:
    quarter: int
    financial_realisation: Decimal
    physical_progress: Decimal


@dataclass
class CheckContext:
    region: Region
    year: int
    activities: dict[str, PlannedActivity]  # upper-case code → RK line
    previous: dict[int, PreviousLine] = field(default_factory=dict)  # activity id → counted line


def _issue(
    parsed: ParsedReport,
    line: ParsedLine | None,
    key: str,
    value,
    composed: dict,
    severity: str = "error",
) -> CellIssue:
    return CellIssue.said(
        composed,
        row=line.excel_row if line else None,
        column=COLUMN_BY_KEY[key].header,
        value="" if value is None else str(value),
        severity=severity,
        col_index=parsed.columns.get(key),
    )


def _money_shown(value: Decimal | None) -> str:
    return "" if value is None else format_rupiah(value)


def _name_key(name: str) -> str:
    text = name.lower()
    text = re.sub(r"\b(kabupaten|kab\.?|kota|provinsi|prov\.?)\s*", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def check_region_name(parsed: ParsedReport, region: Region) -> list[CellIssue]:
    """Nama Daerah is informational: a mismatch with the code is only a warning."""
    if not parsed.region_name:
        return []
    file_kind = re.match(r"\s*(kota)\b", parsed.region_name, flags=re.IGNORECASE)
    region_kind = re.match(r"\s*(kota)\b", region.name, flags=re.IGNORECASE)
    if _name_key(parsed.region_name) == _name_key(region.name) and bool(file_kind) == bool(
        region_kind
    ):
        return []
    label = HEADER_LABEL["region_name"]
    return [
        CellIssue.said(
            compose("region_name_mismatch", code=region.code, name=region.name),
            row=parsed.header_rows.get("region_name"),
            column=label,
            value=parsed.region_name,
            severity="warning",
            col_index=2,
        )
    ]


def check_lines(parsed: ParsedReport, ctx: CheckContext) -> list[CellIssue]:
    """Every RK line present, no unknown code, money within pagu; warnings for the red flags."""
    issues: list[CellIssue] = []
    seen: set[str] = set()
    for line in parsed.lines:
        activity = ctx.activities.get(line.code.upper())
        if activity is None:
            if not line.code.startswith("?"):
                issues.append(
                    _issue(
                        parsed,
                        line,
                        "code",
                        line.code,
                        compose(
                            "unknown_activity",
                            code=line.code,
                            region=ctx.region.code,
                            year=ctx.year,
                        ),
                    )
                )
            continue
        seen.add(line.code.upper())
        issues.extend(_line_checks(parsed, line, activity, ctx.previous.get(activity.pk)))
    for code, activity in ctx.activities.items():
        if code not in seen:
            issues.append(
                CellIssue.said(
                    compose(
                        "activity_missing",
                        code=activity.code,
                        description=activity.description[:60],
                    ),
                    row=None,
                    column=COLUMN_BY_KEY["code"].header,
                    value=activity.code,
                    col_index=parsed.columns.get("code"),
                )
            )
    return issues


def photo_points_missing(
    physical: Decimal | None,
    previous_physical: Decimal | None,
    points_with_photos: set[int],
    level: Decimal,
) -> list[int]:
    """The photo red flag of a report line (DOMAIN.md §8): physical progress at or above
    `level` (the TA's `photo_required_physical_pct`) while none of the progress points reached
    this quarter (previous < point ≤ physical) has a photo. Returns those points (empty: no
    flag). Unlike the checks above it is not stored with the upload: photos are often added
    after the report, so the pages ask it as things stand
    (`realisasi.selectors.photos.report_photo_red_flags`)."""
    if physical is None or physical < level:
        return []
    before = Decimal("-1") if previous_physical is None else previous_physical
    reached = [p for p in ProgressPoint.values if before < p <= physical]
    if not reached or points_with_photos.intersection(reached):
        return []
    return reached


def photo_flag_message(code: str, physical: Decimal, level: Decimal, points: list[int]) -> str:
    shown = ", ".join(f"{p} %" for p in points)
    return (
        f"Realisasi fisik {format_percent(physical)} (≥ {format_percent(level)}) belum didukung "
        f"foto pada titik kemajuan yang dicapai triwulan ini ({shown}). Unggah foto kegiatan "
        f"{code} pada halaman fotonya."
    )


def _line_checks(
    parsed: ParsedReport, line: ParsedLine, activity: PlannedActivity, previous: PreviousLine | None
) -> list[CellIssue]:
    out: list[CellIssue] = []
    pagu = activity.pagu

    def warn(key, value, message):
        out.append(_issue(parsed, line, key, value, message, severity="warning"))

    if line.financial_realisation is not None and line.financial_realisation > pagu:
        out.append(
            _issue(
                parsed,
                line,
                "financial_realisation",
                _money_shown(line.financial_realisation),
                compose("financial_above_pagu", code=activity.code, pagu=format_rupiah(pagu)),
            )
        )
    if line.pagu is not None and line.pagu != pagu:
        warn(
            "pagu",
            _money_shown(line.pagu),
            compose("pagu_differs", pagu=format_rupiah(pagu)),
        )
    contract = line.contract_value if line.contract_value is not None else activity.contract_value
    if line.contract_value is not None and line.contract_value > pagu:
        warn(
            "contract_value",
            _money_shown(line.contract_value),
            compose("contract_above_pagu", pagu=format_rupiah(pagu)),
        )
    if (
        contract is not None
        and line.financial_realisation is not None
        and line.financial_realisation > contract
    ):
        warn(
            "financial_realisation",
            _money_shown(line.financial_realisation),
            compose("financial_above_contract", contract=format_rupiah(contract)),
        )
    if line.financial_realisation is not None and line.physical_progress is not None and pagu > 0:
        financial_pct = line.financial_realisation * HUNDRED / pagu
        if financial_pct - line.physical_progress > AHEAD_POINTS:
            warn(
                "financial_realisation",
                _money_shown(line.financial_realisation),
                compose(
                    "financial_ahead_of_physical",
                    financial=format_percent(financial_pct),
                    physical=format_percent(line.physical_progress),
                ),
            )
    if (
        line.physical_progress is not None
        and line.physical_progress >= HUNDRED
        and line.stage
        and line.stage != ProcurementStage.SELESAI
    ):
        warn(
            "physical_progress",
            format_percent(line.physical_progress),
            compose("physical_done_stage_open"),
        )
    if previous is not None:
        if (
            line.financial_realisation is not None
            and line.financial_realisation < previous.financial_realisation
        ):
            warn(
                "financial_realisation",
                _money_shown(line.financial_realisation),
                compose(
                    "financial_below_previous",
                    quarter=previous.quarter,
                    previous=format_rupiah(previous.financial_realisation),
                ),
            )
        if (
            line.physical_progress is not None
            and line.physical_progress < previous.physical_progress
        ):
            warn(
                "physical_progress",
                format_percent(line.physical_progress),
                compose(
                    "physical_below_previous",
                    quarter=previous.quarter,
                    previous=format_percent(previous.physical_progress),
                ),
            )
    return out
