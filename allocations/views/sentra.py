"""Sentra of a region and the page to record where each one is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dakmonev.web import call_service, require

from ..forms import SentraLocationForm
from ..models import Sentra
from ..permissions import can_edit_sentra
from ..scoping import get_visible_or_404
from ..services.sentra import sentra_set_location


@login_required
def sentra_list(request):
    """The sentra the user may see (a dinas: its own region's), optionally of one region code."""
    qs = Sentra.objects.visible_to(request.user).select_related("region")
    region = (request.GET.get("region") or "").strip()
    if region:
        qs = qs.filter(region__code=region)
    rows = [(s, bool(can_edit_sentra(request.user, s))) for s in qs[:500]]
    return render(request, "allocations/sentra_list.html", {"rows": rows, "region": region})


@login_required
@require_http_methods(["GET", "POST"])
def sentra_location_edit(request, pk: int):
    """Record a sentra's latitude and longitude (inside Indonesia, both or neither)."""
    sentra = get_visible_or_404(Sentra.objects.select_related("region"), request.user, pk=pk)
    require(can_edit_sentra(request.user, sentra))
    form = SentraLocationForm(
        request.POST or None,
        initial={"latitude": sentra.latitude, "longitude": sentra.longitude},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            request,
            sentra_set_location,
            form=form,
            sentra=sentra,
            **form.cleaned_data,
            success=_("Lokasi sentra %(name)s disimpan.") % {"name": sentra.name},
        )
    ):
        return redirect(f"{reverse('allocations:sentra_list')}?region={sentra.region.code}")
    return render(request, "allocations/sentra_form.html", {"form": form, "sentra": sentra})
