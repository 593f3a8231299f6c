"""The national RK overview for central roles: every allocation of a TA with its RK total."""

from __future__ import annotations

from ..models import Allocation


def allocations_overview(user, *, year: int):
    """Allocations of a TA the user may see, with `rk_total`, ordered by region code."""
    return (
        Allocation.objects.visible_to(user)
        .for_year(year)
        .with_rk_total()
        .select_related("region", "fiscal_year")
        .order_by("region__code")
    )
