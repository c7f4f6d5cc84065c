from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import EmailStatus, OutgoingAttachment, OutgoingEmail
from .services import email_retry


class OutgoingAttachmentInline(admin.TabularInline):
    model = OutgoingAttachment
    fields = ["filename", "mimetype"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "purpose", "status", "attempts", "city"]
    list_filter = ["status", "purpose", "language", "city"]
    search_fields = ["to", "subject", "batch"]
    list_select_related = ["city"]
    date_hierarchy = "created_at"
    inlines = [OutgoingAttachmentInline]
    actions = ["retry_failed"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected failed emails again"))
    def retry_failed(self, request, queryset):
        count = sum(email_retry(email=e) for e in queryset.filter(status=EmailStatus.FAILED))
        self.message_user(request, _("%(count)d emails queued again.") % {"count": count}, messages.SUCCESS)
