"""Seed the coordination role catalogue (editable afterwards in the admin)."""

from django.db import migrations

ROLES = [
    # code, French, Arabic, leads a domain
    ("lead-coordinator", "Coordinateur principal", "المنسّق الرئيسي", True, "Anime le groupe et en porte la coordination d'ensemble.", "يقود المجموعة ويتولى التنسيق العام."),
    ("secretariat", "Secrétariat", "الأمانة", False, "Prépare les réunions, les convocations et les comptes rendus.", "تُعدّ الاجتماعات والدعوات والمحاضر."),
    ("thematic-focal-point", "Point focal thématique", "نقطة الاتصال المحورية", True, "Porte un domaine d'expertise au sein du groupe.", "يتولى مجال خبرة داخل المجموعة."),
    ("me-focal-point", "Point focal suivi et évaluation", "نقطة الاتصال للمتابعة والتقييم", False, "Suit la matrice de suivi et d'évaluation du plan d'action.", "يتابع مصفوفة متابعة وتقييم خطة العمل."),
    ("communication-focal-point", "Point focal communication", "نقطة الاتصال للتواصل", False, "Assure la communication du groupe.", "يتولى التواصل باسم المجموعة."),
    ("member", "Membre", "عضو", False, "Participe aux consultations et aux décisions du groupe.", "يشارك في المشاورات وفي قرارات المجموعة."),
]


def seed(apps, schema_editor):
    CoordinationRole = apps.get_model("terms", "CoordinationRole")
    for position, (code, name_fr, name_ar, leads, description_fr, description_ar) in enumerate(ROLES, start=1):
        CoordinationRole.objects.update_or_create(
            code=code,
            defaults={
                "name": name_fr,
                "name_fr": name_fr,
                "name_ar": name_ar,
                "description": description_fr,
                "description_fr": description_fr,
                "description_ar": description_ar,
                "position": position * 10,
                "leads_domain": leads,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("terms", "CoordinationRole").objects.filter(code__in=[r[0] for r in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("terms", "0002_frozen_guard")]

    operations = [migrations.RunPython(seed, unseed)]
