"""Background work of the reminders app (django-tasks API): the periodic run, for a worker's scheduler."""

from django_tasks import task

from .services import reminders_send_due


@task()
def send_reminders_task() -> int:
    """Send the reminders due now (idempotent: a second run sends nothing twice); returns how many."""
    return reminders_send_due().sent
