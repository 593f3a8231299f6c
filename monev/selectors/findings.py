"""Reads of findings: filtered lists, open-finding summaries by region/problem/age, overdue follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Attachment, Finding, FollowUp, Inspection
from ..models.findings import followup_overdue_q

# (label, min days, max days or None) since the finding was recorded.
AGE_BUCKETS = (
    (_("0–30 hari"), 0, 30),
    (_("31–90 hari"), 31, 90),
    (_("91–180 hari"), 91, 180),
    (_("> 180 hari"), 181, None),
)


@dataclass(frozen=True)
class FindingFilters:
    """Filters shared by the list page, its Excel export and the summary."""

    fiscal_year: int | None = None
    region_id: int | None = None
    problem_code: int | None = None  # ProblemCode.code (1–11)
    status: str = ""
    severity: str = ""
    state: str = "open"  # open | closed | all
    overdue_only: bool = False
    min_age_days: int | None = None


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _filtered(user, filters: FindingFilters, as_of: dt.date) -> QuerySet[Finding]:
    qs = Finding.objects.visible_to(user)
    if filters.state == "open":
        qs = qs.open()
    elif filters.state == "closed":
        qs = qs.closed()
    if filters.fiscal_year:
        qs = qs.filter(inspection__fiscal_year__year=filters.fiscal_year)
    if filters.region_id:
        qs = qs.filter(region_id=filters.region_id)
    if filters.problem_code:
        qs = qs.filter(problem_code__code=filters.problem_code)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.severity:
        qs = qs.filter(severity=filters.severity)
    if filters.overdue_only:
        qs = qs.overdue(as_of)
    if filters.min_age_days:
        qs = qs.filter(
            created_at__lt=_day_start(as_of - dt.timedelta(days=filters.min_age_days - 1))
        )
    return qs


def finding_list(*, user, filters: FindingFilters, as_of: dt.date) -> QuerySet[Finding]:
    """Findings the user may see, filtered, overdue ones first, with everything a list row shows (constant queries)."""
    return (
        _filtered(user, filters, as_of)
        .with_overdue_flag(as_of)
        .select_related("region", "problem_code", "inspection__fiscal_year", "activity")
        .annotate(
            followup_count=Count("followups", distinct=True),
            unassessed_count=Count(
                "followups", filter=Q(followups__assessed_at__isnull=True), distinct=True
            ),
        )
        .order_by("-is_overdue", "due_date", "-id")
    )


def with_age(findings: Iterable[Finding], as_of: dt.date) -> list[Finding]:
    """Sets `age_days` (days since recorded, local date) and `days_past_due` on each finding."""
    rows = list(findings)
    for f in rows:
        f.age_days = (as_of - timezone.localdate(f.created_at)).days
        f.days_past_due = max((as_of - f.due_date).days, 0)
    return rows


def finding_summary(*, user, filters: FindingFilters, as_of: dt.date) -> dict:
    """Counts of the filtered findings: totals, by region, by problem code, by age bucket (DB aggregates)."""
    qs = _filtered(user, filters, as_of)
    overdue = followup_overdue_q(as_of)
    buckets = {}
    for i, (_label, lo, hi) in enumerate(AGE_BUCKETS):
        q = Q(created_at__lt=_day_start(as_of - dt.timedelta(days=lo - 1)))
        if hi is not None:
            q &= Q(created_at__gte=_day_start(as_of - dt.timedelta(days=hi)))
        buckets[f"age_{i}"] = Count("id", filter=q)
    totals = qs.aggregate(total=Count("id"), overdue=Count("id", filter=overdue), **buckets)
    by_region = list(
        qs.values("region_id", code=F("region__code"), name=F("region__name"))
        .annotate(total=Count("id"), overdue=Count("id", filter=overdue))
        .order_by("-total", "code")
    )
    by_problem = list(
        qs.values(code=F("problem_code__code"), name=F("problem_code__name"))
        .annotate(total=Count("id"), overdue=Count("id", filter=overdue))
        .order_by("code")
    )
    by_status = dict(qs.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    ages = [
        {"label": label, "total": totals[f"age_{i}"]}
        for i, (label, _lo, _hi) in enumerate(AGE_BUCKETS)
    ]
    return {
        "total": totals["total"],
        "overdue": totals["overdue"],
        "by_region": by_region,
        "by_problem": by_problem,
        "by_status": by_status,
        "ages": ages,
    }


def open_finding_counts(*, user, as_of: dt.date) -> dict:
    """Open findings the user may see: total, overdue and per follow-up status — one aggregate query."""
    from ..choices import FollowUpStatus

    qs = _filtered(user, FindingFilters(state="open"), as_of)
    overdue = followup_overdue_q(as_of)
    per_status = {
        f"s_{value}": Count("id", filter=Q(status=value)) for value in FollowUpStatus.values
    }
    row = qs.aggregate(total=Count("id"), overdue=Count("id", filter=overdue), **per_status)
    return {
        "total": row["total"],
        "overdue": row["overdue"],
        "by_status": {value: row[f"s_{value}"] for value in FollowUpStatus.values},
    }


def overdue_followups(*, as_of: dt.date, user=None) -> QuerySet[Finding]:
    """Open findings past their due date whose follow-up is still BELUM/PROSES (all regions unless user)."""
    qs = Finding.objects.all() if user is None else Finding.objects.visible_to(user)
    return (
        qs.overdue(as_of)
        .select_related("region", "inspection__fiscal_year")
        .order_by("due_date", "id")
    )


def finding_detail(*, user, pk: int, as_of: dt.date) -> Finding:
    """One finding the user may see with its follow-ups, assessments, files and whether its
    follow-up is overdue on `as_of` (404 otherwise)."""
    from allocations.scoping import get_visible_or_404

    qs = (
        Finding.objects.select_related(
            "region",
            "problem_code",
            "inspection__fiscal_year",
            "inspection__region",
            "activity",
            "created_by",
            "closed_by",
        )
        .with_overdue_flag(as_of)
        .prefetch_related(
            Prefetch(
                "followups",
                queryset=FollowUp.objects.select_related(
                    "submitted_by", "assessed_by"
                ).prefetch_related("attachments"),
            ),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(followup__isnull=True).select_related(
                    "uploaded_by"
                ),
                to_attr="finding_files",
            ),
        )
    )
    return get_visible_or_404(qs, user, pk=pk)


def inspection_list(
    *, user, fiscal_year: int | None = None, region_id: int | None = None
) -> QuerySet[Inspection]:
    """Inspections the user may see, newest first, with their finding counts."""
    qs = Inspection.objects.visible_to(user).select_related("region", "fiscal_year")
    if fiscal_year:
        qs = qs.filter(fiscal_year__year=fiscal_year)
    if region_id:
        qs = qs.filter(region_id=region_id)
    return qs.annotate(
        finding_count=Count("findings", distinct=True),
        open_count=Count("findings", filter=Q(findings__closed_at__isnull=True), distinct=True),
    ).order_by("-start_date", "-id")


def finding_history(finding: Finding) -> list[dict]:
    """Every recorded change of the finding, newest first: when, who, and which fields changed."""
    records = list(
        finding.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries, previous = [], None
    for record in records:
        if previous is None:
            changed = ["dicatat"]
        else:
            changed = [
                str(Finding._meta.get_field(c.field).verbose_name)
                for c in record.diff_against(previous).changes
            ]
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "status": record.status,
                "status_label": record.get_status_display(),
                "changed": changed,
            }
        )
        previous = record
    return entries[::-1]
