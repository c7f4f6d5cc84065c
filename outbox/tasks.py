"""Background work for the outbox. Tasks only load ids and call a service (django-tasks API)."""

from django.utils import timezone
from django_tasks import task

from .sending import email_send, retry_delay


@task()
def email_send_task(email_id: int) -> str:
    """Send one email; after a failure, schedule the next attempt where the backend can run tasks later."""
    result = email_send(email_id=email_id)
    if result == "failed":
        delay = retry_delay(email_id=email_id)
        if delay is not None and email_send_task.get_backend().supports_defer:
            email_send_task.using(run_after=timezone.now() + delay).enqueue(email_id)
    return result
