from django.urls import path

from .views import activities, rk, sentra

app_name = "allocations"

urlpatterns = [
    path("rk/", activities.activity_list, name="activity_list"),
    path("rk/<int:allocation_id>/kegiatan/baru/", activities.activity_new, name="activity_create"),
    path("kegiatan/<int:pk>/ubah/", activities.activity_edit, name="activity_edit"),
    path("kegiatan/<int:pk>/hapus/", activities.activity_remove, name="activity_delete"),
    path("kegiatan/<int:pk>/pengadaan/", activities.procurement_edit, name="procurement_edit"),
    path("sentra/", sentra.sentra_list, name="sentra_list"),
    path("sentra/<int:pk>/lokasi/", sentra.sentra_location_edit, name="sentra_location"),
    path("kegiatan/<int:pk>/target/", activities.targets_edit, name="targets_edit"),
    path("rk/<int:allocation_id>/ajukan/", rk.rk_submit_view, name="rk_submit"),
    path("rk/<int:allocation_id>/setujui/", rk.rk_approve_view, name="rk_approve"),
    path("rk/<int:allocation_id>/kembalikan/", rk.rk_return_view, name="rk_return"),
]
