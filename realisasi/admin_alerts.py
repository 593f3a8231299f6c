"""Admin for snapshots and alerts (read-mostly: the services write them)."""

from django.contrib import admin

from allocations.scoping import RegionScopedAdminMixin

from .models import AbsorptionSnapshot, Alert


@admin.register(AbsorptionSnapshot)
class AbsorptionSnapshotAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "fiscal_year",
        "quarter",
        "scope",
        "region",
        "pagu",
        "financial_realisation",
        "absorption",
        "computed_at",
    )
    list_filter = ("scope", "fiscal_year", "quarter")
    search_fields = ("region__code", "region__name")
    list_select_related = ("fiscal_year", "region")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "region",
        "fiscal_year",
        "quarter",
        "subject_key",
        "created_at",
        "resolved_at",
    )
    list_filter = ("kind", "fiscal_year", ("resolved_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "region__code", "region__name", "subject_key")
    list_select_related = ("fiscal_year", "region")
    readonly_fields = (
        "kind",
        "region",
        "fiscal_year",
        "quarter",
        "subject_key",
        "created_at",
        "due_date",
    )

    def has_add_permission(self, request):
        return False
