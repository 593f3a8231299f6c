from django.urls import path

from . import views

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("profil/", views.profile, name="profile"),
    path("profil/notifikasi/", views.notification_preferences, name="notification_preferences"),
    path("profil/token/", views.token_create, name="token_create"),
    path("profil/token/cabut/", views.token_revoke_view, name="token_revoke"),
]
