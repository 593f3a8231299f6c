from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top layer: pages made from several apps (dashboards, home), the menu and the API's URL map."""

    name = "portal"
    verbose_name = "Portal (dasbor dan menu)"
