"""Demo data: the Tunis consultation of 7 November 2023 exactly as in its concept note and agenda
(../shared/seeds/concept-note-agenda.txt), held and closed, and the three later consultations as
planned. Idempotent: every row is found again by its natural key and updated.
"""

import datetime as dt

from stakeholders.models import Category, Stakeholder

from .models import (
    AgendaItem,
    AgendaItemKind,
    AgendaSubPoint,
    Answer,
    Consultation,
    ConsultationStatus,
    Invitation,
    Minutes,
)

VENUE = {"venue_fr": "Municipalité de Tunis", "venue_ar": "بلدية تونس"}
MODERATOR = {
    "moderator_name": "Souhaib Khayati",
    "moderator_function_fr": "Expert local",
    "moderator_function_ar": "خبير محلي",
}

CONSULTATIONS = [
    {
        "number": 1,
        "title_fr": "Institutionnalisation du groupe des parties prenantes de la ville – Première consultation",
        "title_ar": "مأسسة مجموعة الأطراف المعنية بالمدينة – الاستشارة الأولى",
        "objectives_fr": (
            "L'objectif spécifique de la première consultation est d'aligner la vision des différentes parties "
            "prenantes, et de formaliser l'engagement et le mécanisme de coordination entre les acteurs.\n\n"
            "Les termes de référence officiels pour l'institutionnalisation du groupe de parties prenantes de la "
            "ville seront présentés par la ville lors de la réunion et pourront être modifiés si nécessaire. Sur la "
            "base des termes de référence, différents rôles de coordination seront attribués à chaque partie "
            "prenante, en fonction de leur domaine d'expertise."
        ),
        "objectives_ar": (
            "يتمثل الهدف المحدد للاستشارة الأولى في توحيد رؤى مختلف الأطراف المعنية، وإضفاء الطابع الرسمي على "
            "الالتزام وعلى آلية التنسيق بين الفاعلين.\n\n"
            "ستقدم المدينة خلال الاجتماع الاختصاصات المرجعية الرسمية لمأسسة مجموعة الأطراف المعنية بالمدينة، ويمكن "
            "تعديلها عند الحاجة. وعلى أساس الاختصاصات المرجعية، ستُسند أدوار تنسيق مختلفة إلى كل طرف من الأطراف "
            "المعنية حسب مجال خبرته."
        ),
        "expected_outcome_fr": (
            "Les termes de référence constituent la fondation de la formalisation de l'engagement des parties "
            "prenantes. Après la réunion, une version mise à jour des termes de référence sera partagée avec toutes "
            "les parties prenantes, pour leur ratification et adoption officielle."
        ),
        "expected_outcome_ar": (
            "تشكل الاختصاصات المرجعية أساس إضفاء الطابع الرسمي على التزام الأطراف المعنية. وبعد الاجتماع، ستُرسل "
            "نسخة محيّنة من الاختصاصات المرجعية إلى جميع الأطراف المعنية للمصادقة عليها واعتمادها رسميًا."
        ),
        "date": dt.date(2023, 11, 7),
        "start_time": dt.time(10, 30),
        "end_time": dt.time(13, 0),
        "status": ConsultationStatus.CLOSED,
    },
    {
        "number": 2,
        "title_fr": "Deuxième consultation – Plan d'action et cartographie des besoins, des opportunités et des priorités",
        "title_ar": "الاستشارة الثانية – خطة العمل ورسم خريطة الاحتياجات والفرص والأولويات",
        "objectives_fr": (
            "La deuxième consultation, à caractère technique, servira à élaborer un plan d'action pour le "
            "développement d'une feuille de route de la planification stratégique de la ville, et à cartographier "
            "les besoins, les opportunités et les priorités au niveau local."
        ),
        "objectives_ar": (
            "ستكون للاستشارة الثانية صبغة تقنية، وستُخصص لإعداد خطة عمل لتطوير خارطة طريق التخطيط الاستراتيجي "
            "للمدينة، ولرسم خريطة الاحتياجات والفرص والأولويات على المستوى المحلي."
        ),
        "date": dt.date(2024, 2, 13),
        "start_time": dt.time(9, 30),
        "end_time": dt.time(13, 0),
        "status": ConsultationStatus.PLANNED,
    },
    {
        "number": 3,
        "title_fr": "Troisième consultation – Matrice de suivi et d'évaluation du plan d'action",
        "title_ar": "الاستشارة الثالثة – مصفوفة متابعة خطة العمل وتقييمها",
        "objectives_fr": (
            "La troisième consultation, qui aura une dimension technique, vise à développer la matrice pour le "
            "suivi et l'évaluation du plan d'action."
        ),
        "objectives_ar": "تهدف الاستشارة الثالثة، ذات البعد التقني، إلى إعداد مصفوفة متابعة خطة العمل وتقييمها.",
        "date": dt.date(2024, 5, 14),
        "start_time": dt.time(9, 30),
        "end_time": dt.time(13, 0),
        "status": ConsultationStatus.PLANNED,
    },
    {
        "number": 4,
        "title_fr": "Consultation finale – Approbation de la feuille de route de planification stratégique",
        "title_ar": "الاستشارة الختامية – المصادقة على خارطة طريق التخطيط الاستراتيجي",
        "objectives_fr": (
            "La consultation finale constituera une discussion formelle en vue de l'approbation d'une feuille de "
            "route de planification stratégique pour la ville."
        ),
        "objectives_ar": (
            "ستكون الاستشارة الختامية نقاشًا رسميًا بهدف المصادقة على خارطة طريق التخطيط الاستراتيجي للمدينة."
        ),
        "date": dt.date(2024, 9, 24),
        "start_time": dt.time(10, 0),
        "end_time": dt.time(12, 30),
        "status": ConsultationStatus.PLANNED,
    },
]

