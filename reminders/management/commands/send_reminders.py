"""Send the reminders each city's policy calls for now (run it from cron, e.g. every hour; idempotent)."""

from django.core.management.base import BaseCommand

from reminders.services import reminders_send_due
from reminders.tasks import send_reminders_task


class Command(BaseCommand):
    help = "Send the scheduled reminders due now (invitations, ratification requests, feedback); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Hand the run to the background worker instead.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            send_reminders_task.enqueue()
            self.stdout.write("Reminder run queued for the worker.")
            return
        result = reminders_send_due()
        self.stdout.write(
            f"{result.sent} reminder(s) sent; {result.to_call_or_write} to call or write; "
            f"quiet hours in: {', '.join(result.quiet_cities) or '-'}."
        )
