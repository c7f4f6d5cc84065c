"""The benchmark's data: `generate_scale_data` for the registry, then each app's objects around it.

Small counts go through the apps' services (the rules they enforce hold); rows that grow with the
number of stakeholders (role assignments, ratification requests, invitations) go in with bulk_create,
so building 5,000 of them takes seconds. Each app's part is optional: when an app (or a function it
needs) is not there yet, its part is skipped and the pages that need it say so.
"""

import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.db import transaction
from django.utils import timezone

log = logging.getLogger("bench")
LOREM_FR = (
    "Le groupe des parties prenantes réunit les services municipaux, les autorités nationales, les "
    "organisations internationales et la société civile autour de la gouvernance des migrations. "
)
LOREM_AR = (
    "تجمع مجموعة الأطراف المعنية المصالح البلدية والسلطات الوطنية والمنظمات الدولية والمجتمع المدني حول حوكمة الهجرة. "
)


@dataclass
class Scenario:
    city: object
    coordinator: object
    superuser: object
    stakeholders: int
    objects: dict = field(default_factory=dict)  # "stakeholder", "version", "consultation", ...
    skipped: dict = field(default_factory=dict)  # part -> reason


def build_registry(stakeholders: int) -> Scenario:
    """The registry of one city "scale-1" with `stakeholders` organisations, and its coordinator."""
    from cities.models import City

    if "generate_scale_data" in get_commands():
        call_command("generate_scale_data", cities=1, stakeholders=stakeholders, verbosity=0, stdout=io.StringIO())
        city = City.objects.get(slug="scale-1")
        coordinator = get_user_model().objects.get(username="scale-coordinator")
    else:  # until the registry's command exists: the same shape from the factories
        city, coordinator = _registry_from_factories(stakeholders)
    superuser, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    scenario = Scenario(city=city, coordinator=coordinator, superuser=superuser, stakeholders=stakeholders)
    scenario.objects["stakeholder"] = city.stakeholders.order_by("pk").first()
    return scenario


def _registry_from_factories(count):
    from cities.models import Role
    from tests.factories import CityFactory, ContactFactory, MembershipFactory, StakeholderFactory, UserFactory

    city = CityFactory(slug="scale-1")
    user = UserFactory(username="scale-coordinator")
    MembershipFactory(user=user, city=city, role=Role.COORDINATOR)
    for _ in range(count):
        ContactFactory(stakeholder=StakeholderFactory(city=city))
    return city, user


def build_all(scenario: Scenario) -> Scenario:
    for part in (build_terms, build_consultations, build_planning):
        name = part.__name__.removeprefix("build_")
        try:
            with transaction.atomic():
                part(scenario)
        except Exception as exc:  # noqa: BLE001 - an app still being written must not stop the benchmark
            log.warning("scenario %s skipped: %r", name, exc)
            scenario.skipped[name] = f"{type(exc).__name__}: {exc}"[:200]
    return scenario


def _active_with_contacts(city):
    from stakeholders.models import Stakeholder

    return list(
        Stakeholder.objects.filter(city=city, is_active=True).prefetch_related("contacts", "domains").order_by("pk")
    )


def _requests(model, version, active, now) -> list:
    """Ratification requests (terms or roadmap) of every active stakeholder: most pending, some decided."""
    from ratification.models import RatificationStatus

    statuses = [RatificationStatus.PENDING] * 6 + [RatificationStatus.RATIFIED] * 3 + [RatificationStatus.DECLINED]
    requests = []
    for i, s in enumerate(active):
        contact = next((c for c in s.contacts.all() if c.is_primary), None)
        status = statuses[i % len(statuses)]
        requests.append(
            model(
                version=version,
                stakeholder=s,
                contact=contact,
                contact_name=contact.name if contact else "",
                contact_email=contact.email if contact else "",
                language=contact.language if contact else "fr",
                status=status,
                sent_at=now,
                expires_at=now + dt.timedelta(days=30),
                decided_at=now if status != RatificationStatus.PENDING else None,
                signed_name=contact.name if contact and status == RatificationStatus.RATIFIED else "",
                decline_reason="Motif du refus." if status == RatificationStatus.DECLINED else "",
                channel="link" if status != RatificationStatus.PENDING else "",
            )
        )
    return requests


