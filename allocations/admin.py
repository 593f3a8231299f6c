from django.contrib import admin

from .models import ActivityMenu, ProblemCode, Region
from .scoping import RegionScopedAdminMixin


@admin.register(Region)
class RegionAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "timezone")
    list_filter = ("level", "timezone")
    search_fields = ("code", "name")
    list_select_related = ("parent",)


@admin.register(ActivityMenu)
class ActivityMenuAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order")


@admin.register(ProblemCode)
class ProblemCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
