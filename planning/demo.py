"""Demo planning data for Tunis: an illustrative action plan, M&E matrix and roadmap draft.

Everything here is illustrative ("illustratif"): plausible for a city stakeholder group on migration,
not the plan Tunis adopted. Stakeholders come from the registry demo; without them nothing is loaded.
Idempotent: mapping entries match on city + kind + French text, actions on city + French title,
indicators on action + French name, measurements on indicator + date; the roadmap draft is made once.
"""

import datetime
from decimal import Decimal

from stakeholders.models import Domain, Stakeholder

from .models import Action, Indicator, MappingItem, Measurement, RoadmapVersion
from .services.actions import action_create, action_update
from .services.indicators import indicator_create, indicator_update, measurement_create
from .services.mapping import mapping_item_create, mapping_item_update
from .services.roadmap import roadmap_version_create, roadmap_version_update

D = datetime.date

# (kind, domain code, French, Arabic, rank)
MAPPING = [
    (
        "need",
        "health",
        "Accès limité des personnes migrantes aux soins de santé de base (illustratif)",
        "محدودية نفاذ المهاجرين إلى الرعاية الصحية الأساسية (توضيحي)",
        None,
    ),
    (
        "need",
        "housing",
        "Manque de solutions d'hébergement d'urgence (illustratif)",
        "نقص حلول الإيواء الاستعجالي (توضيحي)",
        None,
    ),
    (
        "need",
        "civil-registration",
        "Difficultés d'enregistrement des naissances pour les parents migrants (illustratif)",
        "صعوبات تسجيل الولادات لدى الأولياء المهاجرين (توضيحي)",
        None,
    ),
    (
        "need",
        "data-statistics",
        "Données locales sur la migration éparses et anciennes (illustratif)",
        "بيانات محلية حول الهجرة متفرقة وقديمة (توضيحي)",
        None,
    ),
    (
        "opportunity",
        "employment",
        "Programmes d'insertion professionnelle existants, ouverts à de nouveaux publics (illustratif)",
        "برامج إدماج مهني قائمة ومنفتحة على فئات جديدة (توضيحي)",
        None,
    ),
    (
        "opportunity",
        "culture-cohesion",
        "Vie associative et culturelle active dans la médina (illustratif)",
        "حياة جمعياتية وثقافية نشيطة في المدينة العتيقة (توضيحي)",
        None,
    ),
    (
        "priority",
        "health",
        "Garantir l'accès aux soins de santé de base (illustratif)",
        "ضمان النفاذ إلى الرعاية الصحية الأساسية (توضيحي)",
        1,
    ),
    (
        "priority",
        "civil-registration",
        "Faciliter l'enregistrement à l'état civil (illustratif)",
        "تيسير التسجيل في الحالة المدنية (توضيحي)",
        2,
    ),
    ("priority", "employment", "Favoriser l'insertion professionnelle (illustratif)", "دعم الإدماج المهني (توضيحي)", 3),
    (
        "priority",
        "data-statistics",
        "Produire des données locales fiables (illustratif)",
        "إنتاج بيانات محلية موثوقة (توضيحي)",
        4,
    ),
    (
        "priority",
        "housing",
        "Répondre aux besoins d'hébergement d'urgence (illustratif)",
        "الاستجابة لحاجيات الإيواء الاستعجالي (توضيحي)",
        5,
    ),
]

