"""Progress photos of RK lines: read, checked, kept (original + display copy + thumbnail), reviewed."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from allocations.models import PlannedActivity
from dakmonev.errors import Conflict, DomainError
from dakmonev.images import ImageRejected, PhotoReading, read_photo, too_large

from ..choices import PhotoReview, ProgressPoint
from ..models import ActivityPhoto
from ..models.photos import PhotoEvidence
from ..permissions import can_add_activity_photo, can_review_activity_photo
from ..selectors.photos import (
    assess_photo,
    browser_location,
    documented_quarter,
    duplicate_note,
    duplicate_of,
    period_for,
)
from .notifications import photo_rejected_notify

EXTENSIONS = {"jpeg": "jpg", "png": "png", "heic": "heic"}


def read_upload(file) -> PhotoReading:
    """The photo behind an uploaded file (read at most one byte past the cap), or DomainError
    on the `file` field with the reason in Indonesian."""
    limit = settings.DAK_PHOTO_MAX_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise DomainError(too_large(size, limit), field="file")
    file.seek(0)
    data = file.read(limit + 1)
    if not data:
        raise DomainError("Berkas foto kosong.", field="file")
    try:
        return read_photo(data, max_bytes=limit, max_pixels=settings.DAK_PHOTO_MAX_PIXELS)
    except ImageRejected as exc:
        raise DomainError(exc.message, field="file") from exc
    finally:
        file.seek(0)


def keep_files(photo: PhotoEvidence, reading: PhotoReading, file) -> None:
    """Store the original bytes and the two EXIF-free copies under generated names."""
    file.seek(0)
    photo.original.save(f"asli.{EXTENSIONS[reading.kind]}", file, save=False)
    photo.display.save("tampilan.jpg", ContentFile(reading.display), save=False)
    photo.thumbnail.save("kecil.jpg", ContentFile(reading.thumbnail), save=False)


def reading_fields(reading: PhotoReading) -> dict:
    return {
        "content_type": reading.content_type,
        "size_bytes": reading.size_bytes,
        "width": reading.width,
        "height": reading.height,
        "sha256": reading.sha256,
        "phash": reading.phash,
    }


@transaction.atomic
def activity_photo_add(
    *,
    actor,
    activity: PlannedActivity,
    file,
    progress_point: int,
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    accuracy_m: Decimal | float | None = None,
    is_synthetic: bool = False,
) -> ActivityPhoto:
    """Keep a progress photo of an RK line with its place, time, distance from the sentra and
    flags (NO_LOCATION, FAR_FROM_SITE, OUTSIDE_PERIOD, NO_TIME, DUPLICATE); history kept."""
    activity = PlannedActivity.objects.select_related(
        "allocation__region", "allocation__fiscal_year", "sentra"
    ).get(pk=activity.pk)
    can_add_activity_photo(actor, activity).require()
    if progress_point not in ProgressPoint.values:
        raise DomainError("Titik kemajuan harus 0, 25, 50, 75 atau 100 %.", field="progress_point")
    reading = read_upload(file)
    if ActivityPhoto.objects.filter(activity=activity, sha256=reading.sha256).exists():
        raise Conflict("Foto ini sudah pernah diunggah untuk kegiatan ini.", field="file")
    region, fiscal_year = activity.allocation.region, activity.allocation.fiscal_year
    tz = ZoneInfo(region.timezone)
    quarter = documented_quarter(activity, progress_point)
    other = duplicate_of(reading.sha256, reading.phash, exclude=Q(activity=activity))
    assessment = assess_photo(
        reading,
        tz=tz,
        period=period_for(fiscal_year, quarter, tz),
        site=activity.sentra,
        max_distance_km=fiscal_year.photo_max_distance_km,
        browser=browser_location(latitude, longitude),
        accuracy_m=None if accuracy_m is None else Decimal(f"{float(accuracy_m):.1f}"),
        duplicate=duplicate_note(other, region_id=region.pk) if other else None,
    )
    photo = ActivityPhoto(
        activity=activity,
        progress_point=progress_point,
        quarter=quarter,
        duplicate_of=other,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
        is_synthetic=is_synthetic,
        **reading_fields(reading),
        **vars(assessment),
    )
    keep_files(photo, reading, file)
    photo._history_user = actor
    try:
        with transaction.atomic():
            photo.save()
    except IntegrityError as exc:  # the same photo uploaded twice at the same moment
        raise Conflict("Foto ini sudah pernah diunggah untuk kegiatan ini.", field="file") from exc
    return photo


@transaction.atomic
def activity_photo_review(
    *, actor, photo: ActivityPhoto, status: str, note: str = ""
) -> ActivityPhoto:
    """The verifier accepts or rejects a photo (a rejection needs a note); history kept."""
    can_review_activity_photo(actor, photo).require()
    if status not in (PhotoReview.ACCEPTED, PhotoReview.REJECTED):
        raise DomainError("Pilih diterima atau ditolak.", field="status")
    note = (note or "").strip()
    if status == PhotoReview.REJECTED and not note:
        raise DomainError("Tulis alasan penolakan foto.", field="note")
    photo = ActivityPhoto.objects.select_for_update().get(pk=photo.pk)
    photo.review_status, photo.review_note = status, note
    photo.reviewed_by, photo.reviewed_at = actor, timezone.now()
    photo._history_user = actor
    photo.save(update_fields=["review_status", "review_note", "reviewed_by", "reviewed_at"])
    if status == PhotoReview.REJECTED:
        photo_rejected_notify(photo=photo)
    return photo
