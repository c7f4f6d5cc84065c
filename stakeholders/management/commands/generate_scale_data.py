"""Synthetic registries for benchmarks: `generate_scale_data --cities N --stakeholders M`.

Cities "scale-1" .. "scale-N", each with M stakeholders (French and Arabic names, domains, one
primary contact each), and a coordinator "scale-coordinator" member of every one. Rows go in
with bulk_create (save() is skipped, so the search text is computed here). Idempotent: running
it again tops each city up to M stakeholders; --reset first deletes the cities' stakeholders.
"""

import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cities.models import City, Role
from cities.services import membership_set
from stakeholders.models import Category, Contact, Domain, Language, Level, Stakeholder

USERNAME = "scale-coordinator"
PASSWORD = "scale-demo-2023"
BATCH = 1000

KINDS = [
    ("Association", "جمعية", "A"),
    ("Centre", "مركز", "C"),
    ("Direction", "إدارة", "D"),
    ("Collectif", "تجمع", "CO"),
    ("Institut", "معهد", "I"),
    ("Fondation", "مؤسسة", "F"),
    ("Observatoire", "مرصد", "O"),
    ("Réseau", "شبكة", "R"),
    ("Coopérative", "تعاضدية", "CP"),
    ("Bureau", "مكتب", "B"),
]
TOPICS = [
    ("de la santé", "الصحة", "S"),
    ("pour l'éducation", "للتعليم", "E"),
    ("de l'emploi", "التشغيل", "EM"),
    ("du logement", "السكن", "L"),
    ("de la solidarité", "التضامن", "SO"),
    ("des droits des migrants", "حقوق المهاجرين", "DM"),
    ("de la jeunesse", "الشباب", "J"),
    ("de la culture", "الثقافة", "CU"),
]
DISTRICTS = [
    ("Bab Souika", "باب سويقة"),
    ("la Médina", "المدينة العتيقة"),
    ("El Menzah", "المنزه"),
    ("La Marsa", "المرسى"),
    ("Bab Bhar", "باب بحر"),
    ("El Omrane", "العمران"),
    ("Sidi Hassine", "سيدي حسين"),
    ("Le Bardo", "باردو"),
    ("El Ouardia", "الوردية"),
    ("Ezzouhour", "الزهور"),
]
FIRST_NAMES = [
    "Amine",
    "Leïla",
    "Youssef",
    "Salma",
    "Karim",
    "Ines",
    "Mehdi",
    "Rim",
    "Walid",
    "Nour",
    "Aïcha",
    "Moussa",
]
LAST_NAMES = ["Ben Ali", "Trabelsi", "Gharbi", "Jaziri", "Haddad", "Sassi", "Diallo", "Kouamé", "Mansouri", "Chebbi"]


class Command(BaseCommand):
    help = "Make synthetic cities (slug scale-<i>) with M stakeholders each, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--cities", type=int, default=1, help="number of synthetic cities (default 1)")
        parser.add_argument("--stakeholders", type=int, default=5000, help="stakeholders per city (default 5000)")
        parser.add_argument("--reset", action="store_true", help="delete the cities' stakeholders first")
        parser.add_argument("--seed", type=int, default=2023, help="random seed (same seed, same data)")

    def handle(self, *args, cities, stakeholders, reset, seed, **options):
        if cities < 1 or stakeholders < 0:
            raise CommandError("--cities must be at least 1 and --stakeholders at least 0.")
        domains = list(Domain.objects.order_by("position", "code"))
        if not domains:
            raise CommandError("No domains of expertise: run `manage.py migrate` first.")
        started = time.perf_counter()
        user = self._coordinator()
        for index in range(1, cities + 1):
            city_started = time.perf_counter()
            city, made, links, total = self._city(index, stakeholders, domains, user, reset, seed)
            self.stdout.write(
                f"{city.slug}: {total} stakeholders ({made} new, with {links} domain links and "
                f"{made} primary contacts) in {time.perf_counter() - city_started:.1f} s"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.perf_counter() - started:.1f} s. Log in as {USERNAME} (password {PASSWORD}), "
                f"coordinator of scale-1 .. scale-{cities}."
            )
        )

    def _coordinator(self):
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"first_name": "Scale", "last_name": "Coordinator"}
        )
        if created or not user.check_password(PASSWORD):
            user.set_password(PASSWORD)
            user.save()
        return user

    @transaction.atomic
    def _city(self, index, wanted, domains, user, reset, seed):
        city, _ = City.objects.update_or_create(
            slug=f"scale-{index}",
            defaults={
                "name_fr": f"Ville synthétique {index}",
                "name_ar": f"مدينة اصطناعية {index}",
                "country_fr": "Tunisie",
                "country_ar": "تونس",
                "country_code": "TN",
                "time_zone": "Africa/Tunis",
            },
        )
        membership_set(user=user, city=city, role=Role.COORDINATOR)
        if reset:
            Stakeholder.objects.filter(city=city).delete()
        existing = set(Stakeholder.objects.filter(city=city).values_list("name_fr", flat=True))
        rng = random.Random(seed * 1000 + index)
        categories, levels = Category.values, Level.values
        new = []
        for n in range(1, wanted + 1):
            kind_fr, kind_ar, kind_code = rng.choice(KINDS)
            topic_fr, topic_ar, topic_code = rng.choice(TOPICS)
            district_fr, district_ar = rng.choice(DISTRICTS)
            category, level = rng.choice(categories), rng.choice(levels)
            influence, interest = rng.randint(1, 5), rng.randint(1, 5)
            is_active = rng.random() > 0.05
            # Every draw comes before this test, so a second run walks the same sequence.
            name_fr = f"{kind_fr} {topic_fr} – {district_fr} {n:05d}"
            if name_fr in existing:
                continue
            stakeholder = Stakeholder(
                city=city,
                name_fr=name_fr,
                name_ar=f"{kind_ar} {topic_ar} – {district_ar} {n:05d}",
                acronym_fr=f"{kind_code}{topic_code}-{n:05d}",
                acronym_ar="",
                category=category,
                level=level,
                influence=influence,
                interest=interest,
                is_active=is_active,
                joined_on=None,
            )
            # bulk_create skips save(), which keeps the search and sort columns: fill them here.
            stakeholder.refresh_search_fields()
            new.append(stakeholder)
        Stakeholder.objects.bulk_create(new, batch_size=BATCH)
        if new and new[0].pk is None:  # backends that do not return ids
            by_name = dict(Stakeholder.objects.filter(city=city).values_list("name_fr", "pk"))
            for stakeholder in new:
                stakeholder.pk = by_name[stakeholder.name_fr]

        Through = Stakeholder.domains.through
        links, contacts = [], []
        for n, stakeholder in enumerate(new):
            for domain in rng.sample(domains, rng.randint(1, 3)):
                links.append(Through(stakeholder_id=stakeholder.pk, domain_id=domain.pk))
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            contacts.append(
                Contact(
                    stakeholder_id=stakeholder.pk,
                    name=f"{first} {last}",
                    function="Point focal",
                    email=f"contact-{index}-{stakeholder.pk}@example.org",
                    phone=f"+216 71 {n // 1000 % 1000:03d} {n % 1000:03d}",
                    language=Language.ARABIC if n % 2 else Language.FRENCH,
                    is_primary=True,
                )
            )
        Through.objects.bulk_create(links, batch_size=BATCH)
        Contact.objects.bulk_create(contacts, batch_size=BATCH)
        return city, len(new), len(links), Stakeholder.objects.filter(city=city).count()
