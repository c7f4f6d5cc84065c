from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from .models import Domain, Stakeholder


@register(Domain)
class DomainTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(Stakeholder)
class StakeholderTranslationOptions(TranslationOptions):
    fields = ("name", "acronym")
    required_languages = ("fr",)


# Change history, registered here (not as a model field) so that the historical model copies the
# translated columns (name_fr, name_ar, ...) that modeltranslation has just added.
# m2m_fields: the domains' changes are kept too (a snapshot of the links with each historical row).
history_register(Stakeholder, excluded_fields=["search_text"], m2m_fields=["domains"])
