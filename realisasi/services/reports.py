"""Report workflow: draft → submitted → verified, or returned with a reason (DOMAIN.md §5).

Every transition locks the region's allocation row for the TA (the same lock uploads take), so
a submit cannot interleave with a new upload of the same region; the partial unique constraints
on QuarterlyReport are the last line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from allocations.models import Allocation
from dakmonev import figures_version
from dakmonev.errors import DomainError

from ..choices import COUNTED_STATUSES, ReportStatus
from ..models import QuarterlyReport
from ..permissions import can_return_report, can_submit_report, can_verify_report
from .absorption import absorption_recompute_schedule
from .alerts import alerts_resolve_for_report
from .notifications import report_returned_notify, report_verified_notify


def _lock_quarter(report: QuarterlyReport) -> QuarterlyReport:
    """Serialize writers of one region+TA (allocation row), then re-read the report."""
    list(
        Allocation.objects.select_for_update().filter(
            region_id=report.region_id, fiscal_year_id=report.fiscal_year_id
        )
    )
    return QuarterlyReport.objects.select_for_update().get(pk=report.pk)


def _save(report: QuarterlyReport, actor: User | None, fields: list[str]) -> None:
    report._history_user = actor
    report.save(update_fields=fields)


def _counted_versions_changed(report: QuarterlyReport) -> None:
    """What follows when the version that counts for a quarter changes (DOMAIN.md §6): the
    quarter's report alerts resolve in this transaction; after it commits, cached figures are
    renewed and the TA's absorption snapshots recomputed (coalesced during a surge)."""
    alerts_resolve_for_report(report=report)
    figures_version.bump()
    year = report.fiscal_year.year
    transaction.on_commit(lambda: absorption_recompute_schedule(year=year))


@transaction.atomic
def report_submit(*, actor: User, report: QuarterlyReport) -> QuarterlyReport:
    """The current draft becomes the counted version; the quarter's previous counted one is superseded."""
    report = _lock_quarter(report)
    can_submit_report(actor, report).require()
    previous = (
        QuarterlyReport.objects.select_for_update()
        .filter(
            region_id=report.region_id,
            fiscal_year_id=report.fiscal_year_id,
            quarter=report.quarter,
            status__in=COUNTED_STATUSES,
        )
        .exclude(pk=report.pk)
    )
    for old in previous:
        old.status = ReportStatus.SUPERSEDED
        _save(old, actor, ["status"])
    report.status = ReportStatus.SUBMITTED
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    _save(report, actor, ["status", "submitted_by", "submitted_at"])
    _counted_versions_changed(report)
    return report


@transaction.atomic
def report_verify(*, actor: User, report: QuarterlyReport, note: str = "") -> QuarterlyReport:
    """A submitted version becomes verified (Ditjen IKMA only), with the verifier's note if any;
    the region's dinas is told."""
    report = _lock_quarter(report)
    can_verify_report(actor, report).require()
    report.status = ReportStatus.VERIFIED
    report.verified_by = actor
    report.verified_at = timezone.now()
    report.verification_note = (note or "").strip()
    _save(report, actor, ["status", "verified_by", "verified_at", "verification_note"])
    _counted_versions_changed(report)
    report_verified_notify(report=report)
    return report


@transaction.atomic
def report_return(*, actor: User, report: QuarterlyReport, reason: str) -> QuarterlyReport:
    """A submitted or verified version goes back to the dinas with a reason; it no longer counts,
    and the region's dinas is told why."""
    can_return_report(actor).require()  # the role before the input
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "Tulis alasan laporan dikembalikan agar dinas tahu apa yang harus diperbaiki.",
            field="reason",
        )
    report = _lock_quarter(report)
    can_return_report(actor, report).require()
    report.status = ReportStatus.RETURNED
    report.returned_by = actor
    report.returned_at = timezone.now()
    report.return_reason = reason
    _save(report, actor, ["status", "returned_by", "returned_at", "return_reason"])
    _counted_versions_changed(report)
    report_returned_notify(report=report)
    return report


@dataclass
class BatchVerification:
    verified: list[QuarterlyReport] = field(default_factory=list)
    left: list[tuple[QuarterlyReport, str]] = field(default_factory=list)  # (report, why)


def reports_verify_clean(*, actor: User, report_ids) -> BatchVerification:
    """Verify several submitted versions at once from the queue — only those without warnings
    (those need the one-by-one screen); each goes through `report_verify` (its own transaction,
    lock and `can_verify_report`), so one refused report leaves the others verified."""
    can_verify_report(actor).require()
    outcome = BatchVerification()
    chosen = (
        QuarterlyReport.objects.visible_to(actor)
        .filter(pk__in=list(report_ids))
        .select_related("region", "fiscal_year")
        .order_by("submitted_at", "pk")
    )
    for report in chosen:
        if report.warnings:
            outcome.left.append((report, "ada peringatan; periksa satu per satu"))
            continue
        try:
            outcome.verified.append(report_verify(actor=actor, report=report))
        except DomainError as exc:
            outcome.left.append((report, exc.message))
    return outcome
