from django.urls import path

from ..views import photos

urlpatterns = [
    path("kegiatan/<int:activity_id>/foto/", photos.activity_photos, name="activity_photos"),
    path(
        "foto/<int:pk>/tampilan.jpg", photos.photo_file, {"kind": "tampilan"}, name="photo_display"
    ),
    path("foto/<int:pk>/kecil.jpg", photos.photo_file, {"kind": "kecil"}, name="photo_thumbnail"),
    path("foto/<int:pk>/asli/", photos.photo_original, name="photo_original"),
    path("foto/<int:pk>/periksa/", photos.photo_review, name="photo_review"),
    path("daerah/<str:code>/foto/", photos.region_photo_flags, name="region_photo_flags"),
]
