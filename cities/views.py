from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .cycle import cycle_marks_for_cities
from .selectors import city_list_for_user


@login_required
@require_safe
def home(request):
    """A staff member's cities, each with its line on the four-consultation cycle."""
    page = Paginator(city_list_for_user(user=request.user), 25).get_page(request.GET.get("page"))
    marks = cycle_marks_for_cities(city_ids=[c.pk for c in page.object_list])
    rows = [{"city": c, "steps": marks[c.pk]} for c in page.object_list]
    return render(request, "cities/home.html", {"page": page, "rows": rows})
