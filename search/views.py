from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cities.permissions import get_city_for

from . import selectors
from .forms import SearchForm


@login_required
@require_safe
def search(request, city_slug):
    """Search the city: every kind with its first results, or one kind (?kind=) paginated."""
    access = get_city_for(request, city_slug)
    form = SearchForm(request.GET if "q" in request.GET else None)
    context = {"city": access.city, "access": access, "form": form, "query": "", "prompt": not form.is_bound}
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        words = selectors.search_words(query)
        context["query"] = query
        kind = selectors.search_kind_get(access, form.cleaned_data["kind"]) if form.cleaned_data["kind"] else None
        if not words:
            context["prompt"] = True
        elif kind is not None:
            qs = selectors.kind_results(kind, city=access.city, words=words)
            page = Paginator(qs, selectors.PER_PAGE).get_page(request.GET.get("page"))
            context.update(kind=kind, page=page, hits=selectors.hits_for(kind, page.object_list, access.city.slug))
        else:
            groups = selectors.search_overview(access=access, words=words)
            context.update(groups=groups, total=sum(g.count for g in groups), preview_size=selectors.PREVIEW_SIZE)
    return render(request, "search/results.html", context)
