"""Who may upload, submit, verify and return quarterly reports.

One `can_<action>(user, obj)` per action (dakmonev.decisions): the services raise its reason,
the report pages show a button only when it allows, the report importer checks the file's
region with it.
"""

from __future__ import annotations

from accounts.roles import Role, is_ditjen, is_region_writer
from allocations.models import PlannedActivity, Region
from allocations.permissions import may_write_region
from dakmonev.decisions import ALLOWED, Decision, deny
from dakmonev.errors import Conflict, NotFound, NotPermitted

from .choices import COUNTED_STATUSES, ReportStatus, UploadStatus
from .models import ActivityPhoto, QuarterlyReport, ReportUpload

__all__ = [
    "can_add_activity_photo",
    "can_confirm_upload",
    "can_review_activity_photo",
    "can_return_report",
    "can_submit_report",
    "can_upload_report",
    "can_verify_report",
]


def can_upload_report(user, region: Region | None = None) -> Decision:
    """Upload quarterly reports (of `region`, when the file names one): Ditjen IKMA for any
    region, a dinas or region-bound API account for its own."""
    if is_ditjen(user):
        return ALLOWED
    own = getattr(user, "region_id", None)
    if not is_region_writer(user, own):
        return deny(
            NotPermitted("Hanya dinas daerah atau Ditjen IKMA yang dapat mengunggah laporan.")
        )
    if region is not None:
        return may_write_region(user, region.pk, "melapor untuk wilayah ini")
    return ALLOWED


def can_confirm_upload(user, upload: ReportUpload) -> Decision:
    """Store a previewed upload as a new version: only the person who uploaded it."""
    if getattr(user, "pk", None) is None or upload.uploaded_by_id != user.pk:
        return deny(NotPermitted("Hanya pengunggah berkas ini yang dapat menyimpannya."))
    if upload.status != UploadStatus.PREVIEWED:
        return deny(Conflict("Berkas ini tidak sedang menunggu konfirmasi."))
    return ALLOWED


def can_submit_report(user, report: QuarterlyReport) -> Decision:
    """Submit the current draft: the region's writer."""
    writer = may_write_region(user, report.region_id, "mengajukan laporan")
    if writer and (report.status != ReportStatus.DRAFT or not report.is_current):
        return deny(Conflict("Hanya versi terbaru berstatus draf yang dapat diajukan."))
    return writer


def can_verify_report(user, report: QuarterlyReport | None = None) -> Decision:
    """Verify a submitted version (or, without one, open the verification screens): Ditjen IKMA."""
    if not is_ditjen(user):
        return deny(NotPermitted("Hanya Ditjen IKMA yang dapat memverifikasi laporan."))
    if report is not None and report.status != ReportStatus.SUBMITTED:
        return deny(Conflict("Hanya laporan berstatus diajukan yang dapat diverifikasi."))
    return ALLOWED


def can_return_report(user, report: QuarterlyReport | None = None) -> Decision:
    """Return a counted version to the dinas with a reason (without one: whether the role may)."""
    if not is_ditjen(user):
        return deny(NotPermitted("Hanya Ditjen IKMA yang dapat mengembalikan laporan."))
    if report is not None and report.status not in COUNTED_STATUSES:
        return deny(
            Conflict("Hanya laporan yang diajukan atau terverifikasi yang dapat dikembalikan.")
        )
    return ALLOWED


def can_add_activity_photo(user, activity: PlannedActivity) -> Decision:
    """Upload progress photos of an RK line: the region's own dinas (or its region-bound API
    account) — the people in the field. Another region's account learns nothing (NotFound)."""
    region_id = activity.allocation.region_id
    role = getattr(user, "role", None)
    if role in (Role.DINAS, Role.API) and is_region_writer(user, region_id):
        return ALLOWED
    if getattr(user, "region_id", None) not in (None, region_id):
        return deny(NotFound("Data tidak ditemukan."))
    return deny(NotPermitted("Hanya dinas wilayah ini yang dapat mengunggah foto kegiatan."))


def can_review_activity_photo(user, photo: ActivityPhoto | None = None) -> Decision:
    """Accept or reject a progress photo with a note: the verifiers (Ditjen IKMA)."""
    if not is_ditjen(user):
        return deny(NotPermitted("Hanya Ditjen IKMA yang dapat memeriksa foto kegiatan."))
    return ALLOWED
