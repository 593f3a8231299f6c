from django.urls import path

from ..views import dashboard_exports, dashboard_overdue

# The dashboards themselves (dasbor/, provinsi/…, daerah/…) are the portal's (portal/urls.py).
urlpatterns = [
    path("terlambat/", dashboard_overdue.overdue_list, name="overdue_list"),
    path("terlambat/excel/", dashboard_overdue.overdue_export, name="overdue_export"),
    path("laporan/excel/", dashboard_exports.report_export, name="report_export"),
    path("peringatan/excel/", dashboard_exports.alert_export, name="alert_export"),
]
