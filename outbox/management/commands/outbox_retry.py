from django.core.management.base import BaseCommand

from outbox.services import email_requeue_stale, email_retry_failed


class Command(BaseCommand):
    help = "Queue again failed emails and emails left behind by a worker that died (run it from cron)."

    def handle(self, *args, **options):
        stale = email_requeue_stale()
        failed = email_retry_failed()
        self.stdout.write(f"requeued: {failed} failed, {stale} stale")
