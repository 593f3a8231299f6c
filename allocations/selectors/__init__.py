"""Reads of the allocations app used by pages, API, exports and the other apps.

Public entry points (stable for other apps):
- `report_deadline(fiscal_year, quarter, region) -> date` — the one report-deadline rule.
- `disbursement_rules(fiscal_year) -> list[DisbursementRule]` — the year's rules or the defaults.
(Disbursement eligibility weighs these against the figures: realisasi.selectors.eligibility.)
"""

from .activities import activities_for, allocation_for_page, allocations_for_filter
from .deadlines import report_deadline
from .overview import allocations_overview
from .rules import disbursement_rules

__all__ = [
    "activities_for",
    "allocation_for_page",
    "allocations_for_filter",
    "allocations_overview",
    "disbursement_rules",
    "report_deadline",
]
