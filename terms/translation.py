from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from .models import CoordinationRole, TermsOfReference, TorChange, TorSection, TorVersion


@register(TermsOfReference)
class TermsOfReferenceTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("fr",)


@register(TorVersion)
class TorVersionTranslationOptions(TranslationOptions):
    fields = ("summary",)
    required_languages = ()


@register(TorSection)
class TorSectionTranslationOptions(TranslationOptions):
    fields = ("heading", "text")
    required_languages = ("fr",)


@register(TorChange)
class TorChangeTranslationOptions(TranslationOptions):
    fields = ("description",)
    required_languages = ("fr",)


@register(CoordinationRole)
class CoordinationRoleTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)


# Change history, registered after modeltranslation so the historical models copy both language columns.
history_register(TorVersion)
history_register(TorSection)
