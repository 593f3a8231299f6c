"""What a refused write must leave unchanged: every column of the objects, and the row counts."""

from __future__ import annotations

from allocations.models import PlannedActivity, Sentra
from monev.models import Finding, FollowUp
from realisasi.models import QuarterlyReport, ReportUpload


def _snapshot(*objects) -> list[dict]:
    """Every column of each object as stored now."""
    out = []
    for obj in objects:
        fresh = type(obj).objects.get(pk=obj.pk)
        out.append({f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields})
    return out


def _counts() -> tuple:
    return (
        PlannedActivity.objects.count(),
        Sentra.objects.count(),
        Finding.objects.count(),
        FollowUp.objects.count(),
        QuarterlyReport.objects.count(),
        ReportUpload.objects.count(),
    )