# The agenda of 7 November 2023, as printed in the concept note. The two topics of 11:00-12:00
# share one time slot, each with its own moderator.
AGENDA_1 = [
    {
        "start_time": dt.time(10, 30),
        "end_time": dt.time(10, 45),
        "kind": AgendaItemKind.WELCOME,
        "title_fr": "Discours de bienvenue",
        "title_ar": "كلمات الترحيب",
        "sub_points": [("Projet MC2CM RUCP", "مشروع MC2CM RUCP"), ("Ville de Tunis", "بلدية تونس")],
    },
    {
        "start_time": dt.time(10, 45),
        "end_time": dt.time(11, 0),
        "kind": AgendaItemKind.ROUND_TABLE,
        "title_fr": "Tour de table",
        "title_ar": "جولة تعارف",
    },
    {
        "start_time": dt.time(11, 0),
        "end_time": dt.time(12, 0),
        "kind": AgendaItemKind.PRESENTATION,
        "title_fr": "Présentation des termes de référence",
        "title_ar": "تقديم الاختصاصات المرجعية",
        **MODERATOR,
    },
    {
        "start_time": dt.time(11, 0),
        "end_time": dt.time(12, 0),
        "shares_slot": True,
        "kind": AgendaItemKind.DISCUSSION,
        "title_fr": "Attribution des rôles de coordination pour chaque partie prenante",
        "title_ar": "إسناد أدوار التنسيق لكل طرف من الأطراف المعنية",
        "sub_points": [("Ville de Tunis", "بلدية تونس")],
        **MODERATOR,
    },
    {
        "start_time": dt.time(12, 0),
        "end_time": dt.time(12, 30),
        "kind": AgendaItemKind.BREAK,
        "title_fr": "Pause café",
        "title_ar": "استراحة قهوة",
    },
    {
        "start_time": dt.time(12, 30),
        "end_time": dt.time(13, 0),
        "kind": AgendaItemKind.DISCUSSION,
        "title_fr": "Discussion et étapes futures",
        "title_ar": "نقاش والخطوات المقبلة",
        **MODERATOR,
    },
]

# From the account of the day (seeds/article-tunis-consultation.txt) and the concept note.
MINUTES_1 = {
    "summary_fr": (
        "La première consultation formelle s'est tenue le 7 novembre 2023 à la Municipalité de Tunis, en présence "
        "des principaux acteurs de la ville, des autorités nationales et de la délégation de l'Union européenne. "
        "Elle visait à aligner la vision des différentes parties prenantes et à formaliser l'engagement et le "
        "mécanisme de coordination entre les acteurs, à parvenir à un accord sur la méthode de travail entre les "
        "participants tunisiens et les représentants des organismes d'orientation et de financement "
        "internationaux et européens, et à mesurer la mise en œuvre des programmes de gouvernance des migrations "
        "dans la ville de Tunis pour en identifier les aspects positifs et négatifs."
    ),
    "summary_ar": (
        "انعقدت الاستشارة الرسمية الأولى يوم 7 نوفمبر 2023 ببلدية تونس، بحضور أبرز الفاعلين في المدينة "
        "والسلطات الوطنية ووفد الاتحاد الأوروبي. وكانت تهدف إلى توحيد رؤى مختلف الأطراف المعنية وإضفاء الطابع "
        "الرسمي على الالتزام وعلى آلية التنسيق بين الفاعلين، والتوصل إلى اتفاق حول منهجية العمل بين المشاركين "
        "التونسيين وممثلي هيئات التوجيه والتمويل الدولية والأوروبية، وقياس مدى تنفيذ برامج حوكمة الهجرة في مدينة "
        "تونس لتحديد جوانبها الإيجابية والسلبية."
    ),
    "decisions_fr": (
        "Les termes de référence ont été présentés par la ville et des rôles de coordination ont été attribués aux "
        "parties prenantes selon leur domaine d'expertise."
    ),
    "decisions_ar": ("قدمت المدينة الاختصاصات المرجعية، وأُسندت أدوار التنسيق إلى الأطراف المعنية حسب مجالات خبرتها."),
    "next_steps_fr": (
        "Une version mise à jour des termes de référence sera partagée avec toutes les parties prenantes, pour "
        "leur ratification et adoption officielle. Deuxième consultation : plan d'action et cartographie des "
        "besoins, des opportunités et des priorités."
    ),
    "next_steps_ar": (
        "ستُرسل نسخة محيّنة من الاختصاصات المرجعية إلى جميع الأطراف المعنية للمصادقة عليها واعتمادها رسميًا. "
        "الاستشارة الثانية: خطة العمل ورسم خريطة الاحتياجات والفرص والأولويات."
    ),
}

