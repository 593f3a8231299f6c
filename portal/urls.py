"""The home page and the dashboards. Their addresses stay under /realisasi/ (bookmarks)."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("realisasi/dasbor/", views.dashboard, name="dashboard"),
    path("tugas/", views.todo, name="todo"),
    path("realisasi/provinsi/<str:code>/", views.province_detail, name="province_detail"),
    path("realisasi/daerah/saya/", views.my_region, name="my_region"),
    path("realisasi/daerah/<str:code>/", views.region_detail, name="region_detail"),
    path(
        "realisasi/daerah/<str:code>/penyaluran/",
        views.region_eligibility,
        name="region_eligibility",
    ),
]
