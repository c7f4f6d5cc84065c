"""The load test's URLs: the app's, with the admin's stakeholder changelist showing as many rows on a page
as the registry list, so the two pages the load test compares do the same work."""

from django.contrib import admin

from config.urls import *  # noqa: F403
from config.urls import urlpatterns  # noqa: F401
from stakeholders.models import Stakeholder
from stakeholders.selectors import PAGE_SIZE

admin.site.get_model_admin(Stakeholder).list_per_page = PAGE_SIZE