# "en présence des principaux acteurs de la ville, des autorités nationales, et de la délégation de l'UE"
PRESENT_CATEGORIES = {Category.MUNICIPAL_SERVICE, Category.NATIONAL_AUTHORITY, Category.DONOR}


def _consultation(city, data) -> Consultation:
    data = dict(data)
    number = data.pop("number")
    defaults = {**VENUE, "languages": ["fr", "ar"], "chatham_house": True, **data}
    consultation, _ = Consultation.objects.update_or_create(city=city, number=number, defaults=defaults)
    consultation.full_clean()
    return consultation


def _agenda(consultation: Consultation, items: list[dict]) -> None:
    kept = []
    for position, data in enumerate(items, start=1):
        data = dict(data)
        sub_points = data.pop("sub_points", [])
        defaults = {
            "shares_slot": False,
            "moderator_name": "",
            "moderator_function_fr": "",
            "moderator_function_ar": "",
            "moderator_contact": None,
            "description_fr": "",
            "description_ar": "",
            **data,
        }
        item, _ = AgendaItem.objects.update_or_create(consultation=consultation, position=position, defaults=defaults)
        item.full_clean()
        kept.append(item.pk)
        for sub_position, (title_fr, title_ar) in enumerate(sub_points, start=1):
            AgendaSubPoint.objects.update_or_create(
                item=item, position=sub_position, defaults={"title_fr": title_fr, "title_ar": title_ar}
            )
        item.sub_points.filter(position__gt=len(sub_points)).delete()
    consultation.agenda_items.exclude(pk__in=kept).delete()


def _held_and_closed(consultation: Consultation) -> None:
    tz = consultation.city.tzinfo
    held_at = dt.datetime.combine(consultation.date, consultation.end_time, tzinfo=tz)
    Consultation.objects.filter(pk=consultation.pk).update(held_at=held_at, closed_at=held_at + dt.timedelta(days=1))


def load(city, users, other_city=None):
    tunis = {c["number"]: _consultation(city, c) for c in CONSULTATIONS}
    first = tunis[1]
    _agenda(first, AGENDA_1)
    _held_and_closed(first)
    Minutes.objects.update_or_create(
        consultation=first,
        defaults={
            **MINUTES_1,
            "attributed_statements_fr": "",
            "attributed_statements_ar": "",
            "updated_by": users.get("coordinator"),
        },
    )
    for stakeholder in Stakeholder.objects.filter(city=city, is_active=True):
        present = stakeholder.category in PRESENT_CATEGORIES
        Invitation.objects.update_or_create(
            consultation=first,
            stakeholder=stakeholder,
            defaults={
                "answer": Answer.ATTENDING if present else Answer.PENDING,
                "attended": present,
                "attendance_recorded_at": dt.datetime.combine(first.date, first.start_time, tzinfo=city.tzinfo)
                if present
                else None,
            },
        )
    if other_city is not None:
        _consultation(
            other_city,
            {
                "number": 1,
                "title_fr": "Institutionnalisation du groupe des parties prenantes de la ville – Première consultation",
                "title_ar": "مأسسة مجموعة الأطراف المعنية بالمدينة – الاستشارة الأولى",
                "venue_fr": "Municipalité de Sousse",
                "venue_ar": "بلدية سوسة",
                "date": dt.date(2024, 3, 5),
                "start_time": dt.time(10, 0),
                "end_time": dt.time(13, 0),
                "status": ConsultationStatus.PLANNED,
            },
        )
