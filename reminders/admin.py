from django.contrib import admin

from .models import ReminderLog, ReminderPolicy


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ("city", "enabled", "days_before", "repeat_days", "quiet_start", "quiet_end")


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "city", "kind", "slot", "to", "language")
    list_filter = ("kind", "city")
    readonly_fields = [f.name for f in ReminderLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
