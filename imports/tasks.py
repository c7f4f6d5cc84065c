"""Background work of the import (django-tasks API): each task loads nothing itself and calls a service."""

from django_tasks import task

from . import services


@task()
def import_batch_read_task(batch_id: int) -> str:
    return services.import_batch_read(batch_id=batch_id)


@task()
def import_batch_commit_task(batch_id: int) -> str:
    return services.import_batch_commit_run(batch_id=batch_id)
