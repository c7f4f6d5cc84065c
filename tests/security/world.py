"""The objects a URL can name, built on demand for a city with the project's factories.

Every content field a page may show carries a marker (to catch data leaking to outsiders) and a
script payload (to catch unescaped output). `World.get("contact")` returns the city's contact,
building the stakeholder it belongs to first; `World(other_city)` builds the same for another city.

To support a new kind of object: add a builder to BUILDERS (name -> function(world) -> instance).
"""

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from consultations.models import MinutesStatus
from imports.models import ImportBatch
from outbox.models import EmailStatus, OutgoingEmail
from terms.models import FeedbackRequest, ReplyStatus, TorChange, TorFeedback, VersionStatus
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    AssessmentFactory,
    CityProgrammeFactory,
    ConsultationFactory,
    ContactFactory,
    CoordinationRoleFactory,
    CriterionFactory,
    DomainFactory,
    FrozenRoadmapVersionFactory,
    IndicatorFactory,
    InvitationFactory,
    MappingItemFactory,
    MeasurementFactory,
    MinutesFactory,
    ProgrammeFactory,
    RatificationRequestFactory,
    RatingFactory,
    RoadmapRatificationRequestFactory,
    RoadmapVersionFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorVersionFactory,
    UserFactory,
)

# Shown in the city's pages; must never reach an outsider, an anonymous user or a page without a link.
MARKER = "Temoin7Q"
MARKER_EMAIL = "temoin7q@example.org"
# Must never appear raw in an HTML page, an email or a PDF's markup.
SCRIPT = "<script>alert('xss')</script>"
IMG = "<img src=x onerror=alert(1)>"
PAYLOADS = (SCRIPT, IMG)


def _stakeholder(world):
    return StakeholderFactory(city=world.city, name_fr=world.text_fr, name_ar=world.text_ar, notes=world.text_fr)


def _contact(world):
    return ContactFactory(
        stakeholder=world.get("stakeholder"),
        name=f"{world.marker} Contact {SCRIPT}",
        function=world.text_fr,
        email=f"{world.prefix.lower()}{MARKER_EMAIL}",
        is_primary=True,
    )


def _email(world):
    return OutgoingEmail.objects.create(
        city=world.city,
        to=world.get("contact").email,
        subject=world.text_fr,
        body_text=world.text_fr,
        purpose="test",
        batch="security:1",
        status=EmailStatus.FAILED,
        attempts=1,
        last_error=f"SMTPServerDisconnected {SCRIPT}",
    )


def _version(world):
    """A ToR version sent for ratification (status final), with a section carrying the payloads."""

    texts = {
        "heading_fr": world.text_fr,
        "heading_ar": world.text_ar,
        "text_fr": world.text_fr,
        "text_ar": world.text_ar,
    }
    return TorVersionFactory(
        tor__city=world.city, tor__title_fr=world.text_fr, status=VersionStatus.FINAL, sections=[texts]
    )


def _section(world):
    return world.get("version").sections.first()


def _change(world):
    version = world.get("version")
    return TorChange.objects.create(version=version, section=version.sections.first(), description=world.text_fr)


def _feedback(world):
    """A remark on the world's version, answered: the remark and the reply carry the payloads."""
    version = world.get("version")
    return TorFeedback.objects.create(
        version=version,
        section=version.sections.first(),
        stakeholder=world.get("stakeholder"),
        text=world.text_fr,
        source="paper",
        reply_status=ReplyStatus.ACCEPTED,
        reply=world.text_ar,
    )


def _assignment(world):
    return RoleAssignmentFactory(
        version=world.get("version"), stakeholder=world.get("stakeholder"), role=CoordinationRoleFactory(code="member")
    )


def _ratification(world):
    contact = world.get("contact")
    return RatificationRequestFactory(
        version=world.get("version"), stakeholder=contact.stakeholder, contact=contact, contact_name=contact.name
    )


def _feedback_request(world):
    contact = world.get("contact")
    version = TorVersionFactory(tor__city=world.city, status=VersionStatus.CIRCULATED)
    return FeedbackRequest.objects.create(version=version, stakeholder=contact.stakeholder, contact=contact)


def _consultation(world):
    return ConsultationFactory(
        city=world.city, number=1, title_fr=world.text_fr, title_ar=world.text_ar, venue_fr=world.text_fr
    )


def _agenda_item(world):
    return AgendaItemFactory(
        consultation=world.get("consultation"),
        title_fr=world.text_fr,
        title_ar=world.text_ar,
        start_time=dt.time(10, 30),
        end_time=dt.time(10, 45),
    )


def _invitation(world):
    contact = world.get("contact")
    return InvitationFactory(consultation=world.get("consultation"), stakeholder=contact.stakeholder, contact=contact)


def _minutes_review(world):
    """The world's invitation, its organisation present, with the consultation's minutes circulated for review."""
    invitation = world.get("invitation")
    invitation.attended = True
    invitation.save(update_fields=["attended"])
    MinutesFactory(
        consultation=invitation.consultation,
        summary_fr=world.text_fr,
        summary_ar=world.text_ar,
        status=MinutesStatus.IN_REVIEW,
        review_until=timezone.now() + dt.timedelta(days=7),
        circulated_at=timezone.now(),
    )
    return invitation


