"""Admin of the TA rules: fiscal years with their deadline overrides and disbursement rules,
and the holiday calendar working-day deadlines skip.

A TA and its overrides are saved through the services (fiscal_year_create / fiscal_year_update,
quarter_deadline_set / quarter_deadline_remove): their rules apply and history names the user.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import is_ditjen
from dakmonev.errors import DomainError
from dakmonev.forms import MoneyAdminMixin

from .models import DeadlineExtension, DisbursementRule, FiscalYear, Holiday, QuarterDeadline
from .scoping import RegionScopedAdminMixin
from .selectors.deadlines import deadline_extension_check, quarter_deadline_check
from .services.fiscal_years import (
    RULE_FIELDS,
    deadline_extension_grant,
    deadline_extension_withdraw,
    fiscal_year_create,
    fiscal_year_ensure_rules,
    fiscal_year_update,
    quarter_deadline_remove,
    quarter_deadline_set,
)
from .services.holidays import holiday_delete, holiday_save


class QuarterDeadlineForm(forms.ModelForm):
    """An override as quarter_deadline_set accepts it (the same check, shown next to the field)."""

    class Meta:
        model = QuarterDeadline
        fields = ("quarter", "deadline", "decree")

    def clean(self):
        cleaned = super().clean()
        fiscal_year = self.instance.fiscal_year if self.instance.fiscal_year_id else None
        fiscal_year = fiscal_year or getattr(self, "parent_fiscal_year", None)
        if fiscal_year is not None and not self.errors and not cleaned.get("DELETE"):
            try:
                quarter_deadline_check(fiscal_year, cleaned["quarter"], cleaned["deadline"])
            except DomainError as exc:
                self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return cleaned


class QuarterDeadlineFormSet(forms.BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.parent_fiscal_year = self.instance  # a new TA's year, before it is saved
        return form


class QuarterDeadlineInline(admin.TabularInline):
    """Deadline overrides are saved through quarter_deadline_set / quarter_deadline_remove
    (FiscalYearAdmin.save_formset), with their rule and the acting user in history."""

    model = QuarterDeadline
    form = QuarterDeadlineForm
    formset = QuarterDeadlineFormSet
    extra = 0


class DisbursementRuleInline(admin.TabularInline):
    model = DisbursementRule
    extra = 0


@admin.register(FiscalYear)
class FiscalYearAdmin(MoneyAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "year",
        "deadline_rule",
        "report_deadline_days",
        "reminder_days_before",
        "escalation_days_after",
        "one_off_max_pagu",
    )
    inlines = [QuarterDeadlineInline, DisbursementRuleInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not QuarterDeadline:
            return super().save_formset(request, form, formset, change)
        fiscal_year = form.instance
        # What admin's change message reads (ModelFormSet.save() would have set them).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            data = getattr(row, "cleaned_data", None) or {}
            if not data or (not row.has_changed() and not data.get("DELETE")):
                continue
            old_quarter = row.initial.get("quarter") if row.instance.pk else None
            if old_quarter is not None and (data.get("DELETE") or old_quarter != data["quarter"]):
                quarter_deadline_remove(
                    actor=request.user, fiscal_year=fiscal_year, quarter=old_quarter
                )
            if data.get("DELETE"):
                formset.deleted_objects.append(row.instance)
                continue
            saved = quarter_deadline_set(
                actor=request.user,
                fiscal_year=fiscal_year,
                quarter=data["quarter"],
                deadline=data["deadline"],
                decree=data.get("decree", ""),
            )
            if old_quarter is None:
                formset.new_objects.append(saved)
            else:
                formset.changed_objects.append((saved, row.changed_data))
        return None

    def save_model(self, request, obj, form, change):
        rules = {name: form.cleaned_data[name] for name in RULE_FIELDS if name in form.cleaned_data}
        if change:
            fiscal_year_update(actor=request.user, fiscal_year=obj, **rules)
        else:
            created = fiscal_year_create(
                actor=request.user, year=form.cleaned_data["year"], default_rules=False, **rules
            )
            obj.pk, obj._state.adding = created.pk, False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new TA gets the default rule of every stage not entered in the inline.
        if not change:
            fiscal_year_ensure_rules(actor=request.user, fiscal_year=form.instance)


@admin.register(DisbursementRule)
class DisbursementRuleAdmin(SimpleHistoryAdmin):
    list_display = (
        "fiscal_year",
        "stage",
        "percent_of_pagu",
        "min_absorption_of_received_pct",
        "min_physical_pct",
        "window_start",
        "deadline",
    )
    list_filter = ("fiscal_year",)


@admin.register(QuarterDeadline)
class QuarterDeadlineAdmin(SimpleHistoryAdmin):
    """A list of every override; they are entered on their TA (its inline goes through the service)."""

    list_display = ("fiscal_year", "quarter", "deadline", "decree")
    list_filter = ("fiscal_year",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HolidayForm(forms.ModelForm):
    """A day off as holiday_save accepts it."""

    class Meta:
        model = Holiday
        fields = ("date", "name", "kind")


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    """National holidays and cuti bersama: Ditjen IKMA corrects them when a decree changes them;
    saved and removed through holiday_save / holiday_delete (their rule, history names the user)."""

    form = HolidayForm
    list_display = ("date", "name", "kind")
    list_filter = ("kind", ("date", admin.DateFieldListFilter))
    date_hierarchy = "date"
    search_fields = ("name",)

    def _ditjen(self, request) -> bool:
        return is_ditjen(request.user)

    def has_add_permission(self, request):
        return self._ditjen(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._ditjen(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._ditjen(request) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        saved = holiday_save(
            actor=request.user,
            holiday=Holiday.objects.get(pk=obj.pk) if change else None,
            **{name: form.cleaned_data[name] for name in ("date", "name", "kind")},
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        holiday_delete(actor=request.user, holiday=obj)

    def delete_queryset(self, request, queryset):
        for holiday in queryset:
            holiday_delete(actor=request.user, holiday=holiday)


class DeadlineExtensionForm(forms.ModelForm):
    """An extension as deadline_extension_grant accepts it (its rule, shown next to the field)."""

    class Meta:
        model = DeadlineExtension
        fields = ("fiscal_year", "region", "quarter", "until", "reason")

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                deadline_extension_check(
                    cleaned["fiscal_year"], cleaned.get("quarter"), cleaned["until"],
                    cleaned["reason"],
                )  # fmt: skip
            except DomainError as exc:
                self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return cleaned


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(RegionScopedAdminMixin, SimpleHistoryAdmin):
    """Per-region extensions of the report deadline, granted by Ditjen IKMA with a reason and an
    end date; saved and withdrawn through the services (history names who)."""

    form = DeadlineExtensionForm
    list_display = ("fiscal_year", "region", "quarter", "until", "reason", "granted_by")
    list_filter = ("fiscal_year", "quarter")
    search_fields = ("region__code", "region__name", "reason")
    list_select_related = ("fiscal_year", "region", "granted_by")
    autocomplete_fields = ("region",)

    def _ditjen(self, request) -> bool:
        return is_ditjen(request.user)

    def has_add_permission(self, request):
        return self._ditjen(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._ditjen(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._ditjen(request) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = deadline_extension_grant(
            actor=request.user,
            fiscal_year=data["fiscal_year"],
            region=data["region"],
            quarter=data.get("quarter"),
            until=data["until"],
            reason=data["reason"],
            extension=DeadlineExtension.objects.get(pk=obj.pk) if change else None,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        deadline_extension_withdraw(actor=request.user, extension=obj)

    def delete_queryset(self, request, queryset):
        for extension in queryset:
            deadline_extension_withdraw(actor=request.user, extension=extension)
