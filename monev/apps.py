from django.apps import AppConfig


class MonevConfig(AppConfig):
    name = "monev"
    verbose_name = "Monitoring dan evaluasi (Itjen)"
