from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import EmailLink, LinkEvent


def link_events_for_target(target: models.Model):
    """The audit trail of one request object, oldest first."""
    return (
        LinkEvent.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
        .select_related("user")
        .order_by("at", "pk")
    )


def link_current_for_target(target: models.Model, purpose: str) -> EmailLink | None:
    """The newest unrevoked link of this purpose for the target."""
    return (
        EmailLink.objects.filter(
            target_type=ContentType.objects.get_for_model(target),
            target_id=target.pk,
            purpose=purpose,
            revoked_at__isnull=True,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
