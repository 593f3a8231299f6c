"""Reads of the allocations app used by pages, API, exports and the other apps.

Public entry points (stable for other apps):
- `report_deadline(fiscal_year, quarter, region) -> date` — the one report-deadline rule.
- `disbursement_rules(fiscal_year) -> list[DisbursementRule]` — the year's rules or the defaults.
- `disbursement_eligibility(allocation, as_of=None) -> Eligibility` — next stage, met, missing.
"""

from .activities import activities_for, allocation_for_page, allocations_for_filter
from .deadlines import report_deadline
from .eligibility import (
    Eligibility,
    disbursement_eligibility,
    disbursement_rules,
    region_realisation,
)
from .overview import allocations_overview

__all__ = [
    "Eligibility",
    "activities_for",
    "allocation_for_page",
    "allocations_for_filter",
    "allocations_overview",
    "disbursement_eligibility",
    "disbursement_rules",
    "report_deadline",
    "region_realisation",
]
