"""Parts of an email made only when it is sent, for a purpose that registers a provider (from a
higher app's AppConfig.ready()): text that replaces placeholders in the stored bodies, attachments
and inline images. Like the personal link, a secret made here is never stored in clear: each send
or retry makes a new one."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class SendParts:
    replacements: dict[str, str] = field(default_factory=dict)
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    # (content id, filename, PNG bytes): shown in the HTML body as <img src="cid:content-id">.
    inline_images: list[tuple[str, str, bytes]] = field(default_factory=list)


_PROVIDERS: dict[str, Callable] = {}


def register_send_parts(purpose: str, provider: Callable) -> None:
    """provider(*, email, source) -> SendParts, called at each send of an email of that purpose."""
    _PROVIDERS[purpose] = provider


def send_parts_for(email) -> SendParts | None:
    provider = _PROVIDERS.get(email.purpose)
    if provider is None:
        return None
    source = email.source
    return provider(email=email, source=source) if source is not None else None
