"""Background work of the shared ratification machinery (django-tasks API)."""

from django_tasks import task


@task()
def ratification_emails_task(kind_name: str, version_id: int) -> int:
    """Queue the emails of a mass send (the page that sent it has already returned)."""
    from .kinds import get_kind
    from .services import emails_queue

    kind = get_kind(kind_name)
    version = kind.version_model.objects.get(pk=version_id)
    return emails_queue(kind, version=version)