# Lead and partners by French name (the registry demo's), the domain, the priority's rank.
ACTIONS = [
    {
        "title_fr": "Permanence santé pour les personnes migrantes dans les centres municipaux (illustratif)",
        "title_ar": "حصص صحية للمهاجرين في المراكز الصحية البلدية (توضيحي)",
        "description_fr": "Exemple illustratif : une demi-journée par semaine d'accueil et d'orientation dans trois centres de santé.",
        "description_ar": "مثال توضيحي: نصف يوم أسبوعيًا للاستقبال والتوجيه في ثلاثة مراكز صحية.",
        "domain": "health",
        "priority": 1,
        "lead": "Ville de Tunis – Direction de la santé municipale",
        "partners": ["Organisation internationale pour les migrations"],
        "start_month": D(2024, 4, 1),
        "end_month": D(2026, 12, 1),
        "status": "in_progress",
        "budget": Decimal("85000"),
        "currency": "TND",
        "funding_source": "Budget municipal et OIM (illustratif)",
        "funding_source_ar": "الميزانية البلدية والمنظمة الدولية للهجرة (توضيحي)",
        "indicators": [
            {
                "name_fr": "Consultations assurées pour des personnes migrantes",
                "name_ar": "الاستشارات المقدّمة لفائدة المهاجرين",
                "kind": "output",
                "unit_fr": "consultations",
                "unit_ar": "استشارة",
                "baseline": ("0", D(2024, 1, 1)),
                "target": ("1200", D(2026, 12, 31)),
                "mov_fr": "Registres des centres de santé municipaux",
                "mov_ar": "سجلات المراكز الصحية البلدية",
                "frequency": "half_yearly",
                "responsible": "Ville de Tunis – Direction de la santé municipale",
                "measurements": [
                    ("180", D(2024, 12, 31)),
                    ("420", D(2025, 6, 30)),
                    ("610", D(2025, 12, 31)),
                    ("780", D(2026, 6, 30)),
                ],
            },
            {
                "name_fr": "Part des personnes reçues satisfaites de l'accueil",
                "name_ar": "نسبة الأشخاص الراضين عن الاستقبال",
                "kind": "outcome",
                "unit_fr": "%",
                "unit_ar": "%",
                "baseline": ("40", D(2024, 1, 1)),
                "target": ("75", D(2026, 12, 31)),
                "mov_fr": "Enquête de satisfaction annuelle",
                "mov_ar": "استبيان رضا سنوي",
                "frequency": "yearly",
                "responsible": "Organisation internationale pour les migrations",
                "measurements": [("55", D(2024, 12, 31)), ("72", D(2025, 12, 31))],
            },
        ],
    },
    {
        "title_fr": "Recensement des places d'hébergement d'urgence (illustratif)",
        "title_ar": "إحصاء أماكن الإيواء الاستعجالي (توضيحي)",
        "description_fr": "Exemple illustratif : carte partagée des places disponibles auprès des associations et des services.",
        "description_ar": "مثال توضيحي: خريطة مشتركة للأماكن المتاحة لدى الجمعيات والمصالح.",
        "domain": "housing",
        "priority": 5,
        "lead": "Terre d'Asile Tunisie",
        "partners": [
            "Ville de Tunis – Direction des affaires sociales",
            "Haut-Commissariat des Nations unies pour les réfugiés",
        ],
        "start_month": D(2024, 7, 1),
        "end_month": D(2025, 6, 1),
        "status": "done",
        "indicators": [
            {
                "name_fr": "Places d'hébergement d'urgence recensées",
                "name_ar": "أماكن الإيواء الاستعجالي المحصاة",
                "kind": "output",
                "unit_fr": "places",
                "unit_ar": "مكان",
                "baseline": ("0", D(2024, 7, 1)),
                "target": ("150", D(2025, 6, 30)),
                "mov_fr": "Carte partagée des places",
                "mov_ar": "الخريطة المشتركة للأماكن",
                "frequency": "quarterly",
                "responsible": "Terre d'Asile Tunisie",
                "measurements": [("60", D(2024, 12, 31)), ("162", D(2025, 6, 30))],
            },
        ],
    },
    {
        "title_fr": "Accompagnement vers l'emploi des jeunes migrants (illustratif)",
        "title_ar": "مرافقة الشباب المهاجرين نحو التشغيل (توضيحي)",
        "description_fr": "Exemple illustratif : orientation, formation courte et mise en relation avec des employeurs.",
        "description_ar": "مثال توضيحي: توجيه وتكوين قصير وربط مع المؤجرين.",
        "domain": "employment",
        "priority": 3,
        "lead": "Bureau international du Travail",
        "partners": ["Chambre de commerce et d'industrie de Tunis", "Ministère des Affaires sociales"],
        "start_month": D(2025, 1, 1),
        "end_month": D(2027, 6, 1),
        "status": "in_progress",
        "budget": Decimal("120000"),
        "currency": "EUR",
        "funding_source": "Union européenne (illustratif)",
        "funding_source_ar": "الاتحاد الأوروبي (توضيحي)",
        "indicators": [
            {
                "name_fr": "Personnes accompagnées vers l'emploi",
                "name_ar": "الأشخاص المرافَقون نحو التشغيل",
                "kind": "output",
                "unit_fr": "personnes",
                "unit_ar": "شخص",
                "baseline": ("0", D(2025, 1, 1)),
                "target": ("300", D(2027, 6, 30)),
                "mov_fr": "Fiches de suivi des bénéficiaires",
                "mov_ar": "بطاقات متابعة المنتفعين",
                "frequency": "quarterly",
                "responsible": "Bureau international du Travail",
                "measurements": [("40", D(2025, 6, 30)), ("95", D(2025, 12, 31)), ("150", D(2026, 6, 30))],
            },
            {
                "name_fr": "Taux d'insertion six mois après l'accompagnement",
                "name_ar": "نسبة الإدماج بعد ستة أشهر من المرافقة",
                "kind": "outcome",
                "unit_fr": "%",
                "unit_ar": "%",
                "baseline": ("0", D(2026, 11, 1)),
                "target": ("40", D(2027, 6, 30)),
                "mov_fr": "Enquête de suivi à six mois",
                "mov_ar": "استبيان متابعة بعد ستة أشهر",
                "frequency": "half_yearly",
                "responsible": "Chambre de commerce et d'industrie de Tunis",
                "measurements": [],
            },
        ],
    },
    {
        "title_fr": "Guichet d'information sur l'état civil pour les familles migrantes (illustratif)",
        "title_ar": "شباك إرشاد حول الحالة المدنية للعائلات المهاجرة (توضيحي)",
        "description_fr": "Exemple illustratif : information et accompagnement pour déclarer les naissances.",
        "description_ar": "مثال توضيحي: إرشاد ومرافقة للتصريح بالولادات.",
        "domain": "civil-registration",
        "priority": 2,
        "lead": "Direction régionale des affaires sociales de Tunis",
        "partners": ["Haut-Commissariat des Nations unies pour les réfugiés", "Terre d'Asile Tunisie"],
        "start_month": D(2024, 4, 1),
        "end_month": D(2025, 12, 1),
        "status": "done",
        "indicators": [
            {
                "name_fr": "Naissances enregistrées avec l'appui du guichet",
                "name_ar": "الولادات المسجّلة بدعم من الشباك",
                "kind": "outcome",
                "unit_fr": "naissances",
                "unit_ar": "ولادة",
                "baseline": ("0", D(2024, 4, 1)),
                "target": ("200", D(2025, 12, 31)),
                "mov_fr": "Registre du guichet et extraits d'état civil",
                "mov_ar": "سجل الشباك ومضامين الحالة المدنية",
                "frequency": "quarterly",
                "responsible": "Direction régionale des affaires sociales de Tunis",
                "measurements": [("70", D(2024, 12, 31)), ("214", D(2025, 12, 31))],
            },
        ],
    },
    {
        "title_fr": "Mise à jour du profil migratoire de la ville (illustratif)",
        "title_ar": "تحيين الملمح الهجري للمدينة (توضيحي)",
        "description_fr": "Exemple illustratif : collecte, analyse et publication de données locales ouvertes.",
        "description_ar": "مثال توضيحي: جمع بيانات محلية مفتوحة وتحليلها ونشرها.",
        "domain": "data-statistics",
        "priority": 4,
        "lead": "Observatoire National de la Migration",
        "partners": ["Université de Tunis", "Équipe du projet MC2CM RUCP (ICMPD)"],
        "start_month": D(2025, 1, 1),
        "end_month": D(2026, 12, 1),
        "status": "in_progress",
        "budget": Decimal("30000"),
        "currency": "EUR",
        "funding_source": "Projet MC2CM (illustratif)",
        "funding_source_ar": "مشروع الهجرة من مدينة إلى مدينة في المتوسط (توضيحي)",
        "indicators": [
            {
                "name_fr": "Jeux de données publiés sur le portail de la ville",
                "name_ar": "مجموعات البيانات المنشورة على بوابة المدينة",
                "kind": "output",
                "unit_fr": "jeux de données",
                "unit_ar": "مجموعة بيانات",
                "baseline": ("0", D(2025, 1, 1)),
                "target": ("12", D(2026, 12, 31)),
                "mov_fr": "Portail de données de la ville",
                "mov_ar": "بوابة بيانات المدينة",
                "frequency": "quarterly",
                "responsible": "Observatoire National de la Migration",
                "measurements": [("3", D(2025, 6, 30)), ("7", D(2025, 12, 31)), ("11", D(2026, 9, 30))],
            },
        ],
    },
    {
        "title_fr": "Orientation vers les dispositifs de protection sociale (illustratif)",
        "title_ar": "التوجيه نحو آليات الحماية الاجتماعية (توضيحي)",
        "description_fr": "Exemple illustratif : fiches d'orientation communes aux services sociaux et aux associations.",
        "description_ar": "مثال توضيحي: بطاقات توجيه مشتركة بين المصالح الاجتماعية والجمعيات.",
        "domain": "social-protection",
        "priority": None,
        "lead": "Ville de Tunis – Direction des affaires sociales",
        "partners": ["Ministère des Affaires sociales", "Fonds des Nations unies pour l'enfance"],
        "start_month": D(2026, 1, 1),
        "end_month": D(2027, 12, 1),
        "status": "planned",
        "indicators": [],
    },
    {
        "title_fr": "Festival des cultures de Tunis (illustratif)",
        "title_ar": "مهرجان ثقافات تونس (توضيحي)",
        "description_fr": "Exemple illustratif : une édition annuelle avec les associations de la médina.",
        "description_ar": "مثال توضيحي: دورة سنوية مع جمعيات المدينة العتيقة.",
        "domain": "culture-cohesion",
        "priority": None,
        "lead": "Association des Étudiants et Stagiaires Africains en Tunisie",
        "partners": ["Agence Tunis Afrique Presse", "Office des Tunisiens à l'Étranger"],
        "start_month": D(2025, 4, 1),
        "end_month": D(2025, 6, 1),
        "status": "done",
        "budget": Decimal("15000"),
        "currency": "TND",
        "funding_source": "Budget municipal (illustratif)",
        "funding_source_ar": "الميزانية البلدية (توضيحي)",
        "indicators": [
            {
                "name_fr": "Participants au festival",
                "name_ar": "المشاركون في المهرجان",
                "kind": "output",
                "unit_fr": "participants",
                "unit_ar": "مشارك",
                "baseline": ("0", D(2025, 4, 1)),
                "target": ("2000", D(2025, 6, 30)),
                "mov_fr": "Comptage aux entrées",
                "mov_ar": "العدّ عند المداخل",
                "frequency": "yearly",
                "responsible": "Association des Étudiants et Stagiaires Africains en Tunisie",
                "measurements": [("2350", D(2025, 6, 30))],
            },
        ],
    },
    {
        "title_fr": "Application mobile d'information pour les nouveaux arrivants (illustratif)",
        "title_ar": "تطبيق هاتفي لإرشاد الوافدين الجدد (توضيحي)",
        "description_fr": "Exemple illustratif d'action abandonnée : remplacée par le guichet d'information.",
        "description_ar": "مثال توضيحي لإجراء تمّ التخلي عنه: عُوّض بشباك الإرشاد.",
        "domain": "data-statistics",
        "priority": None,
        "lead": "Université de Tunis",
        "partners": [],
        "start_month": D(2024, 10, 1),
        "end_month": D(2025, 6, 1),
        "status": "dropped",
        "indicators": [],
    },
]

