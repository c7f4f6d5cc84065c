from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from .models import Action, Indicator, MappingItem, RoadmapApproval, RoadmapVersion


@register(MappingItem)
class MappingItemTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("fr",)


@register(Action)
class ActionTranslationOptions(TranslationOptions):
    # The funding source is printed in the roadmap: an Arabic document needs its Arabic.
    fields = ("title", "description", "funding_source")
    required_languages = ("fr",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "unit", "means_of_verification")
    required_languages = ("fr",)


@register(RoadmapVersion)
class RoadmapVersionTranslationOptions(TranslationOptions):
    fields = ("introduction", "conclusions")


@register(RoadmapApproval)
class RoadmapApprovalTranslationOptions(TranslationOptions):
    fields = ("decision",)
    required_languages = ("fr",)


# Change history, registered after modeltranslation so the historical models copy both language columns.
history_register(Action, m2m_fields=["partners"])  # the partners' changes are kept too
history_register(Indicator)
