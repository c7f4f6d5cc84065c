from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import AgendaItem, AgendaSubPoint, Consultation, GateOverride, Invitation, Minutes


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "start_time", "end_time", "shares_slot", "kind", "title", "moderator_name"]
    show_change_link = True


class GateOverrideInline(admin.TabularInline):
    """Overrides are a record of decisions: shown, never edited here."""

    model = GateOverride
    extra = 0
    fields = ["gate", "reason", "user", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(TranslationAdmin):
    list_display = ["city", "number", "title", "date", "start_time", "end_time", "status", "chatham_house"]
    list_filter = ["status", "kind", "chatham_house", "city"]
    search_fields = ["title_fr", "title_ar", "city__name_fr", "city__name_ar"]
    list_select_related = ["city"]
    readonly_fields = ["kind", "held_at", "closed_at"]
    inlines = [AgendaItemInline, GateOverrideInline]


class AgendaSubPointInline(TranslationTabularInline):
    model = AgendaSubPoint
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(TranslationAdmin):
    list_display = ["consultation", "start_time", "end_time", "title", "kind"]
    list_filter = ["kind", "consultation__city"]
    search_fields = ["title_fr", "title_ar", "moderator_name"]
    list_select_related = ["consultation__city"]
    autocomplete_fields = ["speakers"]
    raw_id_fields = ["consultation", "moderator_contact"]
    inlines = [AgendaSubPointInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["consultation", "stakeholder", "contact", "language", "sent_at", "answer", "attended"]
    list_filter = ["answer", "attended", "walk_in", "language", "consultation__city"]
    search_fields = ["stakeholder__name_fr", "stakeholder__name_ar", "contact__name", "delegate_name"]
    list_select_related = ["consultation__city", "stakeholder", "contact"]
    raw_id_fields = ["consultation", "stakeholder", "contact", "email"]
    readonly_fields = ["sent_at", "answered_at", "attendance_recorded_at"]


@admin.register(Minutes)
class MinutesAdmin(TranslationAdmin):
    list_display = ["consultation", "updated_by", "updated_at"]
    list_filter = ["consultation__city"]
    search_fields = ["summary_fr", "summary_ar", "consultation__title_fr"]
    list_select_related = ["consultation__city", "updated_by"]
    raw_id_fields = ["consultation", "updated_by"]


@admin.register(GateOverride)
class GateOverrideAdmin(admin.ModelAdmin):
    list_display = ["consultation", "gate", "user", "created_at"]
    list_filter = ["gate", "consultation__city"]
    search_fields = ["reason", "user__username", "consultation__title_fr"]
    list_select_related = ["consultation__city", "user"]
    readonly_fields = ["consultation", "gate", "reason", "user", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
