from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import RedirectView

from ..views import alerts

urlpatterns = [
    path("peringatan/", alerts.alert_list, name="alert_list"),
    # Notifications moved to their own app (/notifikasi/); links in e-mails sent before still work.
    path(
        "notifikasi/",
        login_required(RedirectView.as_view(pattern_name="notifications:list", permanent=True)),
        name="notification_list_moved",
    ),
]
