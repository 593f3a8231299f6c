"""An inspector's field-visit photos of a finding: read and flagged exactly like progress photos."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from allocations.scoping import require_visible
from dakmonev.errors import Conflict
from dakmonev.images import phash_distance
from dakmonev.spreadsheet.numbers import format_date
from realisasi.selectors.photos import (
    Period,
    assess_photo,
    browser_location,
    duplicate_note,
    duplicate_of,
)
from realisasi.services.photos import keep_files, read_upload, reading_fields

from ..models import FieldPhoto, Finding
from ..permissions import can_add_finding_evidence


def visit_period(finding: Finding, tz: ZoneInfo) -> Period:
    """A field-visit photo is taken during the visit: its first to its last day (whole days)."""
    inspection = finding.inspection
    start = dt.datetime.combine(inspection.start_date, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(inspection.end_date, dt.time.max, tzinfo=tz)
    label = (
        f"tanggal kunjungan {format_date(inspection.start_date)} s.d. "
        f"{format_date(inspection.end_date)}"
    )
    return Period(start, end, label)


def _duplicate(finding: Finding, sha256: str, phash: str) -> str | None:
    """The same picture as a progress photo (any region) or another finding's field photo."""
    progress = duplicate_of(sha256, phash, exclude=Q(pk__in=[]))
    if progress is not None:
        return duplicate_note(progress, region_id=finding.region_id)
    others = FieldPhoto.objects.exclude(finding=finding)
    if others.filter(sha256=sha256).exists() or any(
        phash_distance(phash, other) <= settings.DAK_PHOTO_DUPLICATE_BITS
        for other in others.values_list("phash", flat=True).iterator(chunk_size=2000)
    ):
        return "Foto yang sama atau hampir sama sudah dipakai sebagai foto kunjungan temuan lain."
    return None


@transaction.atomic
def field_photo_add(
    *,
    actor,
    finding: Finding,
    file,
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    accuracy_m: Decimal | float | None = None,
    is_synthetic: bool = False,
) -> FieldPhoto:
    """Keep an inspector's field-visit photo of an open finding with its place, time, distance
    from the RK line's sentra and the same flags as progress photos; history kept."""
    finding = Finding.objects.select_related(
        "region", "inspection__fiscal_year", "activity__sentra"
    ).get(pk=finding.pk)
    require_visible(actor, finding)
    can_add_finding_evidence(actor, finding).require()
    reading = read_upload(file)
    if FieldPhoto.objects.filter(finding=finding, sha256=reading.sha256).exists():
        raise Conflict("Foto ini sudah pernah diunggah untuk temuan ini.", field="file")
    tz = ZoneInfo(finding.region.timezone)
    assessment = assess_photo(
        reading,
        tz=tz,
        period=visit_period(finding, tz),
        site=finding.activity.sentra if finding.activity else None,
        max_distance_km=finding.inspection.fiscal_year.photo_max_distance_km,
        browser=browser_location(latitude, longitude),
        accuracy_m=None if accuracy_m is None else Decimal(f"{float(accuracy_m):.1f}"),
        duplicate=_duplicate(finding, reading.sha256, reading.phash),
    )
    photo = FieldPhoto(
        finding=finding,
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
    except IntegrityError as exc:
        raise Conflict("Foto ini sudah pernah diunggah untuk temuan ini.", field="file") from exc
    return photo
