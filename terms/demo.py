"""Demo terms of reference for Tunis, drawn from the concept note of the first consultation.

Version 1 was circulated a week before and presented at the consultation of 7 November 2023, where
coordination roles were assigned by domain of expertise; version 2, amended after the meeting, is
final and ready to be sent for ratification. Idempotent: existing versions (frozen) are left as they
are; roles, feedback and changes are matched before being created.
"""

import datetime as dt

from django.db import transaction

from stakeholders.models import Domain, Stakeholder

from .models import (
    CoordinationRole,
    FeedbackSource,
    ReplyStatus,
    RoleAssignment,
    TorFeedback,
    TorVersion,
    VersionStatus,
)
from .services.feedback import tor_change_create, tor_feedback_create, tor_feedback_reply
from .services.roles import role_assignment_add
from .services.sections import tor_section_create, tor_section_update
from .services.versions import (
    tor_get_or_create,
    tor_version_create,
    tor_version_create_from,
    tor_version_status_set,
    tor_version_update,
)

TITLE_FR = "Termes de référence du groupe des parties prenantes de la Ville de Tunis"
TITLE_AR = "الاختصاصات المرجعية لمجموعة الأطراف المعنية لمدينة تونس"

# (heading_fr, heading_ar, text_fr, text_ar) of version 1.
SECTIONS_V1 = [
    (
        "Objet",
        "الموضوع",
        "Les présents termes de référence institutionnalisent le groupe des parties prenantes de la Ville de Tunis "
        "pour la gouvernance de la migration, dans le cadre de l'action « Migration de ville à ville en Méditerranée – "
        "Renforcer les partenariats pour les capacités urbaines » (MC2CM RUCP).\n"
        "Ils fondent la formalisation de l'engagement des parties prenantes et leur mécanisme de coordination, "
        "afin de relever les défis communs et de saisir les opportunités grâce à la synergie des compétences et des expertises.",
        "تُضفي هذه الاختصاصات المرجعية الطابع المؤسسي على مجموعة الأطراف المعنية لمدينة تونس في مجال حوكمة الهجرة، "
        "في إطار مبادرة «الهجرة من مدينة إلى مدينة في المتوسط – تعزيز الشراكات من أجل القدرات الحضرية».\n"
        "وهي تشكّل أساس إضفاء الطابع الرسمي على التزام الأطراف المعنية وعلى آلية التنسيق بينها، "
        "لمواجهة التحديات المشتركة واغتنام الفرص بفضل تكامل الكفاءات والخبرات.",
    ),
    (
        "Composition du groupe",
        "تركيبة المجموعة",
        "Le groupe réunit les services municipaux, les autorités nationales et les services déconcentrés de l'État, "
        "la délégation de l'Union européenne, les organisations internationales, la société civile, le monde académique, "
        "le secteur privé et les médias qui soutiennent la ville dans la gestion des questions liées à la migration.\n"
        "Chaque partie prenante désigne un contact principal qui la représente.",
        "تضمّ المجموعة المصالح البلدية والسلطات الوطنية والمصالح الجهوية للدولة وبعثة الاتحاد الأوروبي "
        "والمنظمات الدولية والمجتمع المدني والأوساط الأكاديمية والقطاع الخاص ووسائل الإعلام التي تدعم المدينة "
        "في إدارة المسائل المتعلقة بالهجرة.\n"
        "يعيّن كل طرف معنيّ ممثلًا رئيسيًا عنه.",
    ),
    (
        "Rôles de coordination",
        "أدوار التنسيق",
        "Sur la base des présents termes de référence, un rôle de coordination est attribué à chaque partie prenante "
        "en fonction de son domaine d'expertise : coordination principale, secrétariat, points focaux thématiques, "
        "point focal communication, membre.",
        "على أساس هذه الاختصاصات المرجعية، يُسند إلى كل طرف معنيّ دور تنسيقي حسب مجال خبرته: "
        "التنسيق الرئيسي، الأمانة، نقاط الاتصال المحورية، نقطة الاتصال للتواصل، العضوية.",
    ),
    (
        "Fonctionnement et règle de Chatham House",
        "سير العمل وقاعدة تشاتام هاوس",
        "Le groupe se réunit en quatre consultations : l'alignement des visions et la formalisation de l'engagement, "
        "l'élaboration d'un plan d'action, la matrice de suivi et d'évaluation, puis l'approbation de la feuille de route "
        "de planification stratégique de la ville.\n"
        "Les discussions sont régies par la règle de Chatham House : les participants sont libres d'utiliser les "
        "informations reçues, mais ni l'identité ni l'affiliation des intervenants ne peuvent être révélées.",
        "تجتمع المجموعة في أربع استشارات: مواءمة الرؤى وإضفاء الطابع الرسمي على الالتزام، "
        "ثم إعداد خطة عمل، ثم مصفوفة المتابعة والتقييم، ثم المصادقة على خارطة طريق التخطيط الاستراتيجي للمدينة.\n"
        "تخضع النقاشات لقاعدة تشاتام هاوس: للمشاركين حرية استعمال المعلومات التي يتلقونها، "
        "دون الكشف عن هوية المتدخلين أو انتمائهم.",
    ),
    (
        "Langues officielles",
        "اللغات الرسمية",
        "Les langues officielles du groupe sont le français et l'arabe. Les documents du groupe sont établis dans les deux langues.",
        "اللغتان الرسميتان للمجموعة هما الفرنسية والعربية. تُحرَّر وثائق المجموعة باللغتين.",
    ),
    (
        "Ratification et adoption",
        "المصادقة والاعتماد",
        "Les termes de référence sont envoyés à la ville une semaine avant la première consultation, présentés lors de "
        "la réunion et modifiés si nécessaire. La version mise à jour est ensuite partagée avec toutes les parties "
        "prenantes pour leur ratification et adoption officielle.",
        "تُرسَل الاختصاصات المرجعية إلى المدينة قبل أسبوع من الاستشارة الأولى، وتُعرَض خلال الاجتماع وتُعدَّل عند الاقتضاء. "
        "ثم تُتقاسَم النسخة المحيّنة مع جميع الأطراف المعنية للمصادقة عليها واعتمادها رسميًا.",
    ),
]

