"""Factories for the terms app.

TorVersionFactory(status="final") builds the version as a draft, adds its sections (2 by default,
`sections=0` for none, or a list of dicts of field values), then freezes it as the services do:
hash stored, frozen_at set. Adopted versions get adopted_at.
"""

import datetime

import factory
from django.utils import timezone

from terms.models import (
    CoordinationRole,
    RatificationRequest,
    RatificationStatus,
    RoleAssignment,
    TermsOfReference,
    TorFeedback,
    TorSection,
    TorVersion,
    VersionStatus,
)

__all__ = [
    "TorFactory",
    "TorVersionFactory",
    "TorSectionFactory",
    "TorFeedbackFactory",
    "CoordinationRoleFactory",
    "RoleAssignmentFactory",
    "RatificationRequestFactory",
]


class TorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsOfReference
        django_get_or_create = ("city",)

    city = factory.SubFactory("tests.factories.cities.CityFactory")
    title_fr = "Termes de référence du groupe des parties prenantes"
    title_ar = "الاختصاصات المرجعية لمجموعة الأطراف المعنية"


class TorSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TorSection

    version = factory.SubFactory("tests.factories.terms.TorVersionFactory", status=VersionStatus.DRAFT, sections=0)
    position = factory.Sequence(lambda n: n + 1)
    heading_fr = factory.Sequence(lambda n: f"Section {n}")
    heading_ar = factory.Sequence(lambda n: f"القسم {n}")
    text_fr = factory.Sequence(lambda n: f"Texte de la section {n}.")
    text_ar = factory.Sequence(lambda n: f"نص القسم {n}.")


class TorVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TorVersion

    tor = factory.SubFactory(TorFactory)
    number = factory.LazyAttribute(
        lambda v: (v.tor.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    )
    status = VersionStatus.DRAFT

    @classmethod
    def _create(cls, model_class, *args, sections=2, **kwargs):
        status = kwargs.pop("status", VersionStatus.DRAFT)
        version = model_class.objects.create(*args, status=VersionStatus.DRAFT, **kwargs)
        if isinstance(sections, int):
            for position in range(1, sections + 1):
                TorSectionFactory(version=version, position=position)
        else:
            for position, values in enumerate(sections, start=1):
                TorSectionFactory(version=version, **{"position": position, **values})
        if status != VersionStatus.DRAFT:
            now = timezone.now()
            version.status = status
            version.frozen_at = now
            version.sha256 = version.compute_sha256()
            if status in (VersionStatus.ADOPTED, VersionStatus.SUPERSEDED):
                version.adopted_at = now if status == VersionStatus.ADOPTED else None
            version.save()
        return version


class TorFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TorFeedback

    version = factory.SubFactory(TorVersionFactory, status=VersionStatus.CIRCULATED)
    section = factory.LazyAttribute(lambda f: f.version.sections.first())
    text = factory.Sequence(lambda n: f"Remarque {n}")
    author_name = "Contact"
    source = "paper"


class CoordinationRoleFactory(factory.django.DjangoModelFactory):
    """Roles of the seeded catalogue are reused by code (e.g. CoordinationRoleFactory(code="member"))."""

    class Meta:
        model = CoordinationRole
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"role-{n}")
    name_fr = factory.Sequence(lambda n: f"Rôle {n}")
    name_ar = factory.Sequence(lambda n: f"دور {n}")
    position = factory.Sequence(lambda n: 100 + n)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    version = factory.SubFactory(TorVersionFactory)
    stakeholder = factory.SubFactory(
        "tests.factories.stakeholders.StakeholderFactory", city=factory.SelfAttribute("..version.tor.city")
    )
    role = factory.LazyFunction(lambda: CoordinationRole.objects.get(code="member"))
    domain = None


class RatificationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatificationRequest

    version = factory.SubFactory(TorVersionFactory, status=VersionStatus.FINAL)
    stakeholder = factory.SubFactory(
        "tests.factories.stakeholders.StakeholderFactory", city=factory.SelfAttribute("..version.tor.city")
    )
    contact = factory.SubFactory(
        "tests.factories.stakeholders.ContactFactory", stakeholder=factory.SelfAttribute("..stakeholder")
    )
    contact_name = factory.LazyAttribute(lambda r: r.contact.name if r.contact else "Contact")
    contact_email = factory.LazyAttribute(lambda r: r.contact.email if r.contact else "")
    language = "fr"
    status = RatificationStatus.PENDING
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
