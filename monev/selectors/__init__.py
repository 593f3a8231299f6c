"""Monev reads: finding lists and summaries, overdue follow-ups, outcome aggregation."""

from .findings import (
    AGE_BUCKETS,
    FindingFilters,
    finding_detail,
    finding_history,
    finding_list,
    finding_summary,
    inspection_list,
    overdue_followups,
    with_age,
)
from .outcomes import IndicatorChange, OutcomeSummary, outcome_aggregate, survey_list

__all__ = [
    "AGE_BUCKETS",
    "FindingFilters",
    "IndicatorChange",
    "OutcomeSummary",
    "finding_detail",
    "finding_history",
    "finding_list",
    "finding_summary",
    "inspection_list",
    "outcome_aggregate",
    "overdue_followups",
    "survey_list",
    "with_age",
]
