"""Demo inventory for Tunis: programmes run in the city by the kinds of actors in the seeds (municipal social
services, IOM, UNHCR, NGOs, migrant associations), and their assessment at consultation 1.

Everything here is illustrative ("illustratif"): plausible for a city on migration, not the real programmes of
Tunis or the real views of its stakeholders. Stakeholders come from the registry demo; without them nothing is
loaded. Idempotent: programmes match on city + French title, criteria on city + French name; an assessment is
one per programme and is rewritten. Built from the services, so every rule holds.
"""

import datetime
from decimal import Decimal

from consultations.models import Consultation
from planning.models import MappingItem
from stakeholders.models import Domain, Stakeholder

from .models import Coverage, Criterion, Programme, ProgrammeStatus, TargetGroup
from .services import assessment_record, criterion_create, criterion_update, programme_create, programme_update

D = datetime.date
SOURCE_C1 = "Présentation à la consultation du 7 novembre 2023 (illustratif)"

CRITERIA = [
    (
        "Portée",
        "الوصول إلى الفئات المستهدفة",
        "Part du public visé effectivement atteinte.",
        "نسبة الفئة المستهدفة التي تم بلوغها فعلا.",
    ),
    ("Coordination", "التنسيق", "Liens avec les autres acteurs de la ville.", "الروابط مع سائر الفاعلين في المدينة."),
    ("Durabilité", "الاستدامة", "Financement et ancrage au-delà du projet.", "التمويل والتجذّر بعد انتهاء المشروع."),
    (
        "Accès aux droits",
        "النفاذ إلى الحقوق",
        "Effet sur l'accès effectif aux droits et aux services.",
        "الأثر على النفاذ الفعلي إلى الحقوق والخدمات.",
    ),
]

AFFAIRES_SOCIALES = "Ville de Tunis – Direction des affaires sociales"
SANTE_MUNICIPALE = "Ville de Tunis – Direction de la santé municipale"
BRI = "Ville de Tunis – Bureau des relations internationales"
OIM = "Organisation internationale pour les migrations"
HCR = "Haut-Commissariat des Nations unies pour les réfugiés"
UNICEF = "Fonds des Nations unies pour l'enfance"
BIT = "Bureau international du Travail"
TAT = "Terre d'Asile Tunisie"
FTDES = "Forum Tunisien pour les Droits Économiques et Sociaux"
AESAT = "Association des Étudiants et Stagiaires Africains en Tunisie"
UNIVERSITE = "Université de Tunis"
ONM = "Observatoire National de la Migration"
MAS = "Ministère des Affaires sociales"
CCIT = "Chambre de commerce et d'industrie de Tunis"
ICMPD = "Équipe du projet MC2CM RUCP (ICMPD)"

T = TargetGroup

