from django.contrib import admin


class RatificationRequestAdminBase(admin.ModelAdmin):
    """Read-only: decisions are made through links or recorded on paper in the app, with an audit trail."""

    list_display = ["stakeholder", "version", "status", "contact_name", "channel", "decided_at"]
    list_filter = ["status", "channel", "language"]
    search_fields = ["stakeholder__name_fr", "contact_name", "contact_email"]
    list_select_related = ["stakeholder", "version"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
