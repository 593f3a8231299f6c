"""What the pages offer to whom (buttons, forms). Services enforce the same rules on every write."""

from __future__ import annotations

from accounts.roles import can_write_region, is_ditjen, is_inspector


def can_record(user) -> bool:
    """Record inspections and findings, assess follow-ups, close findings."""
    return is_inspector(user)


def can_answer(user, finding) -> bool:
    """Submit a follow-up of this finding (its region's dinas, or Ditjen on its behalf)."""
    return not finding.is_closed and can_write_region(user, finding.region_id)


def can_record_outcomes(user) -> bool:
    return is_inspector(user) or is_ditjen(user)
