"""A programme with a known city: every figure of the dashboard can be worked out by hand.

`populate(city)` gives a city:
- 4 active stakeholders (2 civil society, 1 municipal service, 1 academia; 2 with health, 1 with housing) and
  1 inactive one, each with a contact whose name, email and phone are SECRETS (they must appear nowhere);
- consultation 1 closed: the 4 active invited, 3 answered attending, 2 recorded present, 1 pending; the
  inactive one came without invitation; consultation 2 planned: 2 invited, 1 answered;
  so invited 6, answered 4 (67 %), invitation rate 6 / (4 x 2) = 75 %, attendance 2 / 4 = 50 %, 1 walk-in;
- ToR version 1 adopted on 2 April 2024, version 2 final, sent: 2 ratified, 1 declined, 1 pending among the
  active, 1 ratified by the inactive one (not counted): completion 2 / 4 = 50 %;
- a roadmap approved on 15 October 2024;
- actions: one in progress with two indicators (half way in time: one at 50 % is on track, one at 10 % is
  off track), one planned without indicator, one dropped with an indicator (left out): 2 actions, 2
  indicators, plan progress (50 + 10) / 2 = 30 %.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from consultations.models import Answer, ConsultationStatus
from planning.models import ActionStatus, RoadmapApproval
from ratification.models import RatificationStatus
from stakeholders.models import Category, Domain
from terms.models import VersionStatus
from tests.factories import (
    ActionFactory,
    CityFactory,
    CityProgrammeFactory,
    ConsultationFactory,
    ContactFactory,
    FrozenRoadmapVersionFactory,
    IndicatorFactory,
    InvitationFactory,
    MeasurementFactory,
    MembershipFactory,
    ProgrammeMemberFactory,
    RatificationRequestFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
    UserFactory,
)

SECRETS = ["Zénobie Secrète", "zenobie.secrete@example.org", "+216 99 123 456"]


def _request(version, stakeholder, status):
    contact = stakeholder.contacts.get()
    decided = {}
    if status is not None:
        decided = {"decided_at": timezone.now(), "channel": "paper", "signed_name": contact.name}
    if status == RatificationStatus.DECLINED:
        decided["decline_reason"] = "Pas d'accord sur l'article 2."
    return RatificationRequestFactory(
        version=version,
        stakeholder=stakeholder,
        contact=contact,
        status=status or RatificationStatus.PENDING,
        **decided,
    )


@pytest.fixture
def populate(db):
    health = Domain.objects.get(code="health")
    housing = Domain.objects.get(code="housing")
    counter = iter(range(10_000))

    def make(city):
        categories = [Category.CIVIL_SOCIETY, Category.CIVIL_SOCIETY, Category.MUNICIPAL_SERVICE, Category.ACADEMIA]
        domains = [[health], [health, housing], [], []]
        active = [
            StakeholderFactory(city=city, category=c, domains=d) for c, d in zip(categories, domains, strict=True)
        ]
        inactive = StakeholderFactory(city=city, is_active=False)
        for stakeholder in [*active, inactive]:
            n = next(counter)
            ContactFactory(
                stakeholder=stakeholder,
                name=f"{SECRETS[0]} {n}",
                email=f"{n}.{SECRETS[1]}",
                phone=SECRETS[2],
            )
        first = ConsultationFactory(city=city, number=1, date=dt.date(2024, 2, 13), status=ConsultationStatus.CLOSED)
        answers = [Answer.ATTENDING, Answer.ATTENDING, Answer.ATTENDING, Answer.PENDING]
        for index, (stakeholder, answer) in enumerate(zip(active, answers, strict=True)):
            InvitationFactory(consultation=first, stakeholder=stakeholder, answer=answer, attended=index < 2)
        InvitationFactory(consultation=first, stakeholder=inactive, walk_in=True, attended=True)
        second = ConsultationFactory(city=city, number=2, date=dt.date(2030, 5, 20), status=ConsultationStatus.PLANNED)
        InvitationFactory(consultation=second, stakeholder=active[0], answer=Answer.ATTENDING)
        InvitationFactory(consultation=second, stakeholder=active[1])

        tor = TorFactory(city=city)
        adopted_at = dt.datetime(2024, 4, 2, 10, 0, tzinfo=dt.UTC)
        v1 = TorVersionFactory(tor=tor, status=VersionStatus.ADOPTED)
        type(v1).objects.filter(pk=v1.pk).update(adopted_at=adopted_at, ratification_sent_at=adopted_at)
        v2 = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
        type(v2).objects.filter(pk=v2.pk).update(ratification_sent_at=timezone.now())
        decisions = [RatificationStatus.RATIFIED, RatificationStatus.RATIFIED, RatificationStatus.DECLINED, None]
        for stakeholder, status in zip(active, decisions, strict=True):
            _request(v2, stakeholder, status)
        _request(v2, inactive, RatificationStatus.RATIFIED)
        # An older version's decisions do not count.
        _request(v1, active[3], RatificationStatus.RATIFIED)

        roadmap = FrozenRoadmapVersionFactory(city=city)
        RoadmapApproval.objects.create(
            version=roadmap, decided_on=dt.date(2024, 10, 15), decision="Approuvée", recorded_by=UserFactory()
        )

        today = timezone.localdate()
        year = dt.timedelta(days=365)
        running = ActionFactory(city=city, lead=active[0], status=ActionStatus.IN_PROGRESS, domain=health)
        for value in ("50", "10"):
            indicator = IndicatorFactory(
                action=running, baseline_date=today - year, target_date=today + year, target_value=Decimal(100)
            )
            MeasurementFactory(indicator=indicator, value=Decimal(value), measured_on=today - dt.timedelta(days=1))
        ActionFactory(city=city, lead=active[1], status=ActionStatus.PLANNED, domain=housing)
        dropped = ActionFactory(city=city, lead=active[2], status=ActionStatus.DROPPED, domain=housing)
        IndicatorFactory(action=dropped, baseline_date=today - year, target_date=today + year)
        return city

    return make


@pytest.fixture
def programme(city, populate):
    populate(city)
    return CityProgrammeFactory(slug="mc2cm", name_fr="MC2CM RUCP", name_ar="برنامج المدن", cities=[city])


@pytest.fixture
def member(programme):
    """A programme member with no membership in any city."""
    return ProgrammeMemberFactory(programme=programme, user=UserFactory(username="pia")).user


@pytest.fixture
def other_member(db):
    """A member of another programme, of another city."""
    other = CityProgrammeFactory(slug="other", name_fr="Autre programme", cities=[CityFactory(slug="rabat")])
    return ProgrammeMemberFactory(programme=other, user=UserFactory(username="oscar")).user


@pytest.fixture
def city_member(city):
    """A coordinator of a city of the programme, who does not follow the programme."""
    user = UserFactory(username="cid")
    MembershipFactory(user=user, city=city, role="coordinator")
    return user
