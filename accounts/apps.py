from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Pengguna dan peran"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from dakmonev.sessions import mark_refreshed_on_login

        user_logged_in.connect(
            mark_refreshed_on_login, dispatch_uid="dakmonev.sessions.mark_refreshed_on_login"
        )
