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

from ..models import AlertKind
from ..selectors.alerts import alert_list as select_alerts
from ..selectors.alerts import notification_list as select_notifications
from ..selectors.alerts import unread_count
from ..services.notifications import notification_mark_read

STATES = {"open": _("Terbuka"), "resolved": _("Selesai"), "all": _("Semua")}


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@login_required
def alert_list(request):
    state = request.GET.get("status", "open")
    state = state if state in STATES else "open"
    year, kind = _year(request.GET.get("ta", "")), request.GET.get("jenis", "")
    province = request.GET.get("provinsi", "").strip()[:2]
    alerts = select_alerts(user=request.user, year=year, kind=kind, state=state, province=province)
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "realisasi/alerts/alert_list.html",
        {
            "page": page,
            "state": state,
            "states": STATES,
            "year": year,
            "kind": kind,
            "kinds": AlertKind.choices,
            "province": province,
        },
    )


@login_required
def notification_list(request):
    page = Paginator(select_notifications(user=request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "realisasi/alerts/notification_list.html",
        {"page": page, "unread": unread_count(user=request.user)},
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
