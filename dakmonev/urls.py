"""The URL map: every app's pages under its own prefix, the API under /api/v1/ (portal.api_urls).

Only include() by name, so this module imports no app.
"""

from django.contrib import admin
from django.urls import include, path

from dakmonev import health

urlpatterns = [
    path("", include("portal.urls")),
    path("healthz/", health.health, name="health"),
    path("akun/", include("accounts.urls")),
    path("notifikasi/", include("notifications.urls")),
    path("alokasi/", include("allocations.urls")),
    path("realisasi/", include("realisasi.urls")),
    path("monev/", include("monev.urls")),
    path("api/v1/", include("portal.api_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "dakmonev.web.not_found"
handler403 = "dakmonev.web.forbidden"
handler500 = "dakmonev.web.server_error"
