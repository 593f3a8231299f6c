"""The home page and the dashboards. Their addresses stay under /realisasi/ (bookmarks)."""

from django.urls import path

from . import downloads, views
from .dossier import views as dossiers

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("realisasi/dasbor/", views.dashboard, name="dashboard"),
    path("tugas/", views.todo, name="todo"),
    path(
        "realisasi/dasbor/excel/daerah/",
        downloads.dashboard_regions_export,
        name="dashboard_regions_export",
    ),
    path(
        "realisasi/dasbor/excel/provinsi/",
        downloads.dashboard_provinces_export,
        name="dashboard_provinces_export",
    ),
    path("realisasi/dasbor/ringkasan.pdf", downloads.dashboard_brief_pdf, name="dashboard_brief"),
    path(
        "realisasi/dasbor/ringkasan.xlsx",
        downloads.dashboard_brief_xlsx,
        name="dashboard_brief_xlsx",
    ),
    path("realisasi/provinsi/<str:code>/", views.province_detail, name="province_detail"),
    path(
        "realisasi/provinsi/<str:code>/excel/",
        downloads.province_regions_export,
        name="province_regions_export",
    ),
    path("realisasi/daerah/saya/", views.my_region, name="my_region"),
    path("realisasi/daerah/<str:code>/", views.region_detail, name="region_detail"),
    path(
        "realisasi/daerah/<str:code>/ringkasan.pdf",
        downloads.region_summary,
        name="region_summary_pdf",
    ),
    path("realisasi/daerah/<str:code>/dosir/", dossiers.dossier_list, name="dossier_list"),
    path("realisasi/dosir/<int:pk>/unduh.zip", dossiers.dossier_download, name="dossier_download"),
    path(
        "realisasi/daerah/<str:code>/penyaluran/",
        views.region_eligibility,
        name="region_eligibility",
    ),
]
