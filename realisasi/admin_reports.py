"""Admin for reports and uploads (reports issue): read-mostly, scoped; writes go through services."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from allocations.scoping import RegionScopedAdminMixin

from .models import QuarterlyReport, ReportLine, ReportUpload


class ReportLineInline(admin.TabularInline):
    model = ReportLine
    extra = 0
    can_delete = False
    fields = (
        "activity",
        "excel_row",
        "procurement_stage",
        "financial_realisation",
        "physical_progress",
        "contract_value",
        "workers",
        "problem_codes",
        "remarks",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(RegionScopedAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "region",
        "fiscal_year",
        "quarter",
        "version",
        "status",
        "is_current",
        "created_at",
    )
    list_filter = ("fiscal_year", "quarter", "status", "is_current")
    search_fields = ("region__code", "region__name")
    list_select_related = ("region", "fiscal_year")
    inlines = [ReportLineInline]
    readonly_fields = [f.name for f in QuarterlyReport._meta.fields]

    def has_add_permission(self, request):
        return False  # versions come from uploads only

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportUpload)
class ReportUploadAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "original_name",
        "region",
        "fiscal_year",
        "quarter",
        "status",
        "uploaded_by",
        "created_at",
    )
    list_filter = ("status", "fiscal_year", "quarter", "dry_run")
    search_fields = ("original_name", "sha256", "region__code")
    list_select_related = ("region", "uploaded_by")
    exclude = ("original",)  # downloaded through the scoped view, never a media URL
    readonly_fields = [f.name for f in ReportUpload._meta.fields if f.name != "original"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
