"""Users in the admin: every change goes through accounts.services, privileges only by superusers.

Ditjen staff manage accounts (names, role, region, activity, password) under the same rules as
`create_user`; staff/superuser flags, groups and single permissions are neither shown to nor
accepted from anyone but a superuser, and a superuser's account is changed by superusers only.
API tokens are listed (digest, owner, dates — never a usable token) to superusers only.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from knox.admin import AuthTokenAdmin as KnoxAuthTokenAdmin
from knox.models import AuthToken
from simple_history.admin import SimpleHistoryAdmin

from dakmonev.errors import NotPermitted

from .forms import AdminLoginForm
from .models import User
from .permissions import can_manage_user, can_set_privileges
from .services import check_user_fields, user_create, user_set_privileges, user_update

admin.site.login_form = AdminLoginForm

PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "get_full_name", "role", "region", "is_active", "last_login")
    list_filter = ("role", "is_active", "region__parent")
    search_fields = ("username", "first_name", "last_name", "email", "region__name", "region__code")
    autocomplete_fields = ("region",)
    readonly_fields = ("last_login", "date_joined")
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        (_("Peran dan wilayah"), {"fields": ("role", "region", "email")}),
    )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        fieldsets = [
            (None, {"fields": ("username", "password")}),
            (_("Data pribadi"), {"fields": ("first_name", "last_name", "email")}),
            (_("Peran dan wilayah"), {"fields": ("role", "region", "is_active")}),
        ]
        if can_set_privileges(request.user, obj):
            fieldsets.append((_("Hak akses (hanya superuser)"), {"fields": PRIVILEGE_FIELDS}))
        fieldsets.append((_("Tanggal penting"), {"fields": ("last_login", "date_joined")}))
        return fieldsets

    def has_change_permission(self, request, obj=None):
        if obj is not None and not can_manage_user(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_manage_user(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        region = data.get("region")
        try:
            if change:
                user_update(
                    actor=request.user,
                    user_id=obj.pk,
                    username=data["username"],
                    role=data.get("role") or "",
                    region_code=region.code if region else None,
                    is_active=data.get("is_active", obj.is_active),
                    first_name=data.get("first_name", ""),
                    last_name=data.get("last_name", ""),
                    email=data.get("email", ""),
                )
            else:
                created = user_create(
                    actor=request.user,
                    username=data["username"],
                    role=data.get("role") or "",
                    password=data["password1"],
                    region_code=region.code if region else None,
                    email=data.get("email", ""),
                )
                obj.pk, obj._state.adding, obj._state.db = created.pk, False, created._state.db
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc

    def save_related(self, request, form, formsets, change):
        # Only a superuser's form has the privilege fields; they are saved by their service.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        if (
            change
            and can_set_privileges(request.user, form.instance)
            and "groups" in form.cleaned_data
        ):
            user_set_privileges(
                actor=request.user,
                user_id=form.instance.pk,
                is_staff=form.cleaned_data["is_staff"],
                is_superuser=form.cleaned_data["is_superuser"],
                groups=form.cleaned_data["groups"],
                user_permissions=form.cleaned_data["user_permissions"],
            )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _with_service_rules(form)


def _with_service_rules(form_class):
    """The admin form refuses what the service would, as field errors before anything is saved."""

    class ServiceCheckedForm(form_class):
        def clean(self):
            cleaned = super().clean()
            for field, message in check_user_fields(
                username=cleaned.get("username") or "",
                role=cleaned.get("role") or "",
                region=cleaned.get("region"),
                is_superuser=self.instance.is_superuser,
            ):
                self.add_error(field if field in self.fields else None, message)
            return cleaned

    return ServiceCheckedForm


admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class TokenAdmin(KnoxAuthTokenAdmin):
    """Superusers see which tokens exist and may revoke them; nobody creates one here."""

    list_display = ("token_key", "user", "created", "expiry")
    search_fields = ("token_key", "user__username")

    def has_module_permission(self, request):
        return bool(can_set_privileges(request.user))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)
