from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, AgendaSubPoint, Consultation, Minutes


@register(Consultation)
class ConsultationTranslationOptions(TranslationOptions):
    fields = ("title", "objectives", "expected_outcome", "venue")
    # Only the French title is required; the rest may be written later (the cycle page says what lacks).
    required_languages = {"fr": ("title",), "default": ()}


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "description", "moderator_function")
    required_languages = {"fr": ("title",), "default": ()}


@register(AgendaSubPoint)
class AgendaSubPointTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("fr",)


@register(Minutes)
class MinutesTranslationOptions(TranslationOptions):
    fields = ("summary", "decisions", "next_steps", "attributed_statements")
    required_languages = {"fr": ("summary",), "default": ()}
