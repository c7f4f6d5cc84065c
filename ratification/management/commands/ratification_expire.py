"""Mark pending ratification requests past their deadline as expired (run it daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from terms.services import ratification_expire_due


class Command(BaseCommand):
    help = "Mark pending ratification requests whose link deadline has passed as expired."

    def handle(self, *args, **options):
        count = ratification_expire_due()
        self.stdout.write(f"{count} ratification request(s) expired.")
