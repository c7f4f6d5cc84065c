from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .selectors import city_list_for_user


@login_required
def home(request):
    page = Paginator(city_list_for_user(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "cities/home.html", {"page": page})