def _domain(world):
    return DomainFactory(code="health", name_fr="Santé", name_ar="الصحة")


def _mapping_item(world):
    return MappingItemFactory(city=world.city, domain=world.get("domain"), text_fr=world.text_fr, text_ar=world.text_ar)


def _action(world):
    return ActionFactory(
        city=world.city,
        title_fr=world.text_fr,
        title_ar=world.text_ar,
        description_fr=world.text_fr,
        domain=world.get("domain"),
        lead=world.get("stakeholder"),
    )


def _indicator(world):
    return IndicatorFactory(action=world.get("action"), name_fr=world.text_fr, name_ar=world.text_ar)


def _measurement(world):
    return MeasurementFactory(indicator=world.get("indicator"), source=world.text_fr)


def _roadmap(world):
    return RoadmapVersionFactory(
        city=world.city, number=1, introduction_fr=world.text_fr, introduction_ar=world.text_ar
    )


def _roadmap_ratification(world):
    """A request on a frozen roadmap version (number 2, beside the draft), to the world's contact."""

    version = FrozenRoadmapVersionFactory(
        city=world.city, number=2, introduction_fr=world.text_fr, introduction_ar=world.text_ar
    )
    contact = world.get("contact")
    return RoadmapRatificationRequestFactory(
        version=version, stakeholder=contact.stakeholder, contact=contact, contact_name=contact.name
    )


def _programme(world):
    """A programme of the inventory, led by the world's stakeholder, linked to its mapping entry (a need), with
    an assessment rated on the world's criterion: every text carries the payloads."""

    programme = ProgrammeFactory(
        city=world.city,
        title_fr=world.text_fr,
        title_ar=world.text_ar,
        description_fr=world.text_fr,
        funding_source_fr=world.text_fr,
        source=world.text_fr,
        lead=world.get("stakeholder"),
        domains=[world.get("domain")],
        mapping_items=[world.get("mapping_item")],
    )
    assessment = AssessmentFactory(
        programme=programme,
        positives_fr=world.text_fr,
        positives_ar=world.text_ar,
        negatives_fr=world.text_fr,
        lessons_fr=world.text_fr,
    )
    RatingFactory(assessment=assessment, criterion=world.get("criterion"))
    return programme


def _criterion(world):
    return CriterionFactory(city=world.city, name_fr=world.text_fr, name_ar=world.text_ar)


def _city_programme(world):
    """A programme across cities (programmes app) holding the world's city, named with the payloads; none of
    the world's users follows it."""
    world.get("ratification")  # a version sent for ratification, with a decision to count
    return CityProgrammeFactory(
        slug=f"{world.prefix}programme".replace("_", "-").lower() or "programme",
        name_fr=world.text_fr,
        name_ar=world.text_ar,
        description_fr=world.text_fr,
        cities=[world.city],
    )


def _import_batch(world):
    """An uploaded file awaiting its import, owned by a coordinator none of the role clients is."""
    values = {"name_fr": world.text_fr, "name_ar": world.text_ar, "category": "media", "level": "local"}
    row = {"line": 2, "values": values, "valid": True, "matches": [], "choice": "create", "target": None}
    return ImportBatch.objects.create(
        city=world.city,
        user=UserFactory(),
        filename=f"{world.marker}.csv",
        rows=[row],
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )


BUILDERS: dict[str, Callable] = {
    "stakeholder": _stakeholder,
    "contact": _contact,
    "email": _email,
    "version": _version,
    "section": _section,
    "change": _change,
    "feedback": _feedback,
    "assignment": _assignment,
    "ratification": _ratification,
    "feedback_request": _feedback_request,
    "consultation": _consultation,
    "agenda_item": _agenda_item,
    "invitation": _invitation,
    "minutes_review": _minutes_review,
    "domain": _domain,
    "mapping_item": _mapping_item,
    "action": _action,
    "indicator": _indicator,
    "measurement": _measurement,
    "roadmap": _roadmap,
    "roadmap_ratification": _roadmap_ratification,
    "programme": _programme,
    "criterion": _criterion,
    "city_programme": _city_programme,
    "import_batch": _import_batch,
}
# Other words views and URL kwargs use for the same objects.
ALIASES = {
    "request": "ratification",
    "ratification_request": "ratification",
    "tor_version": "version",
    "role": "assignment",
    "item": "agenda_item",
    "agenda": "consultation",
    "mapping": "mapping_item",
    "roadmap_version": "roadmap",
    "roadmap_request": "roadmap_ratification",
}


class World:
    def __init__(self, city, *, prefix: str = ""):
        self.city = city
        # Objects of another city get a prefix so that names stay unique per city and recognisable.
        self.prefix = prefix
        self.marker = f"{prefix}{MARKER}"
        self.text_fr = f"{self.marker} {SCRIPT}"
        self.text_ar = f"شاهد {self.marker} {IMG}"
        self._objects: dict = {}

    def get(self, entity: str):
        entity = ALIASES.get(entity, entity)
        if entity not in self._objects:
            self._objects[entity] = BUILDERS[entity](self)
        return self._objects[entity]


def entity_name(word: str) -> str | None:
    """The builder a word names ("contact", "request" -> "ratification"), or None."""
    word = ALIASES.get(word, word)
    return word if word in BUILDERS else None