def build_terms(scenario: Scenario, *, send: bool = False):
    """A ToR version with 6 sections, a role for every active stakeholder and a lead per domain, made
    final; ratification requests for all (send=True: through the service, which queues the emails)."""
    from stakeholders.models import Domain
    from terms.models import CoordinationRole, RatificationRequest, RoleAssignment, VersionStatus
    from terms.services.sections import tor_section_create
    from terms.services.versions import tor_get_or_create, tor_version_create, tor_version_status_set

    city, user = scenario.city, scenario.coordinator
    tor = tor_get_or_create(city=city, title_fr="Termes de référence", title_ar="الاختصاصات المرجعية")
    version = tor_version_create(city=city, user=user)
    for n in range(1, 7):
        tor_section_create(
            version=version,
            heading_fr=f"Article {n}",
            heading_ar=f"الفصل {n}",
            text_fr=LOREM_FR * 4,
            text_ar=LOREM_AR * 4,
        )
    roles = {r.code: r for r in CoordinationRole.objects.all()}
    member = roles.get("member") or CoordinationRole.objects.order_by("position").first()
    leader = next((r for r in roles.values() if getattr(r, "leads_domain", False)), member)
    active = _active_with_contacts(city)
    domains = list(Domain.objects.order_by("position", "code"))
    assignments = [RoleAssignment(version=version, stakeholder=s, role=member, domain=None) for s in active]
    assignments += [
        RoleAssignment(version=version, stakeholder=active[i % len(active)], role=leader, domain=d)
        for i, d in enumerate(domains[: max(1, len(domains) - 2)])  # two domains left without a lead
        if active
    ]
    RoleAssignment.objects.bulk_create(assignments, batch_size=1000)
    version = tor_version_status_set(version=version, status=VersionStatus.FINAL, user=user)
    scenario.objects["tor"] = tor
    scenario.objects["version"] = version
    if send:
        return version
    now = timezone.now()
    RatificationRequest.objects.bulk_create(_requests(RatificationRequest, version, active, now), batch_size=1000)
    type(version).objects.filter(pk=version.pk).update(ratification_sent_at=now)
    return version


AGENDA = [
    ("09:00", "09:30", "welcome", "Accueil et inscription des participants", "استقبال المشاركين وتسجيلهم"),
    ("09:30", "09:45", "welcome", "Mot de bienvenue de la Ville", "كلمة ترحيب من البلدية"),
    ("09:45", "10:15", "presentation", "Présentation du programme", "تقديم البرنامج"),
    ("10:15", "10:45", "presentation", "Diagnostic local des migrations", "التشخيص المحلي للهجرة"),
    ("10:45", "11:00", "break", "Pause-café", "استراحة قهوة"),
    ("11:00", "12:00", "round_table", "Table ronde : rôles et attentes", "مائدة مستديرة: الأدوار والتطلعات"),
    ("12:00", "12:30", "discussion", "Discussion des termes de référence", "نقاش الاختصاصات المرجعية"),
    ("12:30", "13:00", "discussion", "Prochaines étapes et clôture", "الخطوات القادمة والاختتام"),
]


