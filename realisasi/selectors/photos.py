"""What a photo is evidence of (DOMAIN.md §8): its place and time, and the flags a verifier sees.

`assess_photo` is the one place the five flags are decided — for progress photos of RK lines
(`services.photos.activity_photo_add`) and for monev's field-visit photos alike.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone

from allocations import geo
from allocations.models import FiscalYear, PlannedActivity, Sentra
from dakmonev.images import PhotoReading, phash_distance
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.numbers import format_date

from ..choices import COUNTED_STATUSES, LocationSource, PhotoFlag, PhotoReview
from ..models import ActivityPhoto, QuarterlyReport, ReportLine


@dataclass(frozen=True)
class Period:
    """When a photo may have been taken: from the TA's first day to `end` (inclusive)."""

    start: dt.datetime
    end: dt.datetime
    label: str  # e.g. "1 Januari 2026 s.d. 14 April 2026 (akhir TW I + 14 hari)"


@dataclass
class Assessment:
    taken_at: dt.datetime | None
    latitude: Decimal | None
    longitude: Decimal | None
    location_source: str
    accuracy_m: Decimal | None
    distance_km: Decimal | None
    flags: list[str] = field(default_factory=list)
    flag_notes: dict[str, str] = field(default_factory=dict)

    def flag(self, code: PhotoFlag, note: str) -> None:
        self.flags.append(str(code))
        self.flag_notes[str(code)] = note


def period_for(fiscal_year: FiscalYear, quarter: int, tz: ZoneInfo) -> Period:
    """From the TA's first day to the documented quarter's last day plus the TA's grace days."""
    start = dt.datetime(fiscal_year.year, 1, 1, tzinfo=tz)
    last = Quarter(quarter).last_day(fiscal_year.year) + dt.timedelta(
        days=fiscal_year.photo_grace_days
    )
    end = dt.datetime.combine(last, dt.time.max, tzinfo=tz)
    label = (
        f"{format_date(start.date())} s.d. {format_date(last)} (akhir {Quarter(quarter).label} "
        f"+ {fiscal_year.photo_grace_days} hari)"
    )
    return Period(start, end, label)


def documented_quarter(activity: PlannedActivity, progress_point: int, *, now=None) -> int:
    """The quarter a photo at `progress_point` documents: the first quarter whose counted report
    put the line at or beyond that point; before any such report, the quarter of the upload
    (within the TA: an upload after the TA documents TW IV)."""
    first = ReportLine.objects.filter(
        activity=activity,
        report__status__in=COUNTED_STATUSES,
        physical_progress__gte=progress_point,
    ).aggregate(q=Min("report__quarter"))["q"]
    if first:
        return first
    year = activity.allocation.fiscal_year.year
    today = timezone.localdate(now or timezone.now())
    if today.year != year:
        return 1 if today.year < year else 4
    return (today.month - 1) // 3 + 1


def duplicate_of(sha256: str, phash: str, *, exclude: Q) -> ActivityPhoto | None:
    """A progress photo elsewhere (any region: re-use across regions is the point) with the same
    bytes or a picture differing in at most DAK_PHOTO_DUPLICATE_BITS perceptual-hash bits."""
    others = ActivityPhoto.objects.exclude(exclude)
    same = others.filter(sha256=sha256).order_by("id").first()
    if same is not None:
        return same
    limit = settings.DAK_PHOTO_DUPLICATE_BITS
    for pk, other in others.order_by("id").values_list("id", "phash").iterator(chunk_size=2000):
        if phash_distance(phash, other) <= limit:
            return ActivityPhoto.objects.get(pk=pk)
    return None


