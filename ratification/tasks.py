"""Background work of the ratification app (django-tasks API): tasks load objects and call the app's code."""

from django_tasks import task

from .emails import ratification_emails_queue
from .kinds import get_kind


@task()
def ratification_emails_task(kind_name: str, version_id: int) -> int:
    """Queue the emails of a mass send (the page that sent it has already returned)."""
    kind = get_kind(kind_name)
    version = kind.version_model.objects.get(pk=version_id)
    return ratification_emails_queue(kind, version=version)
