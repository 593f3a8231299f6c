"""Admin for notifications (read-mostly: the services write them)."""

from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "user", "created_at", "read_at", "emailed_at")
    list_filter = (
        "kind",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("title", "user__username", "event_key")
    list_select_related = ("user",)
    readonly_fields = ("user", "kind", "event_key", "created_at", "emailed_at")

    def has_add_permission(self, request):
        return False
