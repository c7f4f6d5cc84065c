from modeltranslation.translator import TranslationOptions, register

from .models import Domain, Stakeholder


@register(Domain)
class DomainTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(Stakeholder)
class StakeholderTranslationOptions(TranslationOptions):
    fields = ("name", "acronym")
    required_languages = ("fr",)
