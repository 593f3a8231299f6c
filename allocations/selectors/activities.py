"""Reads behind the RK pages: the allocation a user is looking at and its lines."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.roles import sees_all_regions

from ..models import Allocation, FiscalYear, PlannedActivity, Region


def allocations_for_filter(user) -> dict:
    """Choices for the RK page filter: the TAs, and (for central roles) the receiving regions."""
    years = list(
        FiscalYear.objects.filter(allocations__in=Allocation.objects.visible_to(user))
        .distinct()
        .values_list("year", flat=True)
    )
    regions = []
    if sees_all_regions(user):
        regions = list(
            Region.objects.filter(allocations__isnull=False).distinct().only("code", "name")
        )
    return {"years": years, "regions": regions}


def allocation_for_page(user, *, year: int | None, region_code: str | None) -> Allocation | None:
    """The allocation the RK page shows: the user's own region (dinas) or the chosen one (central).

    Scoped through `visible_to`: a dinas asking for another region's code gets 404.
    """
    qs = Allocation.objects.visible_to(user).select_related(
        "region", "fiscal_year", "rk_approved_by"
    )
    if region_code:
        qs = qs.filter(region__code=region_code)
        if not qs.exists():
            raise Http404
    elif sees_all_regions(user):
        return None
    if year:
        return qs.filter(fiscal_year__year=year).first()
    return qs.order_by("-fiscal_year__year").first()


def activities_for(allocation: Allocation, user) -> QuerySet[PlannedActivity]:
    """RK lines of an allocation as the user may see them, with menu and sentra."""
    return (
        PlannedActivity.objects.visible_to(user)
        .filter(allocation=allocation)
        .select_related("menu", "sentra")
        .order_by("code")
    )


__all__ = ["activities_for", "allocation_for_page", "allocations_for_filter"]
