from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data of every app (synthetic, marked as such) and `manage.py seed_demo`."""

    name = "demo"
    verbose_name = "Data demo"
