from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Assessment, Criterion, Programme, ProgrammeTargetGroup, Rating


class ProgrammeTargetGroupInline(admin.TabularInline):
    model = ProgrammeTargetGroup
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["title", "city", "lead", "status", "start_month", "end_month"]
    list_filter = ["city", "status", "domains"]
    search_fields = ["title_fr", "title_ar", "description_fr", "source"]
    list_select_related = ["city", "lead"]
    raw_id_fields = ["lead", "partners", "mapping_items"]
    inlines = [ProgrammeTargetGroupInline]


@admin.register(Criterion)
class CriterionAdmin(TranslationAdmin):
    list_display = ["name", "city", "position"]
    list_filter = ["city"]
    search_fields = ["name_fr", "name_ar"]
    list_select_related = ["city"]


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    raw_id_fields = ["criterion"]


@admin.register(Assessment)
class AssessmentAdmin(TranslationAdmin):
    list_display = ["programme", "assessed_on", "consultation"]
    list_filter = ["programme__city"]
    search_fields = ["programme__title_fr", "positives_fr", "negatives_fr"]
    list_select_related = ["programme", "consultation"]
    raw_id_fields = ["programme", "consultation"]
    inlines = [RatingInline]
