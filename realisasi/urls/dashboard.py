from django.urls import path

from ..views import dashboard, dashboard_exports, dashboard_overdue

urlpatterns = [
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    path("provinsi/<str:code>/", dashboard.province_detail, name="province_detail"),
    path("daerah/saya/", dashboard.my_region, name="my_region"),
    path("daerah/<str:code>/", dashboard.region_detail, name="region_detail"),
    path("daerah/<str:code>/penyaluran/", dashboard.region_eligibility, name="region_eligibility"),
    path("terlambat/", dashboard_overdue.overdue_list, name="overdue_list"),
    path("terlambat/excel/", dashboard_overdue.overdue_export, name="overdue_export"),
    path("laporan/excel/", dashboard_exports.report_export, name="report_export"),
    path("peringatan/excel/", dashboard_exports.alert_export, name="alert_export"),
]
