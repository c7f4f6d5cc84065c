"""Mark pending ratification requests past their deadline as expired (run it daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from ratification.kinds import all_kinds
from ratification.services import ratification_expire_due


class Command(BaseCommand):
    help = "Mark pending ratification requests (terms of reference, roadmap) whose link deadline has passed as expired."

    def handle(self, *args, **options):
        count = sum(ratification_expire_due(kind) for kind in all_kinds())
        self.stdout.write(f"{count} ratification request(s) expired.")