def browser_location(latitude, longitude) -> tuple[Decimal, Decimal] | None:
    """The browser's position if it is a real one (both numbers, within the globe)."""
    if latitude is None or longitude is None:
        return None
    lat, lon = float(latitude), float(longitude)
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def assess_photo(
    reading: PhotoReading,
    *,
    tz: ZoneInfo,
    period: Period,
    site: Sentra | None,
    max_distance_km: Decimal,
    browser: tuple[Decimal, Decimal] | None = None,
    accuracy_m: Decimal | None = None,
    duplicate: str | None = None,
) -> Assessment:
    """Place, time, distance and flags of one photo. The EXIF position wins over the browser's
    (the browser says where the phone was at upload, not where the picture was taken); a
    camera time without an offset is read in the region's time zone. `duplicate` is the
    sentence naming where the same picture was already used, if it was."""
    taken_at = reading.taken_at
    if taken_at is not None and taken_at.tzinfo is None:
        taken_at = taken_at.replace(tzinfo=tz)
    if reading.latitude is not None:
        place, source, accuracy = (reading.latitude, reading.longitude), LocationSource.EXIF, None
    elif browser is not None:
        place, source, accuracy = browser, LocationSource.BROWSER, accuracy_m
    else:
        place, source, accuracy = None, "", None
    distance = None
    if place is not None and site is not None and site.has_location:
        km = geo.distance_km(place[0], place[1], site.latitude, site.longitude)
        distance = Decimal(f"{km:.3f}")
    result = Assessment(
        taken_at=taken_at,
        latitude=place[0] if place else None,
        longitude=place[1] if place else None,
        location_source=str(source),
        accuracy_m=accuracy,
        distance_km=distance,
    )
    if place is None:
        result.flag(
            PhotoFlag.NO_LOCATION,
            "Foto tidak memuat lokasi GPS (EXIF) dan lokasi peramban tidak terkirim saat "
            "mengunggah; tempat pengambilan tidak dapat diperiksa.",
        )
    elif distance is not None and distance > max_distance_km:
        result.flag(
            PhotoFlag.FAR_FROM_SITE,
            f"Foto diambil {_km(distance)} dari lokasi sentra {site.name} "
            f"(batas {_km(max_distance_km)}, jarak garis lurus di permukaan bumi).",
        )
    if taken_at is None:
        result.flag(
            PhotoFlag.NO_TIME,
            "Berkas foto tidak memuat waktu pengambilan (EXIF); hanya waktu unggah yang tercatat.",
        )
    elif not period.start <= taken_at <= period.end:
        when = format_date(taken_at.astimezone(tz).date())
        result.flag(
            PhotoFlag.OUTSIDE_PERIOD,
            f"Foto diambil {when}, di luar periode yang didokumentasikan: {period.label}.",
        )
    if duplicate:
        result.flag(PhotoFlag.DUPLICATE, duplicate)
    return result


def _km(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",") + " km"


def duplicate_note(other: ActivityPhoto, *, region_id: int) -> str:
    """Where the same picture was used: the RK line when it is the same region's, otherwise
    only "another region" (what a dinas reads must not describe another region's data; the
    verifier's screen links the other photo for those allowed to see it)."""
    a = other.activity
    if a.allocation.region_id == region_id:
        where = f"kegiatan {a.code} (TA {a.allocation.fiscal_year.year}) di wilayah ini"
    else:
        where = "kegiatan di wilayah lain"
    return (
        f"Foto yang sama atau hampir sama (berkas identik atau hash perseptual mirip) sudah "
        f"dipakai untuk {where}."
    )


# ----------------------------------------------------------------------------- reads for pages


def photos_visible(user):
    """Progress photos the user may see (another region's: none), with their line and region."""
    return ActivityPhoto.objects.visible_to(user).select_related(
        "activity__allocation__region", "activity__allocation__fiscal_year", "reviewed_by"
    )


def photos_by_activity(user, activity_ids) -> dict[int, list[ActivityPhoto]]:
    """The visible photos of these RK lines, per line id (progress point, then upload order)."""
    grouped: dict[int, list[ActivityPhoto]] = {}
    for photo in photos_visible(user).filter(activity_id__in=list(activity_ids)):
        grouped.setdefault(photo.activity_id, []).append(photo)
    return grouped


