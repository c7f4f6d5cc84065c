"""Demo registry: the Tunis stakeholder group of the first consultation (7 November 2023), drawn
from the concept note and the article in shared/seeds, and a few stakeholders of a second city.

Organisations are real institutions named in the seeds or usual in such a group; every contact is
a fictional person (emails @example.org), except the local expert named in the agenda.
Idempotent: stakeholders are matched on city + French name, contacts on stakeholder + email.
"""

import datetime

from .models import Category, Contact, Domain, Level, Stakeholder
from .services import contact_create, contact_update, stakeholder_create, stakeholder_update

JOINED = datetime.date(2023, 11, 7)

# (name_fr, name_ar, acronym_fr, acronym_ar, category, level, domains, influence, interest,
#  contact: (name, function, email, phone, language))
TUNIS = [
    (
        "Ville de Tunis – Direction des affaires sociales",
        "بلدية تونس – إدارة الشؤون الاجتماعية",
        "",
        "",
        Category.MUNICIPAL_SERVICE,
        Level.LOCAL,
        ["social-protection", "vulnerable-migrants", "governance"],
        5,
        5,
        ("Leïla Ben Salah", "Directrice des affaires sociales", "leila.bensalah@example.org", "+216 71 560 101", "ar"),
    ),
    (
        "Ville de Tunis – Bureau des relations internationales",
        "بلدية تونس – مكتب العلاقات الدولية",
        "BRI",
        "",
        Category.MUNICIPAL_SERVICE,
        Level.LOCAL,
        ["governance"],
        4,
        5,
        (
            "Karim Trabelsi",
            "Chef du bureau des relations internationales",
            "karim.trabelsi@example.org",
            "+216 71 560 140",
            "fr",
        ),
    ),
    (
        "Ville de Tunis – Direction de la santé municipale",
        "بلدية تونس – إدارة الصحة البلدية",
        "",
        "",
        Category.MUNICIPAL_SERVICE,
        Level.LOCAL,
        ["health"],
        3,
        4,
        (
            "Amel Gharbi",
            "Médecin, directrice de la santé municipale",
            "amel.gharbi@example.org",
            "+216 71 560 177",
            "fr",
        ),
    ),
    (
        "Ministère des Affaires sociales",
        "وزارة الشؤون الاجتماعية",
        "MAS",
        "",
        Category.NATIONAL_AUTHORITY,
        Level.NATIONAL,
        ["social-protection", "employment"],
        5,
        3,
        (
            "Hichem Mansouri",
            "Chargé de mission, migration et Tunisiens à l'étranger",
            "hichem.mansouri@example.org",
            "+216 71 260 300",
            "ar",
        ),
    ),
    (
        "Observatoire National de la Migration",
        "المرصد الوطني للهجرة",
        "ONM",
        "",
        Category.NATIONAL_AUTHORITY,
        Level.NATIONAL,
        ["data-statistics", "governance"],
        4,
        5,
        ("Sonia Belhadj", "Chargée d'études", "sonia.belhadj@example.org", "+216 71 263 412", "fr"),
    ),
    (
        "Office des Tunisiens à l'Étranger",
        "ديوان التونسيين بالخارج",
        "OTE",
        "",
        Category.NATIONAL_AUTHORITY,
        Level.NATIONAL,
        ["governance", "culture-cohesion"],
        3,
        3,
        ("Nabil Ayari", "Directeur de la coopération", "nabil.ayari@example.org", "+216 71 781 500", "ar"),
    ),
    (
        "Direction régionale des affaires sociales de Tunis",
        "الإدارة الجهوية للشؤون الاجتماعية بتونس",
        "DRAS Tunis",
        "",
        Category.DECENTRALISED_SERVICE,
        Level.REGIONAL,
        ["social-protection", "civil-registration"],
        3,
        3,
        ("Rim Chebbi", "Directrice régionale", "rim.chebbi@example.org", "+216 71 333 020", "ar"),
    ),
    (
        "Délégation de l'Union européenne en Tunisie",
        "بعثة الاتحاد الأوروبي بتونس",
        "DUE",
        "",
        Category.DONOR,
        Level.INTERNATIONAL,
        ["governance"],
        5,
        4,
        ("Claire Martin", "Chargée de programme migration", "claire.martin@example.org", "+216 71 960 330", "fr"),
    ),
    (
        "Équipe du projet MC2CM RUCP (ICMPD)",
        "فريق مشروع الهجرة من مدينة إلى مدينة في المتوسط (ICMPD)",
        "ICMPD / MC2CM",
        "MC2CM",
        Category.INTERNATIONAL_ORGANISATION,
        Level.INTERNATIONAL,
        ["governance", "data-statistics"],
        4,
        5,
        ("Souhaib Khayati", "Expert local", "souhaib.khayati@example.org", "+216 98 000 112", "fr"),
    ),
    (
        "Organisation internationale pour les migrations",
        "المنظمة الدولية للهجرة",
        "OIM",
        "",
        Category.INTERNATIONAL_ORGANISATION,
        Level.INTERNATIONAL,
        ["vulnerable-migrants", "health", "legal-aid"],
        4,
        5,
        (
            "Inès Haddad",
            "Chargée de projet, protection et assistance",
            "ines.haddad@example.org",
            "+216 71 860 312",
            "fr",
        ),
    ),
    (
        "Haut-Commissariat des Nations unies pour les réfugiés",
        "المفوضية السامية للأمم المتحدة لشؤون اللاجئين",
        "HCR",
        "",
        Category.INTERNATIONAL_ORGANISATION,
        Level.INTERNATIONAL,
        ["legal-aid", "vulnerable-migrants"],
        4,
        4,
        ("Youssef Mejri", "Chargé de protection", "youssef.mejri@example.org", "+216 71 862 025", "ar"),
    ),
    (
        "Fonds des Nations unies pour l'enfance",
        "منظمة الأمم المتحدة للطفولة",
        "UNICEF",
        "اليونيسف",
        Category.INTERNATIONAL_ORGANISATION,
        Level.INTERNATIONAL,
        ["education", "social-protection", "vulnerable-migrants"],
        3,
        3,
        (
            "Salma Ferchichi",
            "Spécialiste de la protection de l'enfance",
            "salma.ferchichi@example.org",
            "+216 71 840 460",
            "fr",
        ),
    ),
    (
        "Bureau international du Travail",
        "مكتب العمل الدولي",
        "BIT",
        "",
        Category.INTERNATIONAL_ORGANISATION,
        Level.INTERNATIONAL,
        ["employment"],
        3,
        3,
        (
            "Walid Hammami",
            "Chargé de programme emploi et migration",
            "walid.hammami@example.org",
            "+216 71 780 140",
            "ar",
        ),
    ),
    (
        "Terre d'Asile Tunisie",
        "أرض اللجوء تونس",
        "",
        "",
        Category.CIVIL_SOCIETY,
        Level.NATIONAL,
        ["legal-aid", "vulnerable-migrants", "housing"],
        2,
        5,
        (
            "Mariem Sassi",
            "Coordinatrice de la permanence juridique",
            "mariem.sassi@example.org",
            "+216 71 240 118",
            "fr",
        ),
    ),
    (
        "Forum Tunisien pour les Droits Économiques et Sociaux",
        "المنتدى التونسي للحقوق الاقتصادية والاجتماعية",
        "FTDES",
        "",
        Category.CIVIL_SOCIETY,
        Level.NATIONAL,
        ["legal-aid", "data-statistics"],
        3,
        5,
        (
            "Anis Zouari",
            "Chargé de recherche, département migration",
            "anis.zouari@example.org",
            "+216 71 257 664",
            "ar",
        ),
    ),
    (
        "Association des Étudiants et Stagiaires Africains en Tunisie",
        "جمعية الطلبة والمتربصين الأفارقة بتونس",
        "AESAT",
        "",
        Category.MIGRANT_ASSOCIATION,
        Level.NATIONAL,
        ["education", "culture-cohesion", "housing"],
        2,
        5,
        ("Christian Kouamé", "Président", "christian.kouame@example.org", "+216 22 410 907", "fr"),
    ),
    (
        "Université de Tunis",
        "جامعة تونس",
        "",
        "",
        Category.ACADEMIA,
        Level.NATIONAL,
        ["data-statistics", "education"],
        2,
        3,
        (
            "Hela Bouazizi",
            "Professeure de sociologie des migrations",
            "hela.bouazizi@example.org",
            "+216 71 562 970",
            "ar",
        ),
    ),
    (
        "Chambre de commerce et d'industrie de Tunis",
        "غرفة التجارة والصناعة لتونس",
        "CCIT",
        "",
        Category.PRIVATE_SECTOR,
        Level.REGIONAL,
        ["employment"],
        3,
        2,
        ("Mehdi Karoui", "Responsable emploi et formation", "mehdi.karoui@example.org", "+216 71 247 322", "fr"),
    ),
    (
        "Agence Tunis Afrique Presse",
        "وكالة تونس إفريقيا للأنباء",
        "TAP",
        "وات",
        Category.MEDIA,
        Level.NATIONAL,
        ["culture-cohesion"],
        2,
        2,
        ("Olfa Dridi", "Journaliste, service société", "olfa.dridi@example.org", "+216 71 889 000", "ar"),
    ),
]

