"""Admin for Ditjen: reference data, TA rules, pagu, sentra, RK lines, disbursements.

Region data is scoped (`RegionScopedAdminMixin`), every model keeps history (SimpleHistoryAdmin),
and writes with business rules go through the services (`ServiceAdminMixin`): the form runs the
service in a rolled-back savepoint to show its DomainError next to the field, then `save_model`
calls it for real. Imports use django-import-export's screens on top of the import services.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from import_export.admin import ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from dakmonev.errors import DomainError
from dakmonev.forms import MoneyAdminMixin
from dakmonev.spreadsheet.issues import SpreadsheetRejected

from . import admin_fiscal_years  # noqa: F401 — registers the TA rules' admin
from .models import (
    ActivityMenu,
    Allocation,
    Disbursement,
    PlannedActivity,
    ProblemCode,
    Region,
    Sentra,
)
from .resources import AllocationAdminResource, PlannedActivityAdminResource, SpreadsheetFormat
from .scoping import RegionScopedAdminMixin
from .services.activities import ActivityInput, activity_create, activity_update
from .services.allocations import allocation_set, disbursement_record
from .services.reference import region_save
from .services.rk import rk_approve


class _Rollback(Exception):
    pass


IMPORT_FORMATS = [SpreadsheetFormat]


class SpreadsheetImportMixin(ImportMixin):
    """django-import-export's screens over the project's own reader and import services."""

    import_formats = IMPORT_FORMATS

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetRejected):
            for issue in e.issues:
                form.add_error("import_file", issue.message)
        else:
            super().add_data_read_fail_error_to_form(form, e)


class ServiceAdminMixin:
    """Validate the form with the service (rolled back), then save with the same service."""

    def call_service(self, request, obj, data: dict, *, change: bool):
        """Each admin using this mixin names the service that saves its model."""
        raise TypeError(f"{type(self).__name__} must define call_service()")

    def get_form(self, request, obj=None, **kwargs):
        base = super().get_form(request, obj, **kwargs)
        model_admin = self

        class ServiceForm(base):
            def clean(self):
                cleaned = super().clean()
                if self.errors:
                    return cleaned
                try:
                    with transaction.atomic():
                        model_admin.call_service(request, obj, cleaned, change=obj is not None)
                        raise _Rollback
                except _Rollback:
                    pass
                except DomainError as exc:
                    self.add_error(exc.field if exc.field in self.fields else None, exc.message)
                return cleaned

        return ServiceForm

    def save_model(self, request, obj, form, change):
        saved = self.call_service(
            request, obj if change else None, form.cleaned_data, change=change
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # Deleting would skip the service's rules and its effects; the pages delete through it.
        return False


@admin.register(Region)
class RegionAdmin(RegionScopedAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "timezone")
    list_filter = ("level", "timezone")
    search_fields = ("code", "name")
    list_select_related = ("parent",)

    def call_service(self, request, obj, data, *, change):
        return region_save(
            actor=request.user,
            region=obj,
            **{name: data[name] for name in ("code", "name", "level", "parent", "timezone")},
        )


@admin.register(ActivityMenu)
class ActivityMenuAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order")


@admin.register(ProblemCode)
class ProblemCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(Allocation)
class AllocationAdmin(
    MoneyAdminMixin,
    RegionScopedAdminMixin,
    ServiceAdminMixin,
    SpreadsheetImportMixin,
    SimpleHistoryAdmin,
):
    resource_classes = [AllocationAdminResource]
    skip_admin_log = True  # simple-history already records who changed what
    list_display = ("region", "fiscal_year", "pagu", "rk_status", "rk_approved_by", "is_synthetic")
    list_filter = ("fiscal_year", "rk_status", "region__level", "is_synthetic")
    search_fields = ("region__code", "region__name")
    list_select_related = ("region", "fiscal_year", "rk_approved_by")
    autocomplete_fields = ("region",)
    fields = (
        "region",
        "fiscal_year",
        "pagu",
        "is_synthetic",
        "rk_status",
        "rk_status_note",
        "rk_approved_by",
        "rk_approved_at",
    )
    readonly_fields = ("rk_status", "rk_status_note", "rk_approved_by", "rk_approved_at")
    actions = ["approve_rk"]

    def get_readonly_fields(self, request, obj=None):
        fixed = ("region", "fiscal_year") if obj else ()
        return fixed + self.readonly_fields

    def call_service(self, request, obj, data, *, change):
        allocation, _ = allocation_set(
            actor=request.user,
            region=obj.region if obj else data["region"],
            fiscal_year=obj.fiscal_year if obj else data["fiscal_year"],
            pagu=data["pagu"],
            is_synthetic=data.get("is_synthetic", False),
        )
        return allocation

    @admin.action(description="Setujui RK yang dipilih")
    def approve_rk(self, request, queryset):
        done = 0
        for allocation in queryset:
            try:
                rk_approve(actor=request.user, allocation=allocation)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{allocation}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, f"{done} RK disetujui.", messages.SUCCESS)


@admin.register(Sentra)
class SentraAdmin(RegionScopedAdminMixin, SimpleHistoryAdmin):
    """Latitude/longitude are checked by `Sentra.clean` (allocations.geo) and a constraint."""

    list_display = (
        "name",
        "region",
        "commodity",
        "ikm_units",
        "workforce",
        "is_ovop",
        "latitude",
        "longitude",
    )
    list_filter = ("is_ovop",)
    search_fields = ("name", "commodity", "region__code", "region__name")
    list_select_related = ("region",)
    autocomplete_fields = ("region",)


@admin.register(PlannedActivity)
class PlannedActivityAdmin(
    MoneyAdminMixin,
    RegionScopedAdminMixin,
    ServiceAdminMixin,
    SpreadsheetImportMixin,
    SimpleHistoryAdmin,
):
    resource_classes = [PlannedActivityAdminResource]
    skip_admin_log = True
    list_display = ("code", "allocation", "menu", "pagu", "procurement_stage", "contract_value")
    list_filter = ("allocation__fiscal_year", "menu", "procurement_stage")
    search_fields = ("code", "description", "allocation__region__code", "allocation__region__name")
    list_select_related = ("allocation__region", "allocation__fiscal_year", "menu")
    raw_id_fields = ("allocation", "sentra")

    def call_service(self, request, obj, data, *, change):
        values = ActivityInput(
            code=data["code"],
            menu=data["menu"],
            description=data["description"],
            pagu=data["pagu"],
            volume=data["volume"],
            unit=data.get("unit", ""),
            sentra=data.get("sentra"),
        )
        if obj is None:
            return activity_create(actor=request.user, allocation=data["allocation"], data=values)
        return activity_update(actor=request.user, activity=obj, data=values)

    # Procurement is edited on the RK pages (procurement_update); the admin shows it read-only.
    fields = (
        "allocation",
        "code",
        "menu",
        "sentra",
        "description",
        "volume",
        "unit",
        "pagu",
        "ded_ready",
        "procurement_method",
        "procurement_stage",
        "contract_number",
        "contract_date",
        "contract_value",
        "supplier",
        "planned_completion",
        "actual_completion",
    )
    readonly_fields = (
        "ded_ready",
        "procurement_method",
        "procurement_stage",
        "contract_number",
        "contract_date",
        "contract_value",
        "supplier",
        "planned_completion",
        "actual_completion",
    )


@admin.register(Disbursement)
class DisbursementAdmin(
    MoneyAdminMixin, RegionScopedAdminMixin, ServiceAdminMixin, SimpleHistoryAdmin
):
    list_display = ("allocation", "stage", "amount", "date", "reference")
    list_filter = ("allocation__fiscal_year", "stage")
    list_select_related = ("allocation__region", "allocation__fiscal_year")
    raw_id_fields = ("allocation",)

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def call_service(self, request, obj, data, *, change):
        return disbursement_record(
            actor=request.user,
            allocation=data["allocation"],
            stage=data["stage"],
            amount=data["amount"],
            date=data["date"],
            reference=data.get("reference", ""),
        )
