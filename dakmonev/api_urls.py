"""Every API route lives under /api/v1/ and is declared here."""

from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import SimpleRouter

from allocations.api import views as allocations
from dakmonev.api.auth import ObtainTokenView
from dakmonev.api.errors import not_found_view
from monev.api import views as monev
from realisasi.api import absorption
from realisasi.api import views as realisasi

app_name = "api"

router = SimpleRouter()
router.register("regions", allocations.RegionViewSet, basename="region")
router.register("allocations", allocations.AllocationViewSet, basename="allocation")
router.register("activities", allocations.ActivityViewSet, basename="activity")
router.register("disbursements", allocations.DisbursementViewSet, basename="disbursement")
router.register("reports", realisasi.ReportViewSet, basename="report")
router.register("alerts", realisasi.AlertViewSet, basename="alert")
router.register("findings", monev.FindingViewSet, basename="finding")
router.register("followups", monev.FollowUpViewSet, basename="followup")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    *router.urls,
    path("absorption/", absorption.NationalAbsorptionView.as_view(), name="absorption"),
    path(
        "absorption/provinces/",
        absorption.ProvinceAbsorptionView.as_view(),
        name="absorption-provinces",
    ),
    path(
        "absorption/regions/", absorption.RegionAbsorptionView.as_view(), name="absorption-regions"
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Split view: Swagger UI's init script is a separate same-origin file (CSP script-src 'self').
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Redoc builds its search index in a worker it creates from a blob: URL (its own code).
    path(
        "redoc/",
        csp_update({"worker-src": ["'self'", "blob:"]})(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    # Anything else under /api/v1/: a JSON 404 in the API's error shape, not the HTML page.
    re_path(r"^.*$", not_found_view, name="not_found"),
]
