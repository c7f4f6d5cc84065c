from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Programme, ProgrammeMember


class ProgrammeMemberInline(admin.TabularInline):
    model = ProgrammeMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name_fr", "name_ar", "slug"]
    prepopulated_fields = {"slug": ["name_fr"]}
    filter_horizontal = ["cities"]
    inlines = [ProgrammeMemberInline]


@admin.register(ProgrammeMember)
class ProgrammeMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "created_at"]
    list_filter = ["programme"]
    search_fields = ["user__username", "user__email", "programme__name_fr", "programme__name_ar"]
    list_select_related = ["user", "programme"]
    autocomplete_fields = ["user", "programme"]
