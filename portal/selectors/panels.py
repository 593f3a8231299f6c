"""Blocks other apps contribute to the dashboard, province and region pages, called directly.

The portal sits above every app, so it simply asks them: today monev's open findings. Each
panel reads through `visible_to(scope.user)` and runs a fixed number of queries, whatever the
number of regions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monev.choices import FollowUpStatus
from monev.selectors import FindingFilters, finding_list
from monev.selectors.findings import open_finding_counts

__all__ = ["Panel", "PanelScope", "panels_for"]

RECENT_FINDINGS = 8


@dataclass(frozen=True)
class PanelScope:
    """What a page is about: who looks, which TA and quarter, and which province or region (if any)."""

    user: Any
    year: int
    quarter: int
    province: Any = None  # allocations.Region (provinsi) on the province page
    region: Any = None  # allocations.Region on the region page


@dataclass(frozen=True)
class Panel:
    """A block of a page: rendered with `template` and `context` under the heading `title`."""

    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


def panels_for(scope: PanelScope) -> list[Panel]:
    """The panels of the page described by `scope`, in the order they are shown."""
    return [open_findings(scope)]


def _by_status(counts: dict[str, int]) -> list[dict]:
    return [
        {"status": value, "label": label, "count": counts.get(value, 0)}
        for value, label in FollowUpStatus.choices
    ]


def open_findings(scope: PanelScope) -> Panel:
    """National page: open findings by follow-up status; province/region pages: their open findings."""
    as_of = timezone.localdate()
    if scope.region is None and scope.province is None:
        summary = open_finding_counts(user=scope.user, as_of=as_of)
        context = {
            "total": summary["total"],
            "overdue": summary["overdue"],
            "by_status": _by_status(summary["by_status"]),
            "findings": [],
        }
    else:
        findings = finding_list(user=scope.user, filters=FindingFilters(state="open"), as_of=as_of)
        rows = list(
            findings.filter(region=scope.region)
            if scope.region is not None
            else findings.in_province(scope.province)
        )
        counts: dict[str, int] = {}
        for f in rows:
            counts[f.status] = counts.get(f.status, 0) + 1
        context = {
            "total": len(rows),
            "overdue": sum(1 for f in rows if f.is_overdue),
            "by_status": _by_status(counts),
            "findings": rows[:RECENT_FINDINGS],
            "region_id": scope.region.pk if scope.region is not None else None,
        }
    return Panel(
        key="monev.findings",
        title=_("Temuan monev terbuka"),
        template="portal/panels/findings.html",
        context=context,
    )