def photo_flag_counts(user, *, region_id: int, year: int) -> dict:
    """How many of a region's photos of TA `year` carry each flag (for the region page), and
    per RK line the progress points with a photo not rejected (for the photo red flag) — one
    query for both."""
    rows = photos_visible(user).filter(
        activity__allocation__region_id=region_id, activity__allocation__fiscal_year__year=year
    )
    counts = {code: 0 for code in PhotoFlag.values}
    points: dict[int, set[int]] = {}
    total = flagged = 0
    for activity_id, point, flags, review in rows.values_list(
        "activity_id", "progress_point", "flags", "review_status"
    ):
        total += 1
        flagged += bool(flags)
        for code in flags:
            counts[code] = counts.get(code, 0) + 1
        if review != PhotoReview.REJECTED:
            points.setdefault(activity_id, set()).add(point)
    rows = [(code, PhotoFlag(code).label, counts[code]) for code in PhotoFlag.values]
    return {"total": total, "flagged": flagged, "rows": rows, "points": points}


def photo_points_of(allocation) -> dict[int, set[int]]:
    """Per RK line of the allocation: the progress points that have a photo not rejected by the
    verifier (what the report's photo red flag counts)."""
    points: dict[int, set[int]] = {}
    rows = (
        ActivityPhoto.objects.filter(activity__allocation=allocation)
        .exclude(review_status=PhotoReview.REJECTED)
        .values_list("activity_id", "progress_point")
        .distinct()
    )
    for activity_id, point in rows:
        points.setdefault(activity_id, set()).add(point)
    return points


def report_photo_red_flags(
    report, *, points: dict[int, set[int]] | None = None, level: Decimal | None = None
) -> dict[int, str]:
    """The photo red flag of each line of a stored report as it stands now (photos uploaded
    after the report count; the rule itself: services.report_checks.photo_points_missing).
    `points` (progress points with a photo per line) and `level` (the TA's
    photo_required_physical_pct) may be given by a caller that has them (the region page)."""
    from ..services.report_checks import photo_flag_message, photo_points_missing

    if level is None:
        level = report.fiscal_year.photo_required_physical_pct
    previous: dict[int, Decimal] = {}
    for activity_id, physical in (
        ReportLine.objects.filter(
            report__region_id=report.region_id,
            report__fiscal_year_id=report.fiscal_year_id,
            report__quarter__lt=report.quarter,
            report__status__in=COUNTED_STATUSES,
        )
        .order_by("-report__quarter")
        .values_list("activity_id", "physical_progress")
    ):
        previous.setdefault(activity_id, physical)  # the latest earlier counted quarter
    if points is None:
        points = {}
        for activity_id, point in (
            ActivityPhoto.objects.filter(
                activity__allocation__region_id=report.region_id,
                activity__allocation__fiscal_year_id=report.fiscal_year_id,
            )
            .exclude(review_status=PhotoReview.REJECTED)
            .values_list("activity_id", "progress_point")
        ):
            points.setdefault(activity_id, set()).add(point)
    flags = {}
    lines = ReportLine.objects.filter(report_id=report.pk).values_list(
        "activity_id", "activity__code", "physical_progress"
    )
    for activity_id, code, physical in lines:
        missing = photo_points_missing(
            physical, previous.get(activity_id), points.get(activity_id, set()), level
        )
        if missing:
            flags[activity_id] = photo_flag_message(code, physical, level, missing)
    return flags


def region_photo_panel(user, region, period) -> dict:
    """The region page's photo panel: flag counts of the region's photos of the period's TA and
    the photo red flags of the report counted for the period's quarter (as of now)."""
    panel = photo_flag_counts(user, region_id=region.pk, year=period.year)
    points = panel.pop("points")
    counted = (
        QuarterlyReport.objects.counted()
        .filter(region=region, fiscal_year__year=period.year, quarter__lte=period.quarter)
        .select_related("fiscal_year")
        .order_by("-quarter", "-version")
        .first()
    )
    flags = report_photo_red_flags(counted, points=points) if counted else {}
    panel["red_flags"] = list(flags.values())
    panel["counted"] = counted
    return panel
