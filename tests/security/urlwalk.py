"""Walk the URL configuration itself: every route, with its name, kwargs and view.

Used by the security suite (every view under every role) and by bench/run.py (which kwargs a page
takes). Recurses into include()s and the i18n prefix; URLs are built for one language (fr).
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name", None when the pattern has no name
    template: str  # "/{lang}/c/{city_slug}/stakeholders/{pk}/"
    kwargs: tuple[str, ...]
    lookup_str: str  # dotted path of the view, e.g. "stakeholders.views.stakeholder_detail"
    callback: object

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0] if self.name else ""

    @property
    def view_name(self) -> str:
        """The view's own name: "stakeholder_detail" for "stakeholders.views.stakeholder_detail"."""
        return self.lookup_str.rpartition(".")[2]

    @property
    def app_label(self) -> str:
        return self.lookup_str.partition(".")[0]

    @property
    def key(self) -> str:
        """How the security suite's table names the route: its URL name, else its view."""
        return self.name or self.lookup_str

    def url(self, values: dict, language: str = "fr") -> str:
        kwargs = {k: values[k] for k in self.kwargs}
        if self.name:
            with translation.override(language):
                return reverse(self.name, kwargs=kwargs)
        return self.template.format(lang=language, **{k: str(v) for k, v in kwargs.items()})


_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _template_part(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "{lang}/"
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern._route))
    if isinstance(pattern, RegexPattern):
        text = _GROUP.sub(r"{\1}", pattern._regex).lstrip("^").rstrip("$")
        return text.replace("\\", "")
    return str(pattern)


def _kwarg_names(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return list(pattern.regex.groupindex)
    return []


def walk(resolver: URLResolver | None = None, *, prefix: str = "/", namespace: str = "", kwargs=()) -> list[Route]:
    """Every route of the URL configuration, includes and the language prefix resolved."""
    resolver = resolver or get_resolver()
    routes: list[Route] = []
    for entry in resolver.url_patterns:
        template = prefix + _template_part(entry.pattern)
        names = (*kwargs, *_kwarg_names(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            routes += walk(entry, prefix=template, namespace=inner, kwargs=names)
        elif isinstance(entry, URLPattern):
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            routes.append(
                Route(name=name, template=template, kwargs=names, lookup_str=entry.lookup_str, callback=entry.callback)
            )
    return routes


def route_named(name: str) -> Route | None:
    return next((r for r in walk() if r.name == name), None)
