from django.contrib import admin

from .models import EmailLink, LinkEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Links and their audit trail are written by services only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EmailLink)
class EmailLinkAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "purpose",
        "city",
        "target_type",
        "target_id",
        "language",
        "created_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["purpose", "city", "language"]
    search_fields = ["target_id", "revoked_reason"]
    list_select_related = ["city", "target_type"]
    exclude = ["token_hash"]


@admin.register(LinkEvent)
class LinkEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "link", "target_type", "target_id", "actor", "ip"]
    list_filter = ["kind"]
    search_fields = ["actor", "ip", "user_agent"]
    list_select_related = ["link", "target_type"]
    date_hierarchy = "at"
