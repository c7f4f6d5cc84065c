from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from ratification.admin import RatificationRequestAdminBase

from .models import (
    Action,
    Indicator,
    MappingItem,
    Measurement,
    RoadmapApproval,
    RoadmapRatificationRequest,
    RoadmapVersion,
)


@admin.register(MappingItem)
class MappingItemAdmin(TranslationAdmin):
    list_display = ["__str__", "kind", "domain", "city", "rank"]
    list_filter = ["city", "kind", "domain"]
    search_fields = ["text_fr", "text_ar"]
    list_select_related = ["city", "domain"]
    raw_id_fields = ["stakeholders"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["name_fr", "kind", "baseline_value", "target_value", "target_date"]
    extra = 0
    show_change_link = True


@admin.register(Action)
class ActionAdmin(TranslationAdmin):
    list_display = ["title", "city", "domain", "lead", "start_month", "end_month", "status"]
    list_filter = ["city", "status", "domain"]
    search_fields = ["title_fr", "title_ar", "description_fr"]
    list_select_related = ["city", "domain", "lead"]
    raw_id_fields = ["lead", "partners"]
    inlines = [IndicatorInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    fields = ["measured_on", "value", "source", "comment"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["name", "action", "kind", "baseline_value", "target_value", "target_date", "frequency"]
    list_filter = ["kind", "frequency", "action__city"]
    search_fields = ["name_fr", "name_ar", "action__title_fr"]
    list_select_related = ["action"]
    raw_id_fields = ["responsible"]
    inlines = [MeasurementInline]


@admin.register(RoadmapVersion)
class RoadmapVersionAdmin(TranslationAdmin):
    list_display = ["__str__", "city", "status", "frozen_at", "sha256"]
    list_filter = ["city", "status"]
    search_fields = ["sha256", "introduction_fr"]
    list_select_related = ["city"]
    readonly_fields = ["status", "sha256", "frozen_at", "frozen_by", "snapshot"]

    def get_readonly_fields(self, request, obj=None):
        # A frozen version is covered by its hash: the admin must not change it either.
        if obj is not None and obj.is_frozen:
            return [f.name for f in obj._meta.fields]
        return super().get_readonly_fields(request, obj)


@admin.register(RoadmapApproval)
class RoadmapApprovalAdmin(TranslationAdmin):
    list_display = ["version", "decided_on", "recorded_by", "recorded_at"]
    list_filter = ["version__city"]
    search_fields = ["decision_fr", "decision_ar"]
    list_select_related = ["version", "recorded_by"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(RoadmapRatificationRequest)
class RoadmapRatificationRequestAdmin(RatificationRequestAdminBase):
    list_filter = [*RatificationRequestAdminBase.list_filter, "version__city"]
    list_select_related = ["stakeholder", "version__city"]