# Version 2: what the meeting changed, section by section (index in SECTIONS_V1 -> new texts).
V2_TEXTS = {
    1: (
        "Le groupe réunit les services municipaux, les autorités nationales et les services déconcentrés de l'État, "
        "la délégation de l'Union européenne, les organisations internationales, la société civile et les associations "
        "de migrants, le monde académique, le secteur privé et les médias qui soutiennent la ville dans la gestion des "
        "questions liées à la migration.\n"
        "Chaque partie prenante désigne un contact principal qui la représente et l'informe de tout changement.",
        "تضمّ المجموعة المصالح البلدية والسلطات الوطنية والمصالح الجهوية للدولة وبعثة الاتحاد الأوروبي "
        "والمنظمات الدولية والمجتمع المدني وجمعيات المهاجرين والأوساط الأكاديمية والقطاع الخاص ووسائل الإعلام "
        "التي تدعم المدينة في إدارة المسائل المتعلقة بالهجرة.\n"
        "يعيّن كل طرف معنيّ ممثلًا رئيسيًا عنه ويُعلمه بكل تغيير.",
    ),
    2: (
        "Sur la base des présents termes de référence, un rôle de coordination est attribué à chaque partie prenante "
        "en fonction de son domaine d'expertise : coordination principale, secrétariat, points focaux thématiques, "
        "point focal suivi et évaluation, point focal communication, membre.\n"
        "Chaque domaine d'expertise a un point focal thématique qui en porte les travaux.",
        "على أساس هذه الاختصاصات المرجعية، يُسند إلى كل طرف معنيّ دور تنسيقي حسب مجال خبرته: "
        "التنسيق الرئيسي، الأمانة، نقاط الاتصال المحورية، نقطة الاتصال للمتابعة والتقييم، نقطة الاتصال للتواصل، العضوية.\n"
        "لكل مجال خبرة نقطة اتصال محورية تتولى أشغاله.",
    ),
    5: (
        "Les termes de référence sont envoyés à la ville une semaine avant la première consultation, présentés lors de "
        "la réunion et modifiés si nécessaire. La version mise à jour est ensuite partagée avec toutes les parties "
        "prenantes pour leur ratification et adoption officielle.\n"
        "Chaque partie prenante ratifie ou décline, avec ses motifs, par un lien personnel envoyé à son contact "
        "principal ou sur papier. La version est adoptée lorsque toutes les parties prenantes actives l'ont ratifiée.",
        "تُرسَل الاختصاصات المرجعية إلى المدينة قبل أسبوع من الاستشارة الأولى، وتُعرَض خلال الاجتماع وتُعدَّل عند الاقتضاء. "
        "ثم تُتقاسَم النسخة المحيّنة مع جميع الأطراف المعنية للمصادقة عليها واعتمادها رسميًا.\n"
        "يصادق كل طرف معنيّ أو يرفض مع ذكر أسبابه، عبر رابط شخصي يُرسَل إلى ممثله الرئيسي أو على الورق. "
        "تُعتمَد النسخة عندما تصادق عليها جميع الأطراف المعنية النشطة.",
    ),
}

