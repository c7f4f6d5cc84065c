"""What differs between two kinds of ratified document: everything else (services, pages, URLs, emails'
queueing, link purpose, tests) belongs to the ratification app.

An app that asks stakeholders to ratify a frozen document version declares one RatificationKind in its
`kind.py`, imported in its AppConfig.ready(); `register()` files it under its name (background tasks and
URLs find it by that name) and registers its link purpose with the links app. The app then includes
`ratification.urls.urls_for(kind)` in its staff URLs and `public_urls_for(kind)` in its public ones, under
the namespaces the kind names, and writes the templates the kind names. What happens after a decision
(e.g. adopting the version on quorum) is the app's own receiver of `ratification.signals.decision_recorded`.

The version model has `number`, `status`, `sha256` and `ratification_sent_at`; the request model is a
ratification.models.RatificationRequestBase with `version` and `stakeholder` foreign keys.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from common.pdf import DocumentLanguage
from links.registry import register_purpose

_KINDS: dict[str, "RatificationKind"] = {}


@dataclass(frozen=True)
class ReadinessGap:
    """Active stakeholders a readiness rule finds missing something; the label says what, e.g.
    "Active stakeholders without a coordination role:". Sending waits until every gap is empty."""

    label: str
    stakeholders: list


def _no_gaps(version) -> list[ReadinessGap]:
    return []


def _no_context(ratification_request) -> dict:
    return {}


PDF_LANGUAGES = tuple(DocumentLanguage.choices)


@dataclass(frozen=True)
class RatificationKind:
    # Registry key, URL namespace of the kind's pages, file name of its PDF ("tor-v2-fr.pdf").
    name: str
    request_model: type
    version_model: type
    # The emailed link's purpose.
    purpose: str
    # From a request to its city, e.g. "version__tor__city" (the version's own path drops "version__").
    city_path: str
    # The version statuses in which it may be sent, and in which a contact may still decide.
    sendable_statuses: tuple[str, ...]
    open_statuses: tuple[str, ...]
    # Why a version in another status cannot be sent ("Only a final version can be sent...").
    not_sendable_message: str
    # Email templates (outbox): the request, the reminder, the notice that a newer version took its place.
    email_request: str
    email_reminder: str
    email_superseded: str
    # Full namespaces under which the app included urls_for(kind) and public_urls_for(kind).
    url_namespace: str
    public_url_namespace: str
    # Page templates, each extending the ratification app's: status.html, request_detail.html, public/decide.html.
    status_template: str
    request_template: str
    decide_template: str
    # The version's PDF for the contact: fn(version=..., language=...) -> bytes, in these languages.
    document_pdf: Callable
    pdf_languages: tuple = PDF_LANGUAGES
    # Rules beyond "a primary contact with an email" that every active stakeholder must meet before a send.
    readiness: Callable[..., list[ReadinessGap]] = _no_gaps
    # What the staff's request page and the contact's page show besides the shared fields (fn(request) -> dict).
    request_page_context: Callable[..., dict] = _no_context
    decide_page_context: Callable[..., dict] = _no_context
    link_days: int = 30

    @property
    def version_city_path(self) -> str:
        return self.city_path.removeprefix("version__")

    def city_of(self, obj):
        """The city of a request or of a version (follows city_path)."""
        path = self.version_city_path if isinstance(obj, self.version_model) else self.city_path
        for part in path.split("__"):
            obj = getattr(obj, part)
        return obj

    def url(self, name: str, **kwargs) -> str:
        """A staff page of this kind: "status", "send", "request" or an action of ratification.views.ACTIONS."""
        return reverse(f"{self.url_namespace}:{name}", kwargs=kwargs)

    def public_url(self, name: str, **kwargs) -> str:
        """A page of the contact: "decide" or "pdf"."""
        return reverse(f"{self.public_url_namespace}:{name}", kwargs=kwargs)

    def batch(self, version) -> str:
        """The outbox batch of a mass send, for its progress bar."""
        return f"{self.purpose}:version:{version.pk}"


def register(kind: RatificationKind) -> RatificationKind:
    """File the kind under its name and send its emailed links to the contact's decision page."""
    _KINDS[kind.name] = kind
    register_purpose(kind.purpose, f"{kind.public_url_namespace}:decide")
    return kind


def get_kind(name: str) -> RatificationKind:
    return _KINDS[name]


def all_kinds() -> list[RatificationKind]:
    return list(_KINDS.values())
