"""The project's URLs plus one purpose page, to test the link guard on its own."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from links.views import link_required


@link_required("test-purpose")
def purpose_page(request):
    return HttpResponse(f"target={request.email_link.target_id}")


urlpatterns = project_urlpatterns + i18n_patterns(path("test-purpose/", purpose_page, name="test_purpose"))
