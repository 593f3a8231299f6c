from django.urls import path

from ..views import exports, overdue, timeliness

# The overdue list and the lists' Excel exports. The dashboards (dasbor/, provinsi/…, daerah/…)
# are the portal's (portal/urls.py).
urlpatterns = [
    path("terlambat/", overdue.overdue_list, name="overdue_list"),
    path("terlambat/excel/", overdue.overdue_export, name="overdue_export"),
    path("laporan/excel/", exports.report_export, name="report_export"),
    path("peringatan/excel/", exports.alert_export, name="alert_export"),
    path("ketepatan/excel/", timeliness.timeliness_export, name="timeliness_export"),
]
