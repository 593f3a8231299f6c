"""Who is told what about reports and uploads (DOMAIN.md §10), through `notifications.services.notify`.

Each function is called by the service that caused the event, inside its transaction; the
notification commits with the change and its e-mail goes out on the worker after commit.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from dakmonev.quarters import Quarter
from notifications.models import NotificationKind
from notifications.selectors import region_dinas
from notifications.services import notify

from ..choices import ReportStatus, UploadStatus
from ..models import QuarterlyReport, ReportUpload

__all__ = [
    "photo_rejected_notify",
    "report_returned_notify",
    "report_verified_notify",
    "upload_finished_notify",
    "verification_digest_send",
]


def _what(report: QuarterlyReport) -> str:
    return (
        f"Laporan {Quarter(report.quarter).label} TA {report.fiscal_year.year} "
        f"{report.region.name} (versi {report.version})"
    )


def _history_id(obj) -> int:
    """The object's latest history row: one event per change (a second return is news again)."""
    latest = obj.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return latest or 0


def report_returned_notify(*, report: QuarterlyReport) -> int:
    """Tell the region's dinas that a report came back, with the reason."""
    return notify(
        kind=NotificationKind.REPORT_RETURNED,
        event_key=f"report:{report.pk}:returned:{_history_id(report)}",
        users=region_dinas(report.region_id),
        title=f"{_what(report)} dikembalikan",
        body=(
            f"Alasan: {report.return_reason}\n"
            "Perbaiki laporan sesuai alasan tersebut, lalu unggah dan ajukan lagi."
        ),
        url=reverse("realisasi:report_detail", args=[report.pk]),
    )


def report_verified_notify(*, report: QuarterlyReport) -> int:
    """Tell the region's dinas that a report was verified (with the verifier's note, if any)."""
    note = (getattr(report, "verification_note", "") or "").strip()
    return notify(
        kind=NotificationKind.REPORT_VERIFIED,
        event_key=f"report:{report.pk}:verified:{_history_id(report)}",
        users=region_dinas(report.region_id),
        title=f"{_what(report)} telah diverifikasi",
        body=f"Catatan verifikator: {note}" if note else "Laporan diterima Ditjen IKMA.",
        url=reverse("realisasi:report_detail", args=[report.pk]),
    )


def photo_rejected_notify(*, photo) -> int:
    """Tell the region's dinas that the verifier rejected a progress photo, with the reason, so
    a better one is uploaded (the photo stays, marked rejected)."""
    activity = photo.activity
    return notify(
        kind=NotificationKind.PHOTO_REJECTED,
        event_key=f"photo:{photo.pk}:rejected:{_history_id(photo)}",
        users=region_dinas(activity.allocation.region_id),
        title=(
            f"Foto kegiatan {activity.code} ({Quarter(photo.quarter).label}) ditolak verifikator"
        ),
        body=f"Alasan: {photo.review_note}\nUnggah foto pengganti untuk kegiatan ini.",
        url=reverse("realisasi:activity_photos", args=[activity.pk]),
    )


UPLOAD_OUTCOME = {
    UploadStatus.ACCEPTED: "disimpan",
    UploadStatus.DUPLICATE: "sama dengan berkas yang sudah disimpan",
    UploadStatus.PREVIEWED: "siap diperiksa (pratinjau)",
    UploadStatus.REJECTED: "ditolak — lihat daftar kesalahannya",
}


def upload_finished_notify(*, upload: ReportUpload) -> int:
    """Tell the uploader that a large file finished processing (they may have left the page)."""
    outcome = UPLOAD_OUTCOME.get(upload.status, upload.get_status_display())
    if upload.status == UploadStatus.ACCEPTED and upload.report_id:
        submitted = upload.report.status != ReportStatus.DRAFT
        outcome += " dan diajukan" if submitted else " sebagai draf — belum diajukan"
    return notify(
        kind=NotificationKind.UPLOAD_FINISHED,
        event_key=f"upload:{upload.pk}:{upload.status}",
        users=[upload.uploaded_by],
        title=f"Berkas {upload.original_name} selesai diproses",
        body=f"Hasil: {outcome}.",
        url=reverse("realisasi:upload_status", args=[upload.pk]),
    )


def verification_digest_send(*, today: dt.date | None = None) -> int:
    """Once a day, tell the Ditjen users who chose the digest what waits for verification and for
    how long (nothing when nothing waits); running twice on a day sends nothing twice."""
    today = today or timezone.localdate()
    waiting = QuarterlyReport.objects.filter(status=ReportStatus.SUBMITTED)
    count = waiting.count()
    if not count:
        return 0
    oldest = waiting.aggregate(oldest=Min("submitted_at"))["oldest"]
    days = (today - timezone.localdate(oldest)).days if oldest else 0
    users = User.objects.filter(role=Role.DITJEN, is_active=True, verification_digest=True)
    return notify(
        kind=NotificationKind.VERIFICATION_DIGEST,
        event_key=f"digest:verification:{today.isoformat()}",
        users=users,
        title=f"{count} laporan menunggu verifikasi",
        body=f"Laporan tertua sudah menunggu {days} hari.",
        url=reverse("realisasi:verification_queue"),
    )
