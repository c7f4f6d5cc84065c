from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("l/", include("links.urls")),
    # Pages for stakeholders who act through emailed links (no account).
    path("p/terms/", include("terms.public_urls")),
    path("p/consultations/", include("consultations.public_urls")),
    path("p/planning/", include("planning.public_urls")),
    path("p/space/", include("portal.public_urls")),
    # Public: anyone checks a document this site issued (no login).
    path("verify/", include("verify.urls")),
    path("c/<slug:city_slug>/stakeholders/", include("stakeholders.urls")),
    path("c/<slug:city_slug>/consultations/", include("consultations.urls")),
    path("c/<slug:city_slug>/terms/", include("terms.urls")),
    path("c/<slug:city_slug>/planning/", include("planning.urls")),
    path("c/<slug:city_slug>/inventory/", include("inventory.urls")),
    path("c/<slug:city_slug>/portal/", include("portal.urls")),
    path("programmes/", include("programmes.urls")),
    path("c/<slug:city_slug>/imports/", include("imports.urls")),
    path("c/<slug:city_slug>/reminders/", include("reminders.urls")),
    path("c/<slug:city_slug>/outbox/", include("outbox.urls")),
    path("notifications/", include("notifications.urls")),
    path("c/<slug:city_slug>/search/", include("search.urls")),
    path("c/<slug:city_slug>/activity/", include("activity.urls")),
    # Development only: every view answers 404 unless DEBUG.
    path("dev/mailbox/", include("outbox.mailbox_urls")),
    path("", include("cities.urls")),
    prefix_default_language=True,
)

handler404 = "django.views.defaults.page_not_found"
