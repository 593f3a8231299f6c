"""Regions, fiscal-year rules, allocations, sentra and RK lines (the vocabulary of planning)."""

from .activities import PlannedActivity
from .allocations import Allocation, Disbursement
from .fiscal_years import DeadlineExtension, DisbursementRule, FiscalYear, QuarterDeadline
from .holidays import Holiday
from .reference import ActivityMenu, ProblemCode
from .regions import Region
from .sentra import Sentra
from .targets import ActivityTarget

__all__ = [
    "ActivityMenu",
    "ActivityTarget",
    "Allocation",
    "DeadlineExtension",
    "Disbursement",
    "DisbursementRule",
    "FiscalYear",
    "Holiday",
    "PlannedActivity",
    "ProblemCode",
    "QuarterDeadline",
    "Region",
    "Sentra",
]
