from modeltranslation.translator import TranslationOptions, register

from .models import City


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name", "country", "programme")
    required_languages = ("fr",)
