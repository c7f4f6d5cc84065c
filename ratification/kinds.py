"""What the shared ratification machinery needs to know about one kind of ratified document.

Each app that asks stakeholders to ratify a frozen document declares one RatificationKind and registers
it in its AppConfig.ready(), so background tasks can find it by name.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

_KINDS: dict[str, "RatificationKind"] = {}


@dataclass(frozen=True)
class RatificationKind:
    name: str
    # The concrete request model (a RatificationRequestBase with `version` and `stakeholder`).
    request_model: type
    # The document version model: it has `sha256` and `status`.
    version_model: type
    # The emailed link's purpose (links.registry maps it to the public page).
    purpose: str
    # Lookup from a request to its city, e.g. "version__tor__city".
    city_path: str
    # The version statuses in which a contact may still decide.
    open_statuses: tuple[str, ...]
    # Email templates (outbox): request, reminder, and the notice that a newer version superseded it.
    email_request: str
    email_reminder: str
    email_superseded: str
    # URL name of a request's staff page (kwargs city_slug, pk); its actions are named after it with the
    # suffixes _resend, _remind, _revoke, _contact and _paper.
    request_url_name: str
    # Called (inside the decision's transaction) after a decision: e.g. adopt the version on quorum.
    after_decision: Callable | None = field(default=None)
    link_days: int = 30
    # Prefix of the outbox batch of a mass send.
    batch_prefix: str = ""

    def city_of(self, obj):
        """The city of a request or of a version (follows city_path)."""
        parts = self.city_path.split("__")
        if isinstance(obj, self.version_model):
            parts = parts[1:]
        for part in parts:
            obj = getattr(obj, part)
        return obj

    def request_url(self, rr, *, action: str = "") -> str:
        name = f"{self.request_url_name}_{action}" if action else self.request_url_name
        return reverse(name, kwargs={"city_slug": self.city_of(rr).slug, "pk": rr.pk})

    def batch(self, version) -> str:
        """The outbox batch of a mass send, for its progress bar."""
        return f"{self.batch_prefix or self.name}:{version.pk}"


def register(kind: RatificationKind) -> RatificationKind:
    _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> RatificationKind:
    return _KINDS[name]


def all_kinds() -> list[RatificationKind]:
    return list(_KINDS.values())
