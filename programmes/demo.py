"""Demo programme: MC2CM RUCP with Tunis, Sousse and a Moroccan city, Tanger, and a programme member's login.

Sousse (whose first stakeholders come from the registry demo) and Tanger each get a small registry, their
first consultations with invitations and attendance, terms of reference sent for ratification with decisions
recorded on paper (Sousse adopts; Tanger is half way), and a few actions with indicators and measurements.
Tanger is in Morocco: its dates read with Moroccan month names (فبراير, not فيفري) and in Casablanca time.

Everything is illustrative ("illustratif"): no real person, no real decision. Idempotent: rows are matched on
their natural keys, and a ToR version already sent for ratification is left as it is. Built from the services,
so every rule holds (consultations are written as the consultations demo writes them, and ratification
requests as ratification_send writes them, without their emails: the decisions came on paper).
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cities.management.commands.load_demo import DEMO_PASSWORD
from cities.models import City, Role
from cities.services import membership_set
from consultations.models import Answer, Consultation, ConsultationStatus, Invitation
from planning.models import Action, ActionStatus, Frequency, Indicator, IndicatorType, Measurement
from planning.services.actions import action_create
from planning.services.indicators import indicator_create, measurement_create
from ratification.models import RatificationStatus
from ratification.services import primary_contacts, ratification_record_paper
from stakeholders.models import Category, Contact, Domain, Level, Stakeholder
from stakeholders.services import contact_create, stakeholder_create
from terms.kind import TOR_RATIFICATION
from terms.models import CoordinationRole, RatificationRequest, RoleAssignment, TorVersion, VersionStatus
from terms.services.roles import role_assignment_add
from terms.services.sections import tor_section_create
from terms.services.versions import tor_get_or_create, tor_version_create, tor_version_status_set

from .models import Programme, ProgrammeMember

D = dt.date

# (name_fr, name_ar, category, level, domains, (contact name, email, language)); contacts are fictional.
SOUSSE = [
    (
        "Gouvernorat de Sousse – Division des affaires sociales",
        "ولاية سوسة – قسم الشؤون الاجتماعية",
        Category.DECENTRALISED_SERVICE,
        Level.REGIONAL,
        ["social-protection", "civil-registration"],
        ("Hédi Mabrouk", "hedi.mabrouk@example.org", "ar"),
    ),
    (
        "Organisation internationale pour les migrations – bureau de Sousse",
        "المنظمة الدولية للهجرة – مكتب سوسة",
        Category.INTERNATIONAL_ORGANISATION,
        Level.INTERNATIONAL,
        ["vulnerable-migrants", "employment"],
        ("Claire Martin", "claire.martin@example.org", "fr"),
    ),
    (
        "Croissant-Rouge tunisien – comité de Sousse",
        "الهلال الأحمر التونسي – هيئة سوسة",
        Category.CIVIL_SOCIETY,
        Level.LOCAL,
        ["health", "vulnerable-migrants"],
        ("Wafa Khelifi", "wafa.khelifi@example.org", "ar"),
    ),
    (
        "Association des étudiants africains de Sousse (illustratif)",
        "جمعية الطلبة الأفارقة بسوسة (توضيحي)",
        Category.MIGRANT_ASSOCIATION,
        Level.LOCAL,
        ["education", "culture-cohesion"],
        ("Aminata Diallo", "aminata.diallo@example.org", "fr"),
    ),
]

TANGER = [
    (
        "Commune de Tanger – Division des affaires sociales",
        "جماعة طنجة – قسم الشؤون الاجتماعية",
        Category.MUNICIPAL_SERVICE,
        Level.LOCAL,
        ["social-protection", "governance"],
        ("Nadia El Idrissi", "nadia.elidrissi@example.org", "ar"),
    ),
    (
        "Wilaya de la région Tanger-Tétouan-Al Hoceïma",
        "ولاية جهة طنجة تطوان الحسيمة",
        Category.DECENTRALISED_SERVICE,
        Level.REGIONAL,
        ["governance", "civil-registration"],
        ("Youssef Bennani", "youssef.bennani@example.org", "ar"),
    ),
    (
        "Entraide nationale – délégation de Tanger",
        "التعاون الوطني – مندوبية طنجة",
        Category.NATIONAL_AUTHORITY,
        Level.NATIONAL,
        ["social-protection", "vulnerable-migrants"],
        ("Samira Alaoui", "samira.alaoui@example.org", "ar"),
    ),
    (
        "Organisation internationale pour les migrations – bureau de Tanger",
        "المنظمة الدولية للهجرة – مكتب طنجة",
        Category.INTERNATIONAL_ORGANISATION,
        Level.INTERNATIONAL,
        ["vulnerable-migrants", "health"],
        ("Marco Rossi", "marco.rossi@example.org", "fr"),
    ),
    (
        "Université Abdelmalek Essaâdi",
        "جامعة عبد المالك السعدي",
        Category.ACADEMIA,
        Level.REGIONAL,
        ["data-statistics", "education"],
        ("Karima Tazi", "karima.tazi@example.org", "fr"),
    ),
    (
        "Association d'appui aux migrants de Tanger (illustratif)",
        "جمعية دعم المهاجرين بطنجة (توضيحي)",
        Category.CIVIL_SOCIETY,
        Level.LOCAL,
        ["legal-aid", "vulnerable-migrants"],
        ("Omar Chraibi", "omar.chraibi@example.org", "ar"),
    ),
    (
        "Collectif des communautés subsahariennes – antenne de Tanger (illustratif)",
        "تجمّع الجاليات من جنوب الصحراء – فرع طنجة (توضيحي)",
        Category.MIGRANT_ASSOCIATION,
        Level.LOCAL,
        ["culture-cohesion", "employment"],
        ("Moussa Traoré", "moussa.traore@example.org", "fr"),
    ),
]

SECTIONS = [
    (
        "Objet",
        "الموضوع",
        "Les présents termes de référence institutionnalisent le groupe des parties prenantes de la ville pour la "
        "gouvernance de la migration (illustratif).",
        "تُضفي هذه الاختصاصات المرجعية الطابع المؤسسي على مجموعة الأطراف المعنية بالمدينة في مجال حوكمة الهجرة "
        "(توضيحي).",
    ),
    (
        "Fonctionnement et règle de Chatham House",
        "سير العمل وقاعدة تشاتام هاوس",
        "Le groupe se réunit en quatre consultations ; les discussions sont régies par la règle de Chatham House.",
        "تجتمع المجموعة في أربع استشارات؛ وتخضع النقاشات لقاعدة تشاتام هاوس.",
    ),
]

# The plan: (title_fr, title_ar, domain, status, indicator (name_fr, name_ar, unit_fr, unit_ar, baseline, target,
# measurements [(value, date)])). Baselines in June 2024, targets in June 2027.
ACTIONS = {
    "sousse": [
        (
            "Guichet d'orientation des personnes migrantes (illustratif)",
            "شبّاك توجيه المهاجرين (توضيحي)",
            "social-protection",
            ActionStatus.IN_PROGRESS,
            [
                (
                    "Personnes orientées par an",
                    "عدد الأشخاص الموجَّهين سنويا",
                    "personnes",
                    "أشخاص",
                    0,
                    400,
                    [(380, D(2026, 6, 30))],
                ),
                (
                    "Partenaires signataires du protocole",
                    "الشركاء الموقّعون على البروتوكول",
                    "partenaires",
                    "شركاء",
                    0,
                    8,
                    [(3, D(2025, 12, 31))],
                ),
            ],
        ),
        (
            "Cours d'arabe et de français pour les étudiants (illustratif)",
            "دروس في العربية والفرنسية للطلبة (توضيحي)",
            "education",
            ActionStatus.PLANNED,
            [("Inscrits aux cours", "المسجَّلون في الدروس", "personnes", "أشخاص", 0, 120, [(110, D(2026, 9, 30))])],
        ),
    ],
    "tanger": [
        (
            "Permanence juridique pour les personnes migrantes (illustratif)",
            "مداومة قانونية للمهاجرين (توضيحي)",
            "legal-aid",
            ActionStatus.IN_PROGRESS,
            [
                (
                    "Consultations juridiques tenues",
                    "الاستشارات القانونية المنجزة",
                    "consultations",
                    "استشارات",
                    0,
                    300,
                    [(120, D(2026, 3, 31))],
                ),
            ],
        ),
        (
            "Observatoire local des migrations (illustratif)",
            "مرصد محلي للهجرة (توضيحي)",
            "data-statistics",
            ActionStatus.IN_PROGRESS,
            [("Notes de suivi publiées", "مذكرات المتابعة المنشورة", "notes", "مذكرات", 0, 6, [(5, D(2026, 10, 31))])],
        ),
    ],
}


def _user(username, first_name, last_name):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@demo.invalid"},
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _tanger() -> City:
    city, _ = City.objects.update_or_create(
        slug="tanger",
        defaults={
            "name_fr": "Ville de Tanger",
            "name_ar": "جماعة طنجة",
            "country_fr": "Maroc",
            "country_ar": "المغرب",
            "country_code": "MA",
            "time_zone": "Africa/Casablanca",
            "programme_fr": "Migration ville-à-ville en Méditerranée (MC2CM)",
            "programme_ar": "الهجرة من مدينة إلى مدينة في المتوسط",
        },
    )
    return city


def _registry(city, rows, domains):
    for name_fr, name_ar, category, level, codes, (person, email, language) in rows:
        stakeholder = Stakeholder.objects.filter(city=city, name_fr=name_fr).first()
        if stakeholder is None:
            stakeholder = stakeholder_create(
                city=city,
                name_fr=name_fr,
                name_ar=name_ar,
                category=category,
                level=level,
                influence=3,
                interest=4,
                joined_on=D(2024, 2, 1),
                domains=[domains[c] for c in codes],
            )
        if not Contact.objects.filter(stakeholder=stakeholder, email=email).exists():
            contact_create(stakeholder=stakeholder, name=person, email=email, language=language, is_primary=True)


def _consultation(city, number, day, status, title_fr, title_ar, venue_fr, venue_ar) -> Consultation:
    consultation, _ = Consultation.objects.update_or_create(
        city=city,
        number=number,
        defaults={
            "title_fr": title_fr,
            "title_ar": title_ar,
            "venue_fr": venue_fr,
            "venue_ar": venue_ar,
            "date": day,
            "start_time": dt.time(9, 30),
            "end_time": dt.time(13, 0),
            "languages": ["fr", "ar"],
            "chatham_house": True,
            "status": status,
        },
    )
    consultation.full_clean()
    if status in (ConsultationStatus.HELD, ConsultationStatus.CLOSED):
        held_at = dt.datetime.combine(day, dt.time(13, 0), tzinfo=city.tzinfo)
        closed_at = held_at + dt.timedelta(days=1) if status == ConsultationStatus.CLOSED else None
        Consultation.objects.filter(pk=consultation.pk).update(held_at=held_at, closed_at=closed_at)
    return consultation


def _invitations(consultation, *, absent: int, unanswered: int) -> None:
    """Every active stakeholder invited; the first `unanswered` have not answered, the next `absent` did not come."""
    held = consultation.status in (ConsultationStatus.HELD, ConsultationStatus.CLOSED)
    stakeholders = Stakeholder.objects.filter(city=consultation.city, is_active=True).order_by("name_fr", "pk")
    sent_at = dt.datetime.combine(
        consultation.date - dt.timedelta(days=14), dt.time(10), tzinfo=consultation.city.tzinfo
    )
    for index, stakeholder in enumerate(stakeholders):
        answered = index >= unanswered
        present = held and answered and index >= unanswered + absent
        Invitation.objects.update_or_create(
            consultation=consultation,
            stakeholder=stakeholder,
            defaults={
                "sent_at": sent_at,
                "answer": Answer.ATTENDING
                if present or (answered and not held)
                else (Answer.NOT_ATTENDING if answered else Answer.PENDING),
                "answered_at": sent_at + dt.timedelta(days=3) if answered else None,
                "attended": present,
                "attendance_recorded_at": sent_at + dt.timedelta(days=14) if present else None,
            },
        )


def _requests_create(version, city) -> None:
    """The requests ratification_send writes (one per active stakeholder, to its primary contact), without
    queuing their emails: in this demo every decision came on paper, and no demo email goes out."""
    now = timezone.now()
    contacts = primary_contacts(city)
    for stakeholder in Stakeholder.objects.filter(city=city, is_active=True).order_by("name_fr", "pk"):
        contact = contacts[stakeholder.pk]
        RatificationRequest.objects.get_or_create(
            version=version,
            stakeholder=stakeholder,
            defaults={
                "contact": contact,
                "contact_name": contact.name,
                "contact_email": contact.email,
                "language": contact.language,
                "sent_at": now,
                "expires_at": now + dt.timedelta(days=TOR_RATIFICATION.link_days),
            },
        )
    TorVersion.objects.filter(pk=version.pk, ratification_sent_at__isnull=True).update(ratification_sent_at=now)


def _terms(city, user, *, ratified: int | None, adopted_on: dt.date | None, title_fr, title_ar) -> None:
    """Version 1, final, sent for ratification; `ratified` decisions recorded on paper (None: all)."""
    tor = tor_get_or_create(city=city, title_fr=title_fr, title_ar=title_ar)
    version = tor.versions.filter(number=1).first()
    if version is None:
        version = tor_version_create(city=city, user=user)
        for heading_fr, heading_ar, text_fr, text_ar in SECTIONS:
            tor_section_create(
                version=version, heading_fr=heading_fr, heading_ar=heading_ar, text_fr=text_fr, text_ar=text_ar
            )
        version = tor_version_status_set(version=version, status=VersionStatus.FINAL, user=user)
    if not version.roles_locked:
        member = CoordinationRole.objects.get(code="member")
        for stakeholder in Stakeholder.objects.filter(city=city, is_active=True):
            if not RoleAssignment.objects.filter(version=version, stakeholder=stakeholder).exists():
                role_assignment_add(version=version, stakeholder=stakeholder, role=member)
        _requests_create(version, city)
    requests = list(
        RatificationRequest.objects.filter(version=version, status=RatificationStatus.PENDING)
        .select_related("stakeholder", "version")
        .order_by("stakeholder__name_fr", "pk")
    )
    done = RatificationRequest.objects.filter(version=version, status=RatificationStatus.RATIFIED).count()
    wanted = len(requests) + done if ratified is None else ratified
    for rr in requests[: max(0, wanted - done)]:
        ratification_record_paper(
            TOR_RATIFICATION,
            ratification_request=rr,
            user=user,
            decision=RatificationStatus.RATIFIED,
            signed_name=rr.contact_name or "—",
            note="Illustratif",
        )
    if adopted_on is not None:
        adopted_at = dt.datetime.combine(adopted_on, dt.time(12), tzinfo=city.tzinfo)
        TorVersion.objects.filter(pk=version.pk, status=VersionStatus.ADOPTED).update(adopted_at=adopted_at)


def _plan(city, specs, domains) -> None:
    stakeholders = list(Stakeholder.objects.filter(city=city, is_active=True).order_by("name_fr", "pk"))
    for index, (title_fr, title_ar, code, status, indicators) in enumerate(specs):
        action = Action.objects.filter(city=city, title_fr=title_fr).first()
        if action is None:
            action = action_create(
                city=city,
                title_fr=title_fr,
                title_ar=title_ar,
                domain=domains[code],
                lead=stakeholders[index % len(stakeholders)],
                start_month=D(2024, 7, 1),
                end_month=D(2027, 6, 1),
                status=status,
            )
        for name_fr, name_ar, unit_fr, unit_ar, baseline, target, measurements in indicators:
            indicator = Indicator.objects.filter(action=action, name_fr=name_fr).first()
            if indicator is None:
                indicator = indicator_create(
                    action=action,
                    name_fr=name_fr,
                    name_ar=name_ar,
                    kind=IndicatorType.OUTPUT,
                    unit_fr=unit_fr,
                    unit_ar=unit_ar,
                    baseline_value=Decimal(baseline),
                    baseline_date=D(2024, 6, 1),
                    target_value=Decimal(target),
                    target_date=D(2027, 6, 1),
                    means_of_verification_fr="Registre de l'action (illustratif)",
                    means_of_verification_ar="سجلّ النشاط (توضيحي)",
                    frequency=Frequency.HALF_YEARLY,
                    responsible=action.lead,
                )
            for value, measured_on in measurements:
                if not Measurement.objects.filter(indicator=indicator, measured_on=measured_on).exists():
                    measurement_create(
                        indicator=indicator, value=Decimal(value), measured_on=measured_on, source="Donnée illustrative"
                    )


@transaction.atomic
def load(city, users, other_city=None):
    if other_city is None:
        return
    tunis, sousse = city, other_city
    tanger = _tanger()
    domains = {d.code: d for d in Domain.objects.all()}
    tanger_coordinator = _user("coordinator-tanger", "Coordinatrice", "Tanger")
    membership_set(user=tanger_coordinator, city=tanger, role=Role.COORDINATOR)
    sousse_coordinator = users.get("sousse") or users["coordinator"]

    _registry(sousse, SOUSSE, domains)
    _registry(tanger, TANGER, domains)

    title_fr = "Institutionnalisation du groupe des parties prenantes de la ville – Première consultation"
    title_ar = "مأسسة مجموعة الأطراف المعنية بالمدينة – الاستشارة الأولى"
    first = _consultation(
        sousse, 1, D(2024, 3, 5), ConsultationStatus.CLOSED, title_fr, title_ar, "Municipalité de Sousse", "بلدية سوسة"
    )
    _invitations(first, absent=1, unanswered=0)
    second = _consultation(
        sousse,
        2,
        D(2024, 6, 11),
        ConsultationStatus.HELD,
        "Plan d'action – Deuxième consultation",
        "خطة العمل – الاستشارة الثانية",
        "Municipalité de Sousse",
        "بلدية سوسة",
    )
    _invitations(second, absent=2, unanswered=1)
    _terms(
        sousse,
        sousse_coordinator,
        ratified=None,
        adopted_on=D(2024, 4, 2),
        title_fr="Termes de référence du groupe des parties prenantes de la Ville de Sousse",
        title_ar="الاختصاصات المرجعية لمجموعة الأطراف المعنية لمدينة سوسة",
    )
    _plan(sousse, ACTIONS["sousse"], domains)

    first = _consultation(
        tanger,
        1,
        D(2025, 2, 18),
        ConsultationStatus.CLOSED,
        title_fr,
        title_ar,
        "Hôtel de ville de Tanger",
        "مقر جماعة طنجة",
    )
    _invitations(first, absent=2, unanswered=1)
    second = _consultation(
        tanger,
        2,
        D(2025, 5, 20),
        ConsultationStatus.PLANNED,
        "Plan d'action – Deuxième consultation",
        "خطة العمل – الاستشارة الثانية",
        "Hôtel de ville de Tanger",
        "مقر جماعة طنجة",
    )
    _terms(
        tanger,
        tanger_coordinator,
        ratified=4,
        adopted_on=None,
        title_fr="Termes de référence du groupe des parties prenantes de la Ville de Tanger",
        title_ar="الاختصاصات المرجعية لمجموعة الأطراف المعنية لمدينة طنجة",
    )
    _plan(tanger, ACTIONS["tanger"], domains)

    programme, _ = Programme.objects.update_or_create(
        slug="mc2cm-rucp",
        defaults={
            "name_fr": "MC2CM RUCP – Migration ville-à-ville en Méditerranée",
            "name_ar": "الهجرة من مدينة إلى مدينة في المتوسط – تعزيز القدرات الحضرية",
            "description_fr": "Les villes du programme et leur groupe des parties prenantes : où chacune en est (illustratif).",
            "description_ar": "مدن البرنامج ومجموعات الأطراف المعنية بها: أين وصلت كل مدينة (توضيحي).",
        },
    )
    programme.cities.set([tunis, sousse, tanger])
    member = _user("programme-mc2cm", "Suivi", "MC2CM")
    ProgrammeMember.objects.get_or_create(programme=programme, user=member)
