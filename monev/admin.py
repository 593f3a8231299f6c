"""Admin for monev: read-only lists with history. Writes go through the pages (services), so the
rules — only inspectors record and close, the region answers — hold everywhere."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from allocations.scoping import RegionScopedAdminMixin

from .models import Attachment, Finding, FollowUp, Inspection, OutcomeSurvey


class ReadOnlyAdmin(RegionScopedAdminMixin, SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = (
        "region",
        "fiscal_year",
        "kind",
        "start_date",
        "end_date",
        "rating_output",
        "rating_reporting",
        "rating_performance",
        "is_synthetic",
    )
    list_filter = ("kind", "fiscal_year", "is_synthetic")
    search_fields = ("region__code", "region__name", "letter_number")
    list_select_related = ("region", "fiscal_year")


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "title",
        "region",
        "status",
        "severity",
        "due_date",
        "closed_at",
        "is_synthetic",
    )
    list_filter = ("status", "severity", ("closed_at", admin.EmptyFieldListFilter), "is_synthetic")
    search_fields = ("title", "region__code", "region__name")
    list_select_related = ("region",)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "finding",
        "date",
        "submitted_by",
        "assessment_status",
        "assessed_by",
        "assessed_at",
    )
    list_filter = ("assessment_status",)
    list_select_related = ("finding", "submitted_by", "assessed_by")


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = (
        "original_name",
        "finding",
        "followup",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    )
    exclude = ("file",)  # the stored path is internal; download through the scoped page
    list_select_related = ("finding", "uploaded_by")


@admin.register(OutcomeSurvey)
class OutcomeSurveyAdmin(ReadOnlyAdmin):
    list_display = (
        "sentra",
        "fiscal_year",
        "survey_date",
        "ikm_units_baseline",
        "ikm_units_after",
        "is_synthetic",
    )
    list_filter = ("fiscal_year", "is_synthetic")
    list_select_related = ("sentra", "fiscal_year")
