"""Load the Tunis demo: the stakeholder group of the first consultation (7 November 2023).

Idempotent: running it again updates the same rows. Each app contributes its part through a
`demo.py` module with `load(city, users, other_city)`, registered in its AppConfig.ready()
(cities.demo) and called in app order.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from cities.demo import demo_loaders
from cities.models import City, Role
from cities.services import membership_set

DEMO_PASSWORD = "tunis-demo-2023"


class Command(BaseCommand):
    help = "Load the City of Tunis demo group (idempotent), with a second city and a staff login per role."

    @transaction.atomic
    def handle(self, *args, **options):
        tunis, _ = City.objects.update_or_create(
            slug="tunis",
            defaults={
                "name_fr": "Ville de Tunis",
                "name_ar": "بلدية تونس",
                "country_fr": "Tunisie",
                "country_ar": "تونس",
                "country_code": "TN",
                "time_zone": "Africa/Tunis",
                "programme_fr": "Migration ville-à-ville en Méditerranée (MC2CM) – Renforcer les capacités urbaines à travers les partenariats",
                "programme_ar": "الهجرة من مدينة إلى مدينة في المتوسط – تعزيز القدرات الحضرية من خلال الشراكات",
                "reply_to_email": "coordination-tunis@demo.invalid",
            },
        )
        sousse, _ = City.objects.update_or_create(
            slug="sousse",
            defaults={
                "name_fr": "Ville de Sousse",
                "name_ar": "بلدية سوسة",
                "country_fr": "Tunisie",
                "country_ar": "تونس",
                "country_code": "TN",
                "time_zone": "Africa/Tunis",
                "programme_fr": "Migration ville-à-ville en Méditerranée (MC2CM)",
                "programme_ar": "الهجرة من مدينة إلى مدينة في المتوسط",
            },
        )
        users = {
            "coordinator": self._user("coordinator-tunis", "Coordinatrice", "Tunis"),
            "editor": self._user("editor-tunis", "Éditeur", "Tunis"),
            "viewer": self._user("viewer-tunis", "Lecteur", "Tunis"),
            "sousse": self._user("coordinator-sousse", "Coordinateur", "Sousse"),
        }
        membership_set(user=users["coordinator"], city=tunis, role=Role.COORDINATOR)
        membership_set(user=users["editor"], city=tunis, role=Role.EDITOR)
        membership_set(user=users["viewer"], city=tunis, role=Role.VIEWER)
        membership_set(user=users["sousse"], city=sousse, role=Role.COORDINATOR)
        admin = self._user("admin", "Admin", "", is_superuser=True)
        users["admin"] = admin

        for app, load in demo_loaders():
            load(tunis, users, other_city=sousse)
            self.stdout.write(f"  {app}: loaded")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded. Logins (password {DEMO_PASSWORD}): coordinator-tunis, editor-tunis, "
                "viewer-tunis, coordinator-sousse, admin (superuser)."
            )
        )

    def _user(self, username, first_name, last_name, is_superuser=False):
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@demo.invalid"},
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.is_staff = is_superuser
        user.is_superuser = is_superuser
        user.save()
        return user
