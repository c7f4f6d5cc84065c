"""The pages of one kind of ratified document, for the app that owns it to include.

    # terms/urls.py
    path("", urls_for(TOR_RATIFICATION, version_path="v/<int:number>/")),
    # terms/public_urls.py
    path("", public_urls_for(TOR_RATIFICATION)),

Each include gets the kind's name as its namespace (the kind says the full one: url_namespace and
public_url_namespace), and every view gets `kind_name` as an extra keyword argument.
"""

from django.urls import path

from . import views
from .kinds import RatificationKind


def urls_for(kind: RatificationKind, *, version_path: str = "<int:number>/"):
    """Staff pages: a version's status page and its send button (under `version_path`, which names the
    version's number), one request's page, and one URL per follow-up action (views.ACTIONS)."""
    extra = {"kind_name": kind.name}
    patterns = [
        path(f"{version_path}ratification/", views.status, extra, name="status"),
        path(f"{version_path}ratification/send/", views.send, extra, name="send"),
        path("ratification/<int:pk>/", views.request_detail, extra, name="request"),
        *(
            path(f"ratification/<int:pk>/{action}/", views.request_act, extra | {"action": action}, name=action)
            for action in views.ACTIONS
        ),
    ]
    return patterns, "ratification", kind.name


def public_urls_for(kind: RatificationKind):
    """The contact's pages, reached through the emailed link: the decision page and the version's PDF."""
    extra = {"kind_name": kind.name}
    patterns = [
        path("ratify/", views.decide, extra, name="decide"),
        path("ratify/pdf/<str:language>/", views.document_pdf, extra, name="pdf"),
    ]
    return patterns, "ratification_public", kind.name
