from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "city", "kind", "read_at"]
    list_filter = ["kind", "city"]
    list_select_related = ["user", "city"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "language", "daily_digest", "digest_sent_on"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
