from django.conf import settings
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info


def _is_site_path(url: str) -> bool:
    """A path of this site: not //host, ///host, /\\host or anything with a scheme or a host."""
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=set())


def _language_url(request, code: str, *, on_token_url: bool) -> str:
    """The current page in `code`, or that language's home when the page is not one of ours.

    Only a path that resolves is translated: a 404 for //evil.example/ must not link to //evil.example/
    (the browser reads it as another site), so unknown paths, tokens and anything odd go home.
    """
    home = f"/{code}/"
    # An emailed link's landing URL carries the token: never repeat it in the page.
    if on_token_url:
        return home
    if request.resolver_match is None:  # no view of ours answered this path (a 404 before any view)
        return home
    url = translate_url(request.get_full_path(), code)
    return url if _is_site_path(url) else home


def language_urls(request):
    """The current page in every language, for the language switcher (query string kept)."""
    on_token_url = request.resolver_match is not None and request.resolver_match.namespace == "links"
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {"code": code, "name": info["name_local"], "url": _language_url(request, code, on_token_url=on_token_url)}
        )
    return {"language_links": links}
