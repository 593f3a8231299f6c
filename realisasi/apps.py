from django.apps import AppConfig


class RealisasiConfig(AppConfig):
    name = "realisasi"
    verbose_name = "Realisasi triwulan"

    def ready(self) -> None:
        from allocations.selectors.eligibility import register_realisation_provider
        from dakmonev import page_cache

        from . import receivers
        from .selectors.absorption import allocation_realisation

        receivers.connect()
        page_cache.connect()
        register_realisation_provider(allocation_realisation)
