from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import City, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ["name", "country", "country_code", "slug", "time_zone", "reply_to_email", "ratification_quorum"]
    list_filter = ["country"]
    search_fields = ["name_fr", "name_ar", "slug", "country_fr", "country_ar"]
    prepopulated_fields = {"slug": ["name_fr"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "city", "role", "created_at"]
    list_filter = ["role", "city"]
    search_fields = ["user__username", "user__email", "city__name_fr", "city__name_ar"]
    list_select_related = ["user", "city"]
    autocomplete_fields = ["user", "city"]
