"""Helpers shared by the RK views: scoped fetches, the list URL, and which buttons a user sees."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from .. import permissions
from ..models import Allocation, PlannedActivity
from ..scoping import get_visible_or_404


def allocation_or_404(request, pk: int) -> Allocation:
    return get_visible_or_404(
        Allocation.objects.select_related("region", "fiscal_year"), request.user, pk=pk
    )


def activity_or_404(request, pk: int) -> PlannedActivity:
    qs = PlannedActivity.objects.select_related(
        "allocation__region", "allocation__fiscal_year", "menu", "sentra"
    )
    return get_visible_or_404(qs, request.user, pk=pk)


def list_url(allocation: Allocation) -> str:
    query = urlencode({"year": allocation.fiscal_year.year, "region": allocation.region.code})
    return f"{reverse('allocations:activity_list')}?{query}"


def actions(user, allocation: Allocation) -> dict[str, bool]:
    """Which buttons the RK page shows: the same predicates the services enforce."""
    return {
        "can_edit_lines": bool(permissions.can_edit_rk_lines(user, allocation)),
        "can_edit_procurement": bool(
            permissions.may_write_region(user, allocation.region_id)
        ),  # every line of the allocation: the same region
        "can_submit": bool(permissions.can_submit_rk(user, allocation)),
        "can_approve": bool(permissions.can_approve_rk(user, allocation)),
        "can_return": bool(permissions.can_return_rk(user, allocation)),
    }


def current_year(years: list[int]) -> int | None:
    """The running TA if it has allocations, else the latest one that has."""
    today = timezone.localdate().year
    return today if today in years else (years[-1] if years else None)
