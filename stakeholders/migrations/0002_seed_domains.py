"""Seed the standard domains of expertise (code, French and Arabic names). Idempotent."""

from django.db import migrations

DOMAINS = [
    ("health", "Santé", "الصحة"),
    ("education", "Éducation", "التعليم"),
    ("employment", "Emploi et insertion professionnelle", "التشغيل والإدماج المهني"),
    ("housing", "Logement", "السكن"),
    ("social-protection", "Protection sociale", "الحماية الاجتماعية"),
    ("legal-aid", "Aide juridique et droits", "المساعدة القانونية والحقوق"),
    ("civil-registration", "État civil", "الحالة المدنية"),
    ("data-statistics", "Données et statistiques", "البيانات والإحصاء"),
    ("culture-cohesion", "Culture et cohésion sociale", "الثقافة والتماسك الاجتماعي"),
    ("urban-planning", "Urbanisme et aménagement urbain", "التخطيط والتهيئة العمرانية"),
    ("governance", "Gouvernance et coordination", "الحوكمة والتنسيق"),
    ("vulnerable-migrants", "Protection des migrants en situation de vulnérabilité", "حماية المهاجرين في وضعية هشاشة"),
]


def seed(apps, schema_editor):
    Domain = apps.get_model("stakeholders", "Domain")
    for position, (code, name_fr, name_ar) in enumerate(DOMAINS, start=1):
        # The historical model has no modeltranslation magic: fill the base column and both languages.
        Domain.objects.update_or_create(
            code=code,
            defaults={"name": name_fr, "name_fr": name_fr, "name_ar": name_ar, "position": position * 10},
        )


def unseed(apps, schema_editor):
    Domain = apps.get_model("stakeholders", "Domain")
    Domain.objects.filter(code__in=[code for code, _fr, _ar in DOMAINS], stakeholders__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