OTHER_CITY = [
    (
        "Ville de Sousse – Direction des affaires sociales",
        "بلدية سوسة – إدارة الشؤون الاجتماعية",
        "",
        "",
        Category.MUNICIPAL_SERVICE,
        Level.LOCAL,
        ["social-protection", "governance"],
        5,
        5,
        ("Fatma Jlassi", "Directrice des affaires sociales", "fatma.jlassi@example.org", "+216 73 225 410", "ar"),
    ),
    (
        "Direction régionale de la santé de Sousse",
        "الإدارة الجهوية للصحة بسوسة",
        "DRS Sousse",
        "",
        Category.DECENTRALISED_SERVICE,
        Level.REGIONAL,
        ["health"],
        4,
        3,
        ("Sami Chaouch", "Médecin inspecteur", "sami.chaouch@example.org", "+216 73 227 800", "fr"),
    ),
    (
        "Université de Sousse",
        "جامعة سوسة",
        "",
        "",
        Category.ACADEMIA,
        Level.REGIONAL,
        ["data-statistics", "education"],
        2,
        4,
        ("Nour Ben Amor", "Maîtresse de conférences", "nour.benamor@example.org", "+216 73 368 000", "fr"),
    ),
]


def _load_group(city, rows, domains):
    for name_fr, name_ar, acronym_fr, acronym_ar, category, level, codes, influence, interest, contact in rows:
        fields = {
            "name_fr": name_fr,
            "name_ar": name_ar,
            "acronym_fr": acronym_fr,
            "acronym_ar": acronym_ar,
            "category": category,
            "level": level,
            "influence": influence,
            "interest": interest,
            "is_active": True,
            "joined_on": JOINED,
        }
        chosen = [domains[code] for code in codes]
        stakeholder = Stakeholder.objects.filter(city=city, name_fr=name_fr).first()
        if stakeholder is None:
            stakeholder = stakeholder_create(city=city, domains=chosen, **fields)
        else:
            stakeholder_update(stakeholder=stakeholder, domains=chosen, **fields)
        name, function, email, phone, language = contact
        person = {"name": name, "function": function, "phone": phone, "language": language, "is_primary": True}
        existing = Contact.objects.filter(stakeholder=stakeholder, email=email).first()
        if existing is None:
            contact_create(stakeholder=stakeholder, email=email, **person)
        elif existing.erased_at is None:
            contact_update(contact=existing, email=email, **person)


def load(city, users, other_city=None):
    domains = {d.code: d for d in Domain.objects.all()}
    _load_group(city, TUNIS, domains)
    if other_city is not None:
        _load_group(other_city, OTHER_CITY, domains)
