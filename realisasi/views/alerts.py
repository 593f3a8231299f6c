"""Pages: alerts (scoped to the user's regions) and the user's own notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from dakmonev.errors import NotFound
from dakmonev.query import canonical, parse

from ..models import AlertKind
from ..selectors import alerts
from ..services.notifications import notification_mark_read

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


@login_required
def notification_list(request):
    page = Paginator(alerts.notification_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "realisasi/alerts/notification_list.html",
        {"page": page, "unread": alerts.unread_count(user=request.user)},
    )


@login_required
@require_POST
def notification_read(request, pk: int | None = None):
    try:
        notification_mark_read(actor=request.user, notification_id=pk)
    except NotFound as exc:
        raise Http404 from exc
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("realisasi:notification_list")
