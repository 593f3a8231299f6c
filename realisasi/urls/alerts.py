from django.urls import path

from ..views import alerts

urlpatterns = [
    path("peringatan/", alerts.alert_list, name="alert_list"),
]
