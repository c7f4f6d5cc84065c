import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from cities.models import Role
from cities.permissions import get_city_for


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_it_gives_the_member_role(alice, bob, city):
    assert get_city_for(_request(alice), "tunis", Role.COORDINATOR).can_coordinate
    access = get_city_for(_request(bob), "tunis")
    assert access.role == Role.VIEWER
    assert not access.can_edit
    assert not access.can_see_personal_data
    assert not access.can_see_connection_data


def test_it_refuses_a_weaker_role_with_403(bob):
    with pytest.raises(PermissionDenied):
        get_city_for(_request(bob), "tunis", Role.EDITOR)


def test_it_hides_the_city_from_outsiders_with_404(charlie, city):
    with pytest.raises(Http404):
        get_city_for(_request(charlie), "tunis")


def test_it_hides_unknown_cities(alice):
    with pytest.raises(Http404):
        get_city_for(_request(alice), "nowhere")


def test_it_lets_superusers_do_everything(superuser, city):
    access = get_city_for(_request(superuser), "tunis", Role.COORDINATOR)
    assert access.city == city
    assert access.can_coordinate


def test_it_refuses_anonymous(city):
    with pytest.raises(Http404):
        get_city_for(_request(AnonymousUser()), "tunis")


def test_it_fetches_city_and_role_in_one_query(alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        get_city_for(_request(alice), "tunis")
