from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def language_urls(request):
    """The current page in every language, for the language switcher (query string kept)."""
    full_path = request.get_full_path()
    # An emailed link's landing URL carries the token: never repeat it in the page.
    on_token_url = request.resolver_match is not None and request.resolver_match.namespace == "links"
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = f"/{code}/" if on_token_url else translate_url(full_path, code)
        links.append({"code": code, "name": info["name_local"], "url": url})
    return {"language_links": links}
