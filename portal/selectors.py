"""What a contact's personal space shows: everything for their organisation, and nothing of any other
(every query is filtered by the contact's stakeholder, which belongs to one city). A constant number of
queries, whatever the number of items."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationStatus, Invitation
from links.models import EmailLink
from planning.kind import ROADMAP_RATIFICATION
from planning.models import RoadmapVersion
from planning.selectors import roadmap_approved
from ratification.kinds import RatificationKind
from ratification.models import RatificationStatus
from stakeholders.models import Contact, Stakeholder
from terms.kind import TOR_RATIFICATION
from terms.models import FeedbackRequest, TorFeedback, TorVersion, VersionStatus
from terms.selectors import tor_adopted_version

from .services import SPACE_PURPOSE

# The ratified documents a space lists, each with what the contact reads it as.
RATIFICATION_KINDS: list[tuple[RatificationKind, object]] = [
    (TOR_RATIFICATION, _("Terms of reference")),
    (ROADMAP_RATIFICATION, _("Strategic-planning roadmap")),
]
FEEDBACK_OPEN_STATUSES = (VersionStatus.CIRCULATED, VersionStatus.PRESENTED)
MINUTES_STATUSES = (ConsultationStatus.HELD, ConsultationStatus.CLOSED)


@dataclass
class RatificationItem:
    kind: RatificationKind
    label: str
    request: object

    @property
    def open_url_name(self) -> str:
        return f"portal_public:open_{self.kind.name}"

    @property
    def is_open(self) -> bool:
        rr = self.request
        return (
            rr.status == RatificationStatus.PENDING
            and rr.version.status in self.kind.open_statuses
            and (rr.expires_at is None or rr.expires_at > timezone.now())
        )


@dataclass
class Space:
    contact: Contact
    stakeholder: Stakeholder
    invitations: list = field(default_factory=list)
    feedback_requests: list = field(default_factory=list)
    ratifications: list = field(default_factory=list)
    adopted_tor: TorVersion | None = None
    roadmap: RoadmapVersion | None = None

    @property
    def invitations_to_answer(self) -> list:
        return [i for i in self.invitations if i.consultation.is_open_for_answers]

    @property
    def ratifications_pending(self) -> list:
        return [r for r in self.ratifications if r.is_open]

    @property
    def ratifications_past(self) -> list:
        return [r for r in self.ratifications if not r.is_open]

    @property
    def minutes(self) -> list:
        return [
            i.consultation
            for i in self.invitations
            if i.consultation.status in MINUTES_STATUSES and hasattr(i.consultation, "minutes")
        ]

    @property
    def todo_count(self) -> int:
        return len(self.invitations_to_answer) + len(self.feedback_requests) + len(self.ratifications_pending)


def space_for_contact(*, contact: Contact) -> Space:
    """Everything for the contact's organisation but its remarks (space_remarks, paginated) (6 queries; the
    contact comes with its stakeholder and city)."""
    stakeholder = contact.stakeholder
    city = stakeholder.city
    space = Space(contact=contact, stakeholder=stakeholder)
    space.invitations = list(
        Invitation.objects.filter(stakeholder=stakeholder, sent_at__isnull=False)
        .select_related("consultation__minutes")
        .order_by("consultation__number", "pk")
    )
    space.feedback_requests = list(
        FeedbackRequest.objects.filter(stakeholder=stakeholder, version__status__in=FEEDBACK_OPEN_STATUSES)
        .select_related("version__tor")
        .order_by("-version__number", "pk")
    )
    for kind, label in RATIFICATION_KINDS:
        requests = kind.request_model.objects.filter(stakeholder=stakeholder).select_related("version")
        space.ratifications += [
            RatificationItem(kind=kind, label=label, request=rr) for rr in requests.order_by("-sent_at", "-pk")
        ]
    space.adopted_tor = tor_adopted_version(city=city)
    space.roadmap = roadmap_approved(city=city)
    return space


def space_remarks(*, stakeholder: Stakeholder):
    """The organisation's remarks on every version, newest first, with the secretariat's replies (a queryset,
    for the space's paginated list)."""
    return (
        TorFeedback.objects.filter(stakeholder=stakeholder)
        .select_related("version", "section")
        .order_by("-created_at", "-pk")
    )


def space_contacts(*, stakeholder: Stakeholder) -> list[Contact]:
    """The contacts of a stakeholder an email can reach, each with `space_link_expires`: the expiry of its
    newest unrevoked space link, or None (for the stakeholder page's section; one query)."""
    current = EmailLink.objects.filter(
        purpose=SPACE_PURPOSE,
        target_type=ContentType.objects.get_for_model(Contact),
        target_id=OuterRef("pk"),
        revoked_at__isnull=True,
    ).order_by("-created_at", "-pk")
    return list(
        Contact.objects.reachable()
        .filter(stakeholder=stakeholder)
        .annotate(space_link_expires=Subquery(current.values("expires_at")[:1]))
        .order_by("-is_primary", "name", "pk")
    )
