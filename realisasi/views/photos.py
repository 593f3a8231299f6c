"""Progress photos of an RK line: the list with flags, uploading several at once, the verifier's
review, and the files — every one only through the region scope (another region's → 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from allocations.models import PlannedActivity, Region
from allocations.scoping import get_visible_or_404
from dakmonev.errors import DomainError
from dakmonev.web import (
    call_service,
    download,
    photo_image,
    require,
    stored_file_or_404,
    uploaded_name,
)

from ..choices import ProgressPoint
from ..forms_photos import PhotoReviewForm, PhotoUploadForm
from ..models import ActivityPhoto
from ..permissions import can_add_activity_photo, can_review_activity_photo
from ..selectors.period import period_from
from ..selectors.photos import (
    photos_by_activity,
    photos_visible,
    region_photo_panel,
    report_photo_red_flags,
)
from ..services.photos import activity_photo_add, activity_photo_review


def _activity(request, pk: int) -> PlannedActivity:
    qs = PlannedActivity.objects.select_related(
        "allocation__region", "allocation__fiscal_year", "sentra"
    )
    return get_visible_or_404(qs, request.user, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def activity_photos(request, activity_id: int):
    """The line's photos by progress point with their flags; the region's dinas uploads here."""
    activity = _activity(request, activity_id)
    may_add = bool(can_add_activity_photo(request.user, activity))
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(can_add_activity_photo(request.user, activity))
        if form.is_valid():
            _upload_all(request, activity, form.cleaned_data)
            return redirect("realisasi:activity_photos", activity_id=activity.pk)
    photos = list(photos_visible(request.user).filter(activity=activity))
    points = [
        (p, label, [x for x in photos if x.progress_point == p])
        for p, label in ProgressPoint.choices
    ]
    return render(
        request,
        "realisasi/photos/activity_photos.html",
        {
            "activity": activity,
            "points": points,
            "form": form if may_add else None,
            "review_form": PhotoReviewForm(auto_id=False),
            "can_review": bool(can_review_activity_photo(request.user)),
        },
    )


def _upload_all(request, activity: PlannedActivity, data: dict) -> None:
    """Each photo on its own: one refused photo (named in the message) does not stop the rest."""
    kept = flagged = 0
    for f in data["files"]:
        try:
            photo = activity_photo_add(
                actor=request.user,
                activity=activity,
                file=f,
                progress_point=data["progress_point"],
                latitude=data.get("latitude"),
                longitude=data.get("longitude"),
                accuracy_m=data.get("accuracy_m"),
            )
        except DomainError as exc:
            messages.error(
                request,
                _("%(name)s ditolak: %(reason)s")
                % {"name": uploaded_name(f.name), "reason": exc.message},
            )
            continue
        kept += 1
        flagged += bool(photo.flags)
    if kept:
        messages.success(
            request,
            _("%(kept)s foto disimpan, %(flagged)s di antaranya bertanda untuk diperiksa.")
            % {"kept": kept, "flagged": flagged},
        )


@login_required
@require_GET
def photo_file(request, pk: int, kind: str):
    """The display copy or thumbnail (EXIF-free JPEGs, shown inline) of a photo the user may see."""
    photo = get_visible_or_404(ActivityPhoto.objects, request.user, pk=pk)
    return photo_image(photo, kind)


@login_required
@require_GET
def photo_original(request, pk: int):
    """The original bytes as uploaded (with their EXIF), always as a download."""
    photo = get_visible_or_404(ActivityPhoto.objects, request.user, pk=pk)
    ext = photo.original.name.rsplit(".", 1)[-1]
    return download(
        stored_file_or_404(photo.original),
        f"foto-{photo.activity_id}-{photo.progress_point}-{photo.pk}.{ext}",
        photo.content_type,
    )


@login_required
@require_POST
def photo_review(request, pk: int):
    """The verifier accepts or rejects a photo with a note (history kept)."""
    photo = get_visible_or_404(ActivityPhoto.objects, request.user, pk=pk)
    form = PhotoReviewForm(request.POST)
    if form.is_valid():
        call_service(
            request,
            activity_photo_review,
            photo=photo,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            success=_("Pemeriksaan foto disimpan."),
        )
    else:
        require(can_review_activity_photo(request.user, photo))
        messages.error(request, _("Pilih diterima atau ditolak."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("realisasi:activity_photos", activity_id=photo.activity_id)


def report_photo_context(user, report) -> dict:
    """What the report and verification pages add for `realisasi/photos/_report_photos.html`:
    each reported line's photos with flags, coordinates and distance, and the review form."""
    lines = list(report.lines.select_related("activity").order_by("activity__code"))
    grouped = photos_by_activity(user, [line.activity_id for line in lines])
    red = report_photo_red_flags(report)
    return {
        "line_photos": [
            (line.activity, grouped.get(line.activity_id, []), red.get(line.activity_id))
            for line in lines
        ],
        "can_review": bool(can_review_activity_photo(user)),
        "review_form": PhotoReviewForm(auto_id=False),
    }


@login_required
@require_GET
def region_photo_flags(request, code: str):
    """The region page's photo panel (loaded by htmx, so the page's own queries stay as they
    were): flag counts of the region's photos of the TA and the counted report's photo red flags."""
    region = get_visible_or_404(Region.objects.all(), request.user, code=code)
    period = period_from(request.GET)
    panel = region_photo_panel(request.user, region, period)
    template = (
        "_19_photo_flags.html" if request.headers.get("HX-Request") else "region_photo_flags.html"
    )
    return render(
        request,
        f"realisasi/photos/{template}",
        {"region": region, "period": period, "photo_panel": panel},
    )
