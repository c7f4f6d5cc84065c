"""Background work for the outbox. Tasks only load ids and call a service (django-tasks API)."""

from django_tasks import task


@task()
def email_send_task(email_id: int) -> str:
    from .services import email_send

    return email_send(email_id=email_id)