# Feedback received on version 1 (on paper at the meeting) and the change it prompted in version 2.
FEEDBACK = [
    (
        "Terre d'Asile Tunisie",
        1,
        "Citer explicitement les associations de migrants parmi les membres du groupe.",
        "Les associations de migrants sont citées parmi les membres du groupe.",
        "ذُكرت جمعيات المهاجرين صراحةً ضمن أعضاء المجموعة.",
    ),
    (
        "Observatoire National de la Migration",
        2,
        "Prévoir un point focal pour le suivi et l'évaluation du plan d'action.",
        "Ajout du point focal suivi et évaluation et d'un point focal thématique par domaine.",
        "إضافة نقطة اتصال للمتابعة والتقييم ونقطة اتصال محورية لكل مجال.",
    ),
    (
        "Forum Tunisien pour les Droits Économiques et Sociaux",
        5,
        "Préciser comment chaque organisation ratifie et ce qui se passe en cas de refus.",
        "La procédure de ratification par lien personnel ou sur papier, avec motifs en cas de refus, est précisée.",
        "توضيح إجراء المصادقة عبر رابط شخصي أو على الورق، مع ذكر الأسباب في حال الرفض.",
    ),
]

# The secretariat's follow-up of the first two remarks (the third still awaits its reply): (status, reply).
REPLIES = [
    (ReplyStatus.ACCEPTED, "Retenu : la version 2 cite les associations de migrants parmi les membres du groupe."),
    (
        ReplyStatus.PARTLY_ACCEPTED,
        "Retenu en partie : un point focal suivi et évaluation est prévu ; le suivi détaillé relèvera de la "
        "matrice de la consultation 3.",
    ),
]

# French name of the demo stakeholder -> [(role code, domain code or None)]; every other active one is a member.
ROLES = {
    "Ville de Tunis – Direction des affaires sociales": [
        ("lead-coordinator", "governance"),
        ("thematic-focal-point", "social-protection"),
    ],
    "Ville de Tunis – Bureau des relations internationales": [("secretariat", None)],
    "Ville de Tunis – Direction de la santé municipale": [("thematic-focal-point", "health")],
    "Observatoire National de la Migration": [("me-focal-point", None), ("thematic-focal-point", "data-statistics")],
    "Organisation internationale pour les migrations": [("thematic-focal-point", "vulnerable-migrants")],
    "Terre d'Asile Tunisie": [("thematic-focal-point", "legal-aid")],
    "Bureau international du Travail": [("thematic-focal-point", "employment")],
    "Université de Tunis": [("thematic-focal-point", "education")],
    "Association des Étudiants et Stagiaires Africains en Tunisie": [("thematic-focal-point", "culture-cohesion")],
    "Agence Tunis Afrique Presse": [("communication-focal-point", None)],
}

CIRCULATED_AT = dt.datetime(2023, 10, 31, 8, 0, tzinfo=dt.UTC)
MEETING = dt.date(2023, 11, 7)
FINALISED_AT = dt.datetime(2023, 11, 20, 9, 0, tzinfo=dt.UTC)


