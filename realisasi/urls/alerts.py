from django.urls import path

from ..views import alerts

urlpatterns = [
    path("peringatan/", alerts.alert_list, name="alert_list"),
    path("notifikasi/", alerts.notification_list, name="notification_list"),
    path("notifikasi/baca/", alerts.notification_read, name="notification_read_all"),
    path("notifikasi/<int:pk>/baca/", alerts.notification_read, name="notification_read"),
]
