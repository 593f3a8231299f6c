"""Every API route lives under /api/v1/ and is declared here (the portal assembles every app's API)."""

from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import SimpleRouter

from accounts.api import ObtainTokenView
from allocations.api.fiscal_years import FiscalYearView
from allocations.api.views import (
    ActivityViewSet,
    AllocationViewSet,
    DisbursementViewSet,
    RegionViewSet,
    SentraViewSet,
)
from dakmonev.api.errors import not_found_view
from monev.api.views import FindingViewSet, FollowUpViewSet
from realisasi.api import absorption, timeliness
from realisasi.api.photos import ActivityPhotoList
from realisasi.api.views import AlertViewSet, ReportViewSet

app_name = "api"

router = SimpleRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("allocations", AllocationViewSet, basename="allocation")
router.register("activities", ActivityViewSet, basename="activity")
router.register("sentra", SentraViewSet, basename="sentra")
router.register("disbursements", DisbursementViewSet, basename="disbursement")
router.register("reports", ReportViewSet, basename="report")
router.register("alerts", AlertViewSet, basename="alert")
router.register("findings", FindingViewSet, basename="finding")
router.register("followups", FollowUpViewSet, basename="followup")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path(
        "activities/<int:activity_id>/photos/",
        ActivityPhotoList.as_view(),
        name="activity-photos",
    ),
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
    path("timeliness/", timeliness.TimelinessView.as_view(), name="timeliness"),
    path("fiscal-years/<int:year>/", FiscalYearView.as_view(), name="fiscal-year-detail"),
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
    # Anything else under /api/v1/: a JSON 404 in the API's error shape, not the HTML page —
    # newlines included, e.g. a year that is no number: fiscal-years/%0Ai/.
    re_path(r"^[\s\S]*$", not_found_view, name="not_found"),
]
