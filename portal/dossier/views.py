"""Pages of the auditor dossier: a region's dossiers for a TA (request one, watch its progress)
and the download of a finished one. Another region's dossier is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from allocations.models import Region
from allocations.scoping import get_visible_or_404
from dakmonev.web import call_service, download
from realisasi.selectors.period import period_from

from ..models import AuditDossier, DossierStatus
from ..permissions import can_request_dossier
from .services import dossier_request

ZIP_MIME = "application/zip"


@login_required
def dossier_list(request, code: str):
    region = get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code)
    period = period_from(request.GET if request.method == "GET" else request.POST)
    if request.method == "POST":
        if period.fiscal_year is None:
            raise Http404
        if call_service(request, dossier_request, region=region, fiscal_year=period.fiscal_year):
            messages.success(
                request, _("Dosir sedang dibuat. Halaman ini menampilkan kemajuannya.")
            )
        return redirect(f"{request.path}?year={period.year}")
    dossiers = list(
        AuditDossier.objects.visible_to(request.user)
        .filter(region=region, fiscal_year__year=period.year)
        .select_related("requested_by", "fiscal_year")[:20]
    )
    pending = any(d.status in (DossierStatus.QUEUED, DossierStatus.BUILDING) for d in dossiers)
    return render(
        request,
        "portal/dossiers.html",
        {
            "region": region,
            "period": period,
            "dossiers": dossiers,
            "pending": pending,
            "can_request": bool(can_request_dossier(request.user, region)),
        },
    )


@login_required
def dossier_download(request, pk: int):
    dossier = get_visible_or_404(
        AuditDossier.objects.select_related("region", "fiscal_year"), request.user, pk=pk
    )
    if dossier.status != DossierStatus.READY or not dossier.file:
        raise Http404(_("Dosir belum siap."))
    name = f"dosir-auditor_{dossier.region.code}_TA{dossier.fiscal_year.year}_{dossier.pk}.zip"
    return download(dossier.file.open("rb"), name, ZIP_MIME)
