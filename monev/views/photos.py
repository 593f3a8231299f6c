"""Field-visit photos of a finding: the inspector uploads several at once; files only through
the region scope (another region's → 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from allocations.scoping import get_visible_or_404
from dakmonev.errors import DomainError
from dakmonev.web import download, photo_image, require, stored_file_or_404, uploaded_name
from realisasi.forms_photos import PhotoLocationForm

from ..models import FieldPhoto, Finding
from ..permissions import can_add_finding_evidence
from ..services.photos import field_photo_add


@login_required
@require_POST
def field_photos_add(request, pk: int):
    """Each photo on its own: one refused photo (named in the message) does not stop the rest."""
    finding = get_visible_or_404(Finding.objects, request.user, pk=pk)
    require(can_add_finding_evidence(request.user, finding))
    form = PhotoLocationForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih paling sedikit satu foto."))
        return redirect("monev:finding_detail", pk=finding.pk)
    kept = flagged = 0
    for f in form.cleaned_data["files"]:
        try:
            photo = field_photo_add(
                actor=request.user,
                finding=finding,
                file=f,
                latitude=form.cleaned_data.get("latitude"),
                longitude=form.cleaned_data.get("longitude"),
                accuracy_m=form.cleaned_data.get("accuracy_m"),
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
    return redirect("monev:finding_detail", pk=finding.pk)


@login_required
@require_GET
def field_photo_file(request, pk: int, kind: str):
    """Display copy or thumbnail (EXIF-free JPEG) of a field photo the user may see."""
    photo = get_visible_or_404(FieldPhoto.objects, request.user, pk=pk)
    return photo_image(photo, kind)


@login_required
@require_GET
def field_photo_original(request, pk: int):
    """The original bytes as uploaded, always as a download."""
    photo = get_visible_or_404(FieldPhoto.objects, request.user, pk=pk)
    ext = photo.original.name.rsplit(".", 1)[-1]
    return download(
        stored_file_or_404(photo.original),
        f"foto-lapangan-{photo.finding_id}-{photo.pk}.{ext}",
        photo.content_type,
    )
