from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from dakmonev import health

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz/", health.health, name="health"),
    path("akun/", include("accounts.urls")),
    path("alokasi/", include("allocations.urls")),
    path("realisasi/", include("realisasi.urls")),
    path("monev/", include("monev.urls")),
    path("api/v1/", include("dakmonev.api_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "accounts.views.not_found"
handler403 = "accounts.views.forbidden"
handler500 = "accounts.views.server_error"
