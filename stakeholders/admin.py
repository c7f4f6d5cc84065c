from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import Contact, Domain, Stakeholder


@admin.register(Domain)
class DomainAdmin(TranslationAdmin):
    list_display = ["code", "name", "position"]
    list_editable = ["position"]
    search_fields = ["code", "name_fr", "name_ar"]


class ContactInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        primaries = [
            form for form in self.forms if form.cleaned_data.get("is_primary") and not form.cleaned_data.get("DELETE")
        ]
        if len(primaries) > 1:
            raise ValidationError(_("A stakeholder has at most one primary contact."))


class ContactInline(admin.TabularInline):
    model = Contact
    formset = ContactInlineFormSet
    extra = 0
    fields = ["name", "function", "email", "phone", "language", "is_primary", "erased_at"]
    readonly_fields = ["erased_at"]


@admin.register(Stakeholder)
class StakeholderAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "city", "category", "level", "influence", "interest", "is_active", "joined_on"]
    list_filter = ["city", "category", "level", "is_active", "domains"]
    # search_text holds the normalised names: an Arabic search without hamza still matches.
    search_fields = ["name_fr", "name_ar", "acronym_fr", "acronym_ar", "search_text"]
    list_select_related = ["city"]
    filter_horizontal = ["domains"]
    readonly_fields = ["deactivated_at", "created_at", "updated_at"]
    date_hierarchy = "joined_on"
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["__str__", "stakeholder", "function", "email", "language", "is_primary", "erased_at"]
    list_filter = ["stakeholder__city", "language", "is_primary", ("erased_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "email", "stakeholder__name_fr", "stakeholder__name_ar", "stakeholder__search_text"]
    list_select_related = ["stakeholder", "stakeholder__city"]
    autocomplete_fields = ["stakeholder"]
    readonly_fields = ["erased_at", "created_at", "updated_at"]
