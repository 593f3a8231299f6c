"""Pages: alerts (scoped to the user's regions)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from dakmonev.query import canonical, parse

from ..models import AlertKind
from ..selectors import alerts

STATES = {"open": _("Terbuka"), "resolved": _("Selesai"), "all": _("Semua")}


def alert_filters(request) -> dict:
    """The alert list's filters (`status`, `kind`, `year`, `province`), shared with its export."""
    asked = parse(request.GET)
    return {
        "state": asked.status if asked.status in STATES else "open",
        "kind": asked.kind if asked.kind in AlertKind.values else "",
        "year": asked.year,
        "province": asked.province,
    }


@login_required
def alert_list(request):
    filters = alert_filters(request)
    rows = alerts.alert_list(user=request.user, **filters)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "realisasi/alerts/alert_list.html",
        {
            "page": page,
            "states": STATES,
            "kinds": AlertKind.choices,
            "querystring": canonical(request.GET).urlencode(),
            **filters,
        },
    )
