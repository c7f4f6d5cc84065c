from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def language_urls(request):
    """The current page in every language, for the language switcher (query string kept)."""
    full_path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": translate_url(full_path, code)})
    return {"language_links": links}