INTRODUCTION_FR = (
    "Document illustratif. La présente feuille de route de planification stratégique rassemble les termes de "
    "référence adoptés par le groupe des parties prenantes de la ville de Tunis, le plan d'action issu de la "
    "deuxième consultation et la matrice de suivi et d'évaluation élaborée lors de la troisième consultation."
)
INTRODUCTION_AR = (
    "وثيقة توضيحية. تجمع خارطة طريق التخطيط الاستراتيجي هذه الاختصاصات المرجعية التي اعتمدتها مجموعة الأطراف "
    "المعنية لمدينة تونس، وخطة العمل المنبثقة عن الاستشارة الثانية، ومصفوفة المتابعة والتقييم التي أُعدّت "
    "خلال الاستشارة الثالثة."
)
CONCLUSIONS_FR = (
    "Illustratif : le groupe se réunira chaque semestre pour examiner l'avancement des indicateurs et ajuster "
    "le plan d'action."
)
CONCLUSIONS_AR = "توضيحي: تجتمع المجموعة كل ستة أشهر لمراجعة تقدّم المؤشرات وتعديل خطة العمل."


def load(city, users, other_city=None):
    stakeholders = list(Stakeholder.objects.filter(city=city).prefetch_related("domains"))
    if not stakeholders:
        return
    domains = {d.code: d for d in Domain.objects.all()}
    by_name = {s.name_fr: s for s in stakeholders}

    def stakeholder(name, domain_code=None):
        if name in by_name:
            return by_name[name]
        for s in stakeholders:
            if domain_code and any(d.code == domain_code for d in s.domains.all()):
                return s
        return stakeholders[0]

    priorities = {}
    for kind, code, text_fr, text_ar, rank in MAPPING:
        if code not in domains:
            continue
        concerned = [s for s in stakeholders if any(d.code == code for d in s.domains.all())][:3]
        fields = {"text_ar": text_ar, "domain": domains[code], "rank": rank}
        item = MappingItem.objects.filter(city=city, kind=kind, text_fr=text_fr).first()
        if item is None:
            item = mapping_item_create(city=city, kind=kind, text_fr=text_fr, stakeholders=concerned, **fields)
        else:
            item = mapping_item_update(item=item, stakeholders=concerned, **fields)
        if rank:
            priorities[rank] = item

    for spec in ACTIONS:
        if spec["domain"] not in domains:
            continue
        lead = stakeholder(spec["lead"], spec["domain"])
        fields = {
            "title_ar": spec["title_ar"],
            "description_fr": spec["description_fr"],
            "description_ar": spec["description_ar"],
            "domain": domains[spec["domain"]],
            "priority": priorities.get(spec["priority"]),
            "lead": lead,
            "partners": [by_name[n] for n in spec["partners"] if n in by_name and by_name[n] != lead],
            "start_month": spec["start_month"],
            "end_month": spec["end_month"],
            "status": spec["status"],
            "budget": spec.get("budget"),
            "currency": spec.get("currency", ""),
            "funding_source_fr": spec.get("funding_source", ""),
            "funding_source_ar": spec.get("funding_source_ar", ""),
        }
        action = Action.objects.filter(city=city, title_fr=spec["title_fr"]).first()
        if action is None:
            action = action_create(city=city, title_fr=spec["title_fr"], **fields)
        else:
            action = action_update(action=action, **fields)
        for ind in spec["indicators"]:
            _load_indicator(action, ind, stakeholder)

    if not RoadmapVersion.objects.filter(city=city).exists():
        draft = roadmap_version_create(city=city)
        roadmap_version_update(
            version=draft,
            introduction_fr=INTRODUCTION_FR,
            introduction_ar=INTRODUCTION_AR,
            conclusions_fr=CONCLUSIONS_FR,
            conclusions_ar=CONCLUSIONS_AR,
        )


def _load_indicator(action, spec, stakeholder):
    fields = {
        "name_ar": spec["name_ar"],
        "kind": spec["kind"],
        "unit_fr": spec["unit_fr"],
        "unit_ar": spec["unit_ar"],
        "baseline_value": Decimal(spec["baseline"][0]),
        "baseline_date": spec["baseline"][1],
        "target_value": Decimal(spec["target"][0]),
        "target_date": spec["target"][1],
        "means_of_verification_fr": spec["mov_fr"],
        "means_of_verification_ar": spec["mov_ar"],
        "frequency": spec["frequency"],
        "responsible": stakeholder(spec["responsible"]),
    }
    indicator = Indicator.objects.filter(action=action, name_fr=spec["name_fr"]).first()
    if indicator is None:
        indicator = indicator_create(action=action, name_fr=spec["name_fr"], **fields)
    else:
        indicator = indicator_update(indicator=indicator, **fields)
    for value, measured_on in spec["measurements"]:
        if not Measurement.objects.filter(indicator=indicator, measured_on=measured_on).exists():
            measurement_create(
                indicator=indicator, value=Decimal(value), measured_on=measured_on, source="Donnée illustrative"
            )
