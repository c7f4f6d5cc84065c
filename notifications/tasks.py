"""Background work of the notifications app (django-tasks API): tasks load objects and call a service."""

from django_tasks import task

from ratification.kinds import get_kind

from .receipts import adoption_notices_queue


@task()
def adoption_notices_task(kind_name: str, version_id: int) -> int:
    """Queue the adoption notices of a version (PDFs rendered here, not in the contact's request)."""
    kind = get_kind(kind_name)
    version = kind.version_model.objects.get(pk=version_id)
    return adoption_notices_queue(kind, version=version)