PROGRAMMES = [
    {
        "title_fr": "Accompagnement social des personnes migrantes vulnérables (illustratif)",
        "title_ar": "المرافقة الاجتماعية للمهاجرين في وضعية هشاشة (توضيحي)",
        "description_fr": "Accueil, écoute et orientation vers les aides sociales municipales et les partenaires.",
        "description_ar": "الاستقبال والإصغاء والتوجيه نحو المساعدات الاجتماعية البلدية والشركاء.",
        "lead": AFFAIRES_SOCIALES,
        "partners": [OIM, TAT],
        "domains": ["social-protection", "vulnerable-migrants"],
        "groups": [T.MIGRANTS_IN_TRANSIT, T.WOMEN, T.CHILDREN],
        "coverage": Coverage.DISTRICTS,
        "districts": ("Médina, Bab Bhar, Sidi El Béchir", "المدينة، باب بحر، سيدي البشير"),
        "period": (D(2021, 1, 1), None),
        "status": ProgrammeStatus.RUNNING,
        "funding": ("Budget municipal", "الميزانية البلدية", None, ""),
        "source": SOURCE_C1,
        "mapping": [],
        "assessment": {
            "positives_fr": "Un guichet connu des associations ; orientation rapide vers les soins d'urgence.",
            "positives_ar": "شبّاك معروف لدى الجمعيات؛ توجيه سريع نحو العلاج الاستعجالي.",
            "negatives_fr": "Horaires limités ; peu de documents traduits.",
            "negatives_ar": "توقيت محدود؛ قلّة الوثائق المترجمة.",
            "gaps_fr": "Pas de solution d'hébergement d'urgence à proposer.",
            "gaps_ar": "لا يوجد حلّ للإيواء الاستعجالي.",
            "lessons_fr": "Un référent par association partenaire facilite le suivi.",
            "lessons_ar": "تعيين منسّق لكل جمعية شريكة يسهّل المتابعة.",
            "ratings": {"Portée": 3, "Coordination": 4, "Durabilité": 4, "Accès aux droits": 3},
        },
    },
    {
        "title_fr": "Aide au retour volontaire et à la réintégration (illustratif)",
        "title_ar": "المساعدة على العودة الطوعية وإعادة الإدماج (توضيحي)",
        "description_fr": "Information, assistance au retour et appui à la réintégration dans le pays d'origine.",
        "description_ar": "الإعلام والمساعدة على العودة ودعم إعادة الإدماج في بلد المنشأ.",
        "lead": OIM,
        "partners": [AFFAIRES_SOCIALES],
        "domains": ["social-protection", "employment"],
        "groups": [T.RETURNEES, T.MIGRANTS_IN_TRANSIT],
        "coverage": Coverage.WHOLE_CITY,
        "districts": ("", ""),
        "period": (D(2022, 1, 1), D(2026, 12, 1)),
        "status": ProgrammeStatus.RUNNING,
        "funding": ("Union européenne (illustratif)", "الاتحاد الأوروبي (توضيحي)", Decimal("1200000"), "EUR"),
        "source": SOURCE_C1,
        "mapping": [],
        "assessment": {
            "positives_fr": "Procédure claire et délais tenus.",
            "positives_ar": "إجراءات واضحة وآجال محترمة.",
            "negatives_fr": "Peu de liens avec les services municipaux après le départ.",
            "negatives_ar": "روابط ضعيفة مع المصالح البلدية بعد المغادرة.",
            "gaps_fr": "",
            "gaps_ar": "",
            "lessons_fr": "Associer la ville dès l'accueil.",
            "lessons_ar": "إشراك البلدية منذ الاستقبال.",
            "ratings": {"Portée": 4, "Coordination": 2, "Durabilité": 2},
        },
    },
    {
        "title_fr": "Enregistrement et assistance aux demandeurs d'asile et réfugiés (illustratif)",
        "title_ar": "تسجيل طالبي اللجوء واللاجئين ومساعدتهم (توضيحي)",
        "description_fr": "Enregistrement, documentation et accès aux soins et à l'aide juridique.",
        "description_ar": "التسجيل والتوثيق والنفاذ إلى العلاج والمساعدة القانونية.",
        "lead": HCR,
        "partners": [TAT, UNICEF],
        "domains": ["legal-aid", "vulnerable-migrants", "health"],
        "groups": [T.REFUGEES, T.CHILDREN],
        "coverage": Coverage.WHOLE_CITY,
        "districts": ("", ""),
        "period": (D(2019, 1, 1), None),
        "status": ProgrammeStatus.RUNNING,
        "funding": ("Fonds propres du HCR (illustratif)", "الموارد الذاتية للمفوضية (توضيحي)", None, ""),
        "source": SOURCE_C1,
        "mapping": ["Accès limité des personnes migrantes aux soins de santé de base (illustratif)"],
        "assessment": {
            "positives_fr": "Accès aux soins assuré pour les personnes enregistrées.",
            "positives_ar": "النفاذ إلى العلاج مضمون للأشخاص المسجّلين.",
            "negatives_fr": "Délais d'enregistrement longs.",
            "negatives_ar": "آجال التسجيل طويلة.",
            "gaps_fr": "Les personnes non enregistrées restent sans suivi.",
            "gaps_ar": "يبقى الأشخاص غير المسجّلين دون متابعة.",
            "lessons_fr": "",
            "lessons_ar": "",
            "ratings": {"Portée": 3, "Coordination": 3, "Durabilité": 3, "Accès aux droits": 4},
        },
    },
    {
        "title_fr": "Permanence juridique pour les personnes migrantes (illustratif)",
        "title_ar": "حصص إرشاد قانوني لفائدة المهاجرين (توضيحي)",
        "description_fr": "Consultations juridiques gratuites deux fois par semaine.",
        "description_ar": "استشارات قانونية مجانية مرّتين في الأسبوع.",
        "lead": TAT,
        "partners": [FTDES],
        "domains": ["legal-aid"],
        "groups": [T.WORKERS, T.STUDENTS, T.MIGRANTS_IN_TRANSIT],
        "coverage": Coverage.DISTRICTS,
        "districts": ("Centre-ville", "وسط المدينة"),
        "period": (D(2020, 3, 1), D(2026, 12, 1)),
        "status": ProgrammeStatus.RUNNING,
        "funding": ("Fondation privée (illustratif)", "مؤسسة خاصة (توضيحي)", Decimal("90000"), "EUR"),
        "source": SOURCE_C1,
        "mapping": [],
        "assessment": {
            "positives_fr": "Service gratuit et connu des communautés.",
            "positives_ar": "خدمة مجانية ومعروفة لدى الجاليات.",
            "negatives_fr": "Financement annuel incertain.",
            "negatives_ar": "تمويل سنوي غير مضمون.",
            "gaps_fr": "",
            "gaps_ar": "",
            "lessons_fr": "Les permanences dans les quartiers touchent plus de personnes.",
            "lessons_ar": "الحصص في الأحياء تبلغ عددا أكبر من الأشخاص.",
            "ratings": {"Portée": 3, "Durabilité": 2, "Accès aux droits": 5},
        },
    },
    {
        "title_fr": "Accueil et orientation des étudiants subsahariens (illustratif)",
        "title_ar": "استقبال الطلبة القادمين من إفريقيا جنوب الصحراء وتوجيههم (توضيحي)",
        "description_fr": "Accueil à la rentrée, aide aux démarches de séjour, activités culturelles.",
        "description_ar": "الاستقبال عند العودة الجامعية والمساعدة في إجراءات الإقامة وأنشطة ثقافية.",
        "lead": AESAT,
        "partners": [UNIVERSITE],
        "domains": ["education", "culture-cohesion"],
        "groups": [T.STUDENTS],
        "coverage": Coverage.WHOLE_CITY,
        "districts": ("", ""),
        "period": (D(2018, 9, 1), None),
        "status": ProgrammeStatus.RUNNING,
        "funding": ("Cotisations des membres", "اشتراكات الأعضاء", None, ""),
        "source": SOURCE_C1,
        "mapping": ["Vie associative et culturelle active dans la médina (illustratif)"],
        "assessment": None,
    },
    {
        "title_fr": "Enquête nationale sur la migration internationale (illustratif)",
        "title_ar": "المسح الوطني حول الهجرة الدولية (توضيحي)",
        "description_fr": "Enquête auprès des ménages sur la migration, le retour et l'immigration.",
        "description_ar": "مسح لدى الأسر حول الهجرة والعودة والهجرة الوافدة.",
        "lead": ONM,
        "partners": [ICMPD],
        "domains": ["data-statistics"],
        "groups": [T.WORKERS, T.RETURNEES, T.HOST_COMMUNITY],
        "coverage": Coverage.WHOLE_CITY,
        "districts": ("", ""),
        "period": (D(2020, 1, 1), D(2021, 6, 1)),
        "status": ProgrammeStatus.ENDED,
        "funding": ("Union européenne (illustratif)", "الاتحاد الأوروبي (توضيحي)", None, ""),
        "source": "Rapport publié de l'enquête (illustratif)",
        "mapping": ["Données locales sur la migration éparses et anciennes (illustratif)"],
        "assessment": None,
    },
    {
        "title_fr": "Insertion professionnelle des travailleurs migrants (illustratif)",
        "title_ar": "الإدماج المهني للعمال المهاجرين (توضيحي)",
        "description_fr": "Orientation vers l'emploi, formation courte et sensibilisation des employeurs.",
        "description_ar": "التوجيه نحو الشغل وتكوين قصير وتحسيس المشغّلين.",
        "lead": BIT,
        "partners": [CCIT, MAS],
        "domains": ["employment"],
        "groups": [T.WORKERS, T.HOST_COMMUNITY],
        "coverage": Coverage.WHOLE_CITY,
        "districts": ("", ""),
        "period": (D(2023, 1, 1), D(2026, 6, 1)),
        "status": ProgrammeStatus.RUNNING,
        "funding": ("Coopération internationale (illustratif)", "التعاون الدولي (توضيحي)", Decimal("2500000"), "USD"),
        "source": SOURCE_C1,
        "mapping": ["Programmes d'insertion professionnelle existants, ouverts à de nouveaux publics (illustratif)"],
        "assessment": {
            "positives_fr": "Les employeurs de la chambre de commerce sont associés.",
            "positives_ar": "إشراك المشغّلين المنخرطين في غرفة التجارة.",
            "negatives_fr": "Les personnes sans titre de séjour n'y ont pas accès.",
            "negatives_ar": "الأشخاص دون بطاقة إقامة لا ينتفعون به.",
            "gaps_fr": "",
            "gaps_ar": "",
            "lessons_fr": "",
            "lessons_ar": "",
            "ratings": {"Portée": 2, "Coordination": 4},
        },
    },
    {
        "title_fr": "Santé communautaire dans les quartiers populaires (illustratif)",
        "title_ar": "الصحة المجتمعية في الأحياء الشعبية (توضيحي)",
        "description_fr": "Médiateurs de santé et permanences mobiles, ouverts à tous les habitants.",
        "description_ar": "وسطاء صحيون وحصص متنقلة مفتوحة لجميع المتساكنين.",
        "lead": SANTE_MUNICIPALE,
        "partners": [UNICEF, OIM],
        "domains": ["health"],
        "groups": [T.HOST_COMMUNITY, T.CHILDREN, T.MIGRANTS_IN_TRANSIT],
        "coverage": Coverage.DISTRICTS,
        "districts": ("Sidi Hassine, Ettahrir", "سيدي حسين، التحرير"),
        "period": (D(2027, 1, 1), D(2029, 12, 1)),
        "status": ProgrammeStatus.PLANNED,
        "funding": ("À rechercher (illustratif)", "قيد البحث (توضيحي)", None, ""),
        "source": "Note de projet de la Direction de la santé municipale (illustratif)",
        "mapping": ["Accès limité des personnes migrantes aux soins de santé de base (illustratif)"],
        "assessment": None,
    },
    {
        "title_fr": "Médiation culturelle et cohésion sociale dans la médina (illustratif)",
        "title_ar": "الوساطة الثقافية والتماسك الاجتماعي في المدينة العتيقة (توضيحي)",
        "description_fr": "Rencontres de quartier, fêtes et ateliers entre habitants et personnes migrantes.",
        "description_ar": "لقاءات حيّ واحتفالات وورشات تجمع المتساكنين والمهاجرين.",
        "lead": BRI,
        "partners": [ICMPD, AESAT],
        "domains": ["culture-cohesion", "governance"],
        "groups": [T.HOST_COMMUNITY, T.MIGRANTS_IN_TRANSIT, T.STUDENTS],
        "coverage": Coverage.DISTRICTS,
        "districts": ("Médina", "المدينة العتيقة"),
        "period": (D(2024, 3, 1), D(2026, 12, 1)),
        "status": ProgrammeStatus.RUNNING,
        "funding": ("MC2CM (illustratif)", "برنامج الهجرة من مدينة إلى مدينة (توضيحي)", Decimal("60000"), "EUR"),
        "source": "Convention de partenariat (illustratif)",
        "mapping": ["Vie associative et culturelle active dans la médina (illustratif)"],
        "assessment": None,
    },
]


