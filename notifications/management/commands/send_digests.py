from django.core.management.base import BaseCommand

from notifications.services import digests_send


class Command(BaseCommand):
    help = "Email each user who asked for it the daily digest of unread notifications (run daily; at most one a day)."

    def handle(self, *args, **options):
        count = digests_send()
        self.stdout.write(f"{count} digest(s) queued.")