def _t(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def build_consultations(scenario: Scenario):
    """Consultation 1 with an eight-item agenda, every active stakeholder invited (rows only)."""
    from consultations.models import AgendaItemKind, Answer, Invitation
    from consultations.services.agenda import agenda_item_create
    from consultations.services.consultations import consultation_create

    city = scenario.city
    consultation = consultation_create(
        city=city,
        number=1,
        title_fr="Alignement des visions et formalisation du groupe",
        title_ar="توحيد الرؤى وإضفاء الطابع الرسمي على المجموعة",
        date=timezone.localdate() + dt.timedelta(days=30),
        start_time=_t("09:00"),
        end_time=_t("13:00"),
    )
    kinds = set(AgendaItemKind.values)
    for start, end, kind, title_fr, title_ar in AGENDA:
        agenda_item_create(
            consultation=consultation,
            title_fr=title_fr,
            title_ar=title_ar,
            start_time=_t(start),
            end_time=_t(end),
            kind=kind if kind in kinds else AgendaItemKind.values[0],
        )
    now = timezone.now()
    answers = [Answer.PENDING, Answer.ATTENDING, Answer.ATTENDING, Answer.NOT_ATTENDING]
    invitations = []
    for i, s in enumerate(_active_with_contacts(city)):
        contact = next((c for c in s.contacts.all() if c.is_primary), None)
        invitations.append(
            Invitation(
                consultation=consultation,
                stakeholder=s,
                contact=contact,
                language=contact.language if contact else "fr",
                sent_at=now,
                answer=answers[i % len(answers)],
                answered_at=now if i % len(answers) else None,
            )
        )
    Invitation.objects.bulk_create(invitations, batch_size=1000)
    scenario.objects["consultation"] = consultation
    return consultation


def build_planning(scenario: Scenario):
    """Needs, priorities, actions with indicators and measurements (a handful: they do not grow with the
    registry), led by stakeholders of the city, and a draft roadmap."""
    from planning.models import Frequency, IndicatorType, MappingKind
    from planning.services.actions import action_create
    from planning.services.indicators import indicator_create, measurement_create
    from planning.services.mapping import mapping_item_create
    from planning.services.roadmap import roadmap_version_create, roadmap_version_freeze
    from stakeholders.models import Domain

    city = scenario.city
    domains = list(Domain.objects.order_by("position", "code"))[:6]
    leads = _active_with_contacts(city)[:12] or [scenario.objects["stakeholder"]]
    for i, domain in enumerate(domains):
        mapping_item_create(city=city, kind=MappingKind.NEED, text_fr=f"Besoin {i}", domain=domain)
        priority = mapping_item_create(
            city=city, kind=MappingKind.PRIORITY, text_fr=f"Priorité {i}", domain=domain, rank=i + 1
        )
        for j in range(2):
            action = action_create(
                city=city,
                title_fr=f"Action {i}.{j}",
                title_ar=f"إجراء {i}.{j}",
                domain=domain,
                priority=priority,
                lead=leads[(i * 2 + j) % len(leads)],
                partners=leads[:3],
                start_month=dt.date(2024, 1 + j, 1),
                end_month=dt.date(2024, 12, 1),
            )
            indicator = indicator_create(
                action=action,
                name_fr=f"Indicateur {i}.{j}",
                kind=IndicatorType.OUTPUT,
                unit_fr="personnes",
                baseline_value=Decimal("0"),
                baseline_date=dt.date(2024, 1, 1),
                target_value=Decimal("100"),
                target_date=dt.date(2025, 1, 1),
                means_of_verification_fr="Registres",
                frequency=Frequency.QUARTERLY,
                responsible=leads[0],
            )
            measurement_create(
                indicator=indicator, value=Decimal("10"), measured_on=dt.date(2024, 3, 1), source="Rapport"
            )
    scenario.objects["action"] = action
    scenario.objects["indicator"] = indicator
    # A roadmap version frozen and sent to every stakeholder for ratification.
    from planning.models import RoadmapRatificationRequest

    roadmap = roadmap_version_create(city=city)
    roadmap.introduction_fr = "Feuille de route."
    roadmap.save(update_fields=["introduction_fr"])
    roadmap = roadmap_version_freeze(version=roadmap, user=scenario.coordinator)
    now = timezone.now()
    RoadmapRatificationRequest.objects.bulk_create(
        _requests(RoadmapRatificationRequest, roadmap, _active_with_contacts(city), now), batch_size=1000
    )
    type(roadmap).objects.filter(pk=roadmap.pk).update(ratification_sent_at=now)
    scenario.objects["roadmap"] = roadmap
