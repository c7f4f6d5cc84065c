from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from ratification.admin import RatificationRequestAdminBase

from .models import (
    CoordinationRole,
    RatificationRecord,
    RatificationRequest,
    RoleAssignment,
    TermsOfReference,
    TorChange,
    TorFeedback,
    TorSection,
    TorVersion,
)


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(TranslationAdmin):
    list_display = ["title", "city", "created_at"]
    list_filter = ["city"]
    search_fields = ["title_fr", "title_ar", "city__name_fr"]


class TorSectionInline(TranslationTabularInline):
    model = TorSection
    extra = 0
    fields = ["position", "heading", "text"]

    def _frozen(self, obj) -> bool:
        return obj is not None and obj.is_frozen

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(TorVersion)
class TorVersionAdmin(TranslationAdmin):
    """Statuses move through the app's pages (they freeze and hash); here only drafts' text is editable."""

    list_display = ["__str__", "tor", "status", "sha256", "frozen_at", "adopted_at"]
    list_filter = ["status", "tor__city"]
    search_fields = ["tor__title_fr", "tor__city__name_fr", "sha256"]
    list_select_related = ["tor__city"]
    inlines = [TorSectionInline]
    readonly_fields = [
        "tor",
        "number",
        "status",
        "previous",
        "sha256",
        "frozen_at",
        "circulated_at",
        "presented_on",
        "ratification_sent_at",
        "adopted_at",
        "superseded_at",
        "created_by",
    ]

    def has_add_permission(self, request):
        return False  # versions start from the app, numbered and copied from the previous one

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(CoordinationRole)
class CoordinationRoleAdmin(TranslationAdmin):
    list_display = ["name", "code", "position", "leads_domain"]
    list_filter = ["leads_domain"]
    search_fields = ["name_fr", "name_ar", "code"]
    list_editable = ["position"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["stakeholder", "role", "domain", "version"]
    list_filter = ["role", "domain", "version__tor__city"]
    search_fields = ["stakeholder__name_fr", "stakeholder__name_ar"]
    list_select_related = ["stakeholder", "role", "domain", "version"]
    raw_id_fields = ["stakeholder", "version"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.version.roles_locked:
            return False
        return super().has_change_permission(request, obj)

    has_delete_permission = has_change_permission


@admin.register(TorFeedback)
class TorFeedbackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "version", "section", "stakeholder", "source", "created_at"]
    list_filter = ["source", "language", "version__tor__city"]
    search_fields = ["text", "author_name", "stakeholder__name_fr"]
    list_select_related = ["version", "section", "stakeholder"]
    raw_id_fields = ["version", "section", "stakeholder", "recorded_by"]


@admin.register(TorChange)
class TorChangeAdmin(TranslationAdmin):
    list_display = ["__str__", "version", "section"]
    list_filter = ["version__tor__city"]
    search_fields = ["description_fr", "description_ar"]
    raw_id_fields = ["version", "section", "feedback"]


@admin.register(RatificationRequest)
class RatificationRequestAdmin(RatificationRequestAdminBase):
    list_filter = [*RatificationRequestAdminBase.list_filter, "version__tor__city"]


@admin.register(RatificationRecord)
class RatificationRecordAdmin(admin.ModelAdmin):
    list_display = ["version", "language", "sha256", "size", "generated_at", "generated_by"]
    list_filter = ["language", "version__tor__city"]
    search_fields = ["sha256"]
    exclude = ["pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
