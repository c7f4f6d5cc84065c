from modeltranslation.translator import TranslationOptions, register

from .models import Assessment, Criterion, Programme


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("title", "description", "districts", "funding_source")
    required_languages = ("fr",)


@register(Criterion)
class CriterionTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)


@register(Assessment)
class AssessmentTranslationOptions(TranslationOptions):
    fields = ("positives", "negatives", "gaps", "lessons")