def _assign_roles(version: TorVersion, city) -> None:
    if version.roles_locked:
        return
    roles = {r.code: r for r in CoordinationRole.objects.all()}
    domains = {d.code: d for d in Domain.objects.all()}
    member = roles["member"]
    for stakeholder in Stakeholder.objects.filter(city=city, is_active=True):
        wanted = ROLES.get(stakeholder.name_fr, [("member", None)])
        for role_code, domain_code in wanted:
            role, domain = roles.get(role_code, member), domains.get(domain_code) if domain_code else None
            if not RoleAssignment.objects.filter(
                version=version, stakeholder=stakeholder, role=role, domain=domain
            ).exists():
                role_assignment_add(version=version, stakeholder=stakeholder, role=role, domain=domain)


@transaction.atomic
def load(city, users, other_city=None):
    coordinator = users.get("coordinator")
    tor = tor_get_or_create(city=city, title_fr=TITLE_FR, title_ar=TITLE_AR)
    v1 = tor.versions.filter(number=1).first()
    if v1 is None:
        v1 = tor_version_create(city=city, user=coordinator)
        for heading_fr, heading_ar, text_fr, text_ar in SECTIONS_V1:
            tor_section_create(
                version=v1, heading_fr=heading_fr, heading_ar=heading_ar, text_fr=text_fr, text_ar=text_ar
            )
        tor_version_status_set(version=v1, status=VersionStatus.CIRCULATED, user=coordinator)
        v1 = tor_version_status_set(version=v1, status=VersionStatus.PRESENTED, user=coordinator, presented_on=MEETING)
        TorVersion.objects.filter(pk=v1.pk).update(frozen_at=CIRCULATED_AT, circulated_at=CIRCULATED_AT)
    # Roles were assigned at the meeting, on the version presented there.
    _assign_roles(v1, city)

    sections_v1 = list(v1.sections.order_by("position"))
    stakeholders = {s.name_fr: s for s in Stakeholder.objects.filter(city=city)}
    feedback = []
    for name, index, text, _change_fr, _change_ar in FEEDBACK:
        stakeholder = stakeholders.get(name)
        section = sections_v1[index]
        item = TorFeedback.objects.filter(version=v1, section=section, text=text).first()
        if item is None:
            item = tor_feedback_create(
                version=v1,
                section=section,
                stakeholder=stakeholder,
                author_name="",
                text=text,
                language="fr",
                source=FeedbackSource.PAPER,
                recorded_by=coordinator,
            )
        feedback.append(item)
    for item, (status, reply) in zip(feedback, REPLIES, strict=False):
        if not item.reply_status:
            tor_feedback_reply(feedback=item, status=status, reply=reply, user=coordinator)

    v2 = tor.versions.filter(number=2).first()
    if v2 is None:
        v2 = tor_version_create_from(previous=v1, user=coordinator)
        sections_v2 = list(v2.sections.order_by("position"))
        for index, (text_fr, text_ar) in V2_TEXTS.items():
            s = sections_v2[index]
            tor_section_update(
                section=s, heading_fr=s.heading_fr, heading_ar=s.heading_ar, text_fr=text_fr, text_ar=text_ar
            )
        for item, (_name, index, _text, change_fr, change_ar) in zip(feedback, FEEDBACK, strict=True):
            tor_change_create(
                version=v2,
                section=sections_v2[index],
                description_fr=change_fr,
                description_ar=change_ar,
                feedback=[item],
            )
        tor_version_update(
            version=v2,
            summary_fr="Version amendée après la consultation du 7 novembre 2023, pour ratification.",
            summary_ar="نسخة معدّلة إثر استشارة 7 نوفمبر 2023، للمصادقة.",
        )
        v2 = tor_version_status_set(version=v2, status=VersionStatus.FINAL, user=coordinator)
        TorVersion.objects.filter(pk=v2.pk).update(frozen_at=FINALISED_AT)
    # Stakeholders added to the registry since are members until the coordinator says otherwise.
    _assign_roles(v2, city)
