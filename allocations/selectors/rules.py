"""A TA's disbursement rules as configured, or the defaults (DOMAIN.md §4)."""

from __future__ import annotations

from ..defaults import default_rules
from ..models import DisbursementRule, FiscalYear

__all__ = ["disbursement_rules"]


def disbursement_rules(fiscal_year: FiscalYear) -> list[DisbursementRule]:
    """The TA's rules as configured, or the defaults when none were saved (unsaved objects)."""
    rules = list(fiscal_year.disbursement_rules.all())
    return rules or default_rules(fiscal_year.year)
