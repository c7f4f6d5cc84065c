from django.http import HttpResponse

from cities.permissions import get_city_for


# Placeholders replaced by the registry work.
def stakeholder_list(request, city_slug):
    get_city_for(request, city_slug)
    return HttpResponse("")


stakeholder_map = stakeholder_list


def stakeholder_detail(request, city_slug, pk):
    get_city_for(request, city_slug)
    return HttpResponse("")
