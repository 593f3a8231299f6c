"""Defaults of a new TA (DOMAIN.md §4): the common disbursement pattern, editable afterwards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .choices import DisbursementStage
from .models import DisbursementRule


def default_rules(year: int) -> list[DisbursementRule]:
    """The common pattern of DOMAIN.md §4 as unsaved rules of `year` (also the fallback in reads).

    Tahap I 25 % (approved RK + contract list), tahap II 45 % (≥ 75 % of received spent), tahap III
    the remainder (≥ 90 % spent and ≥ 70 % physical); one-off (sekaligus) for small pagu.
    """
    d = dt.date
    return [
        DisbursementRule(
            stage=DisbursementStage.SEKALIGUS,
            percent_of_pagu=None,
            requires_approved_rk=True,
            requires_contracts=True,
            window_start=d(year, 2, 1),
            deadline=d(year, 7, 22),
        ),
        DisbursementRule(
            stage=DisbursementStage.TAHAP_I,
            percent_of_pagu=Decimal("25"),
            requires_approved_rk=True,
            requires_contracts=True,
            window_start=d(year, 2, 1),
            deadline=d(year, 7, 22),
        ),
        DisbursementRule(
            stage=DisbursementStage.TAHAP_II,
            percent_of_pagu=Decimal("45"),
            min_absorption_of_received_pct=Decimal("75"),
            window_start=d(year, 3, 1),
            deadline=d(year, 10, 21),
        ),
        DisbursementRule(
            stage=DisbursementStage.TAHAP_III,
            percent_of_pagu=None,
            min_absorption_of_received_pct=Decimal("90"),
            min_physical_pct=Decimal("70"),
            window_start=d(year, 7, 1),
            deadline=d(year, 12, 16),
        ),
    ]
