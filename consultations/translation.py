from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

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


# Change history, registered after modeltranslation so the historical models copy both language columns.
history_register(Consultation)
history_register(AgendaItem, m2m_fields=["speakers"])  # the speakers' changes are kept too
