"""URL map of the realisasi app, one module per area so each can grow on its own."""

from . import alerts, lists, photos, reports

app_name = "realisasi"

urlpatterns = reports.urlpatterns + alerts.urlpatterns + lists.urlpatterns + photos.urlpatterns