def load(city, users, other_city=None):
    stakeholders = {s.name_fr: s for s in Stakeholder.objects.filter(city=city)}
    if not stakeholders:
        return
    domains = {d.code: d for d in Domain.objects.all()}
    mapping = {m.text_fr: m for m in MappingItem.objects.filter(city=city)}
    criteria = _load_criteria(city)
    first = Consultation.objects.filter(city=city, number=1).first()
    for spec in PROGRAMMES:
        lead = stakeholders.get(spec["lead"])
        if lead is None:
            continue
        start, end = spec["period"]
        districts_fr, districts_ar = spec["districts"]
        source_fr, source_ar, amount, currency = spec["funding"]
        fields = {
            "title_ar": spec["title_ar"],
            "description_fr": spec["description_fr"],
            "description_ar": spec["description_ar"],
            "lead": lead,
            "partners": [stakeholders[n] for n in spec["partners"] if n in stakeholders],
            "domains": [domains[c] for c in spec["domains"] if c in domains],
            "target_groups": spec["groups"],
            "coverage": spec["coverage"],
            "districts_fr": districts_fr,
            "districts_ar": districts_ar,
            "start_month": start,
            "end_month": end,
            "status": spec["status"],
            "funding_source_fr": source_fr,
            "funding_source_ar": source_ar,
            "amount": amount,
            "currency": currency,
            "source": spec["source"],
            "mapping_items": [mapping[t] for t in spec["mapping"] if t in mapping],
        }
        if not fields["domains"]:
            continue
        programme = Programme.objects.filter(city=city, title_fr=spec["title_fr"]).first()
        if programme is None:
            programme = programme_create(city=city, title_fr=spec["title_fr"], **fields)
        else:
            programme = programme_update(programme=programme, **fields)
        texts = spec["assessment"]
        # Assessed at consultation 1 (7 November 2023), when the city has it and it has taken place.
        if texts is not None and first is not None and first.date <= datetime.date.today():
            assessment_record(
                programme=programme,
                assessed_on=first.date,
                consultation=first,
                ratings={criteria[name]: score for name, score in texts["ratings"].items() if name in criteria},
                **{k: v for k, v in texts.items() if k != "ratings"},
            )


def _load_criteria(city) -> dict[str, Criterion]:
    out = {}
    for position, (name_fr, name_ar, description_fr, description_ar) in enumerate(CRITERIA, start=1):
        fields = {"name_ar": name_ar, "description_fr": description_fr, "description_ar": description_ar}
        criterion = Criterion.objects.filter(city=city, name_fr=name_fr).first()
        if criterion is None:
            criterion = criterion_create(city=city, name_fr=name_fr, position=position, **fields)
        else:
            criterion = criterion_update(criterion=criterion, position=position, **fields)
        out[name_fr] = criterion
    return out
