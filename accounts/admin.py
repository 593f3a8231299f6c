from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "get_full_name", "role", "region", "is_active", "last_login")
    list_filter = ("role", "is_active", "region__parent")
    search_fields = ("username", "first_name", "last_name", "email", "region__name", "region__code")
    autocomplete_fields = ("region",)
    fieldsets = BaseUserAdmin.fieldsets + (("Peran dan wilayah", {"fields": ("role", "region")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        ("Peran dan wilayah", {"fields": ("role", "region")}),
    )
