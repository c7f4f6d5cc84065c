"""The models whose changes the activity log shows, and how each historical row reaches its city.

Each model registers its history in its own app (`HistoricalRecords()` or `simple_history.register`
in translation.py); this app only reads those tables. `children` says which other kinds appear on an
object's history page (a consultation's page shows its agenda items' changes too).
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_history_model_for_model

from cities.models import Membership
from consultations.models import AgendaItem, Consultation
from planning.models import Action, Indicator
from stakeholders.models import Contact, Stakeholder
from terms.models import RoleAssignment, TorSection, TorVersion


@dataclass(frozen=True)
class Tracked:
    key: str
    model: type[models.Model]
    # Lookup from a historical row to its city's id.
    city_lookup: str
    label: object
    # kind -> the lookup from that kind's historical row to this object's id.
    children: dict[str, str] = field(default_factory=dict)
    # Fields holding a contact's personal data (hidden from anyone who may not see it).
    personal_fields: frozenset[str] = frozenset()

    @property
    def history_model(self) -> type[models.Model]:
        return get_history_model_for_model(self.model)


TRACKED: dict[str, Tracked] = {
    t.key: t
    for t in [
        Tracked(
            "stakeholder",
            Stakeholder,
            "city_id",
            _("Stakeholder"),
            children={"contact": "stakeholder_id", "roleassignment": "stakeholder_id"},
        ),
        Tracked(
            "contact",
            Contact,
            "stakeholder__city_id",
            _("Contact"),
            personal_fields=frozenset({"name", "function", "email", "phone"}),
        ),
        Tracked("consultation", Consultation, "city_id", _("Consultation"), children={"agendaitem": "consultation_id"}),
        Tracked(
            "agendaitem",
            AgendaItem,
            "consultation__city_id",
            _("Agenda item"),
            personal_fields=frozenset({"moderator_name"}),
        ),
        Tracked(
            "torversion",
            TorVersion,
            "tor__city_id",
            _("ToR version"),
            children={"torsection": "version_id", "roleassignment": "version_id"},
        ),
        Tracked("torsection", TorSection, "version__tor__city_id", _("ToR section")),
        Tracked("roleassignment", RoleAssignment, "version__tor__city_id", _("Coordination role")),
        Tracked("action", Action, "city_id", _("Action"), children={"indicator": "action_id"}),
        Tracked("indicator", Indicator, "action__city_id", _("Indicator")),
        Tracked("membership", Membership, "city_id", _("Membership")),
    ]
}


def tracked_choices() -> list[tuple[str, object]]:
    return [(t.key, t.label) for t in TRACKED.values()]
