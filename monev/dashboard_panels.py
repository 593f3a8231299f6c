"""monev's contribution to realisasi's dashboard pages: open findings by follow-up status.

realisasi discovers this module (see realisasi/selectors/dashboard_panels.py), so the
dependency keeps pointing from monev to realisasi. Reads go through monev's own selectors,
scoped to the viewer; each panel runs a fixed number of queries.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from realisasi.selectors.dashboard_panels import Panel, PanelScope, register

from .choices import FollowUpStatus
from .selectors import FindingFilters, finding_list
from .selectors.findings import open_finding_counts

TEMPLATE = "monev/panels/findings.html"
RECENT = 8


def _by_status(counts: dict[str, int]) -> list[dict]:
    return [
        {"status": value, "label": label, "count": counts.get(value, 0)}
        for value, label in FollowUpStatus.choices
    ]


@register("monev.findings")
def open_findings(scope: PanelScope) -> Panel | None:
    """National page: open findings by status (monev's summary); province/region pages: their open findings."""
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
            "findings": rows[:RECENT],
            "region_id": scope.region.pk if scope.region is not None else None,
        }
    return Panel(
        key="monev.findings",
        title=_("Temuan monev terbuka"),
        template=TEMPLATE,
        context=context,
        order=50,
    )
