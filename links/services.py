"""Issue, revoke and audit emailed links (see DESIGN.md, "Emailed links")."""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation

from common.hashing import sha256_hex

from .models import EmailLink, EventKind, LinkEvent


def token_hash(token: str) -> str:
    return sha256_hex(token)


@dataclass(frozen=True)
class IssuedLink:
    link: EmailLink
    token: str
    url: str


def link_url(*, token: str, language: str) -> str:
    """Absolute URL from settings.SITE_URL: the request's Host header is never trusted for links."""
    with translation.override(language):
        path = reverse("links:open", kwargs={"token": token})
    return settings.SITE_URL + path


@transaction.atomic
def link_issue(
    *,
    target: models.Model,
    purpose: str,
    expires_at: datetime,
    language: str,
    city=None,
    actor: str = "system",
    user=None,
) -> IssuedLink:
    """Create a new link for the target and purpose.

    An earlier link that an email already carried (sent) and that expires at the same moment is the
    same offer sent again -- a reminder: it stays valid, so a contact who clicks the first email is not
    met with "invalid link". Any other earlier unrevoked link is replaced (revoked): one with another
    deadline, or one whose email never went out (a failed send being retried). Callers that must kill
    every earlier link (resend, a new contact, a decision, a revocation) call link_revoke_for_target first.
    """
    delivered = LinkEvent.objects.filter(link=models.OuterRef("pk"), kind__in=[EventKind.SENT, EventKind.RESENT])
    replaced = (
        EmailLink.objects.filter(
            target_type=ContentType.objects.get_for_model(target),
            target_id=target.pk,
            purpose=purpose,
            revoked_at__isnull=True,
        )
        .annotate(delivered=models.Exists(delivered))
        .exclude(expires_at=expires_at, delivered=True)
    )
    for link in replaced:
        link_revoke(link=link, reason="reissued", actor=actor, user=user)
    token = secrets.token_urlsafe(32)
    link = EmailLink(
        purpose=purpose,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        city=city,
        token_hash=token_hash(token),
        language=language,
        expires_at=expires_at,
    )
    link.full_clean()
    link.save()
    return IssuedLink(link=link, token=token, url=link_url(token=token, language=language))


def link_resolve(token: str) -> EmailLink | None:
    """The link a token belongs to, whatever its state (the caller checks is_usable), or None."""
    if not token or len(token) > 100:
        return None
    return EmailLink.objects.filter(token_hash=token_hash(token)).first()


@transaction.atomic
def link_revoke(*, link: EmailLink, reason: str, actor: str = "system", user=None) -> bool:
    """Revoke one link; returns False if it was already revoked."""
    updated = EmailLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:200]
    )
    if updated:
        link.refresh_from_db(fields=["revoked_at", "revoked_reason"])
        link_event_record(kind=EventKind.REVOKED, link=link, actor=actor, user=user, detail={"reason": reason})
    return bool(updated)


@transaction.atomic
def link_revoke_for_target(*, target: models.Model, purpose: str, reason: str, actor: str = "system", user=None) -> int:
    """Revoke every unrevoked link of this purpose for the target."""
    links = EmailLink.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        purpose=purpose,
        revoked_at__isnull=True,
    )
    count = 0
    for link in links:
        count += link_revoke(link=link, reason=reason, actor=actor, user=user)
    return count


def client_ip(request) -> str | None:
    """REMOTE_ADDR, unless settings.TRUSTED_PROXY_COUNT proxies in front of us set X-Forwarded-For."""
    if request is None:
        return None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies] or None
    return request.META.get("REMOTE_ADDR") or None


def link_event_record(
    *,
    kind: str,
    link: EmailLink | None = None,
    target: models.Model | None = None,
    request=None,
    actor: str = "",
    user=None,
    detail: dict | None = None,
) -> LinkEvent:
    """Append one event to the audit trail (time in UTC, IP, user agent)."""
    if target is None and link is not None:
        target_type_id, target_id = link.target_type_id, link.target_id
    elif target is not None:
        target_type_id, target_id = ContentType.objects.get_for_model(target).pk, target.pk
    else:
        target_type_id = target_id = None
    if user is None and request is not None and getattr(request, "user", None) and request.user.is_authenticated:
        user = request.user
    if not actor:
        actor = f"user:{user.pk}" if user is not None else "link-holder"
    ip = client_ip(request)
    return LinkEvent.objects.create(
        link=link,
        target_type_id=target_type_id,
        target_id=target_id,
        kind=kind,
        actor=actor[:80],
        user=user,
        ip=ip,
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:400],
        detail=detail or {},
    )
