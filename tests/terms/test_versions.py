import datetime as dt
import hashlib
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultations.models import Consultation
from links.models import EmailLink
from terms.models import FeedbackRequest, TorSection, TorVersion, VersionStatus
from terms.services.feedback import circulation_is_late, tor_change_create, tor_feedback_create, tor_version_circulate
from terms.services.sections import tor_section_create, tor_section_delete, tor_section_move, tor_section_update
from terms.services.versions import (
    tor_version_create,
    tor_version_create_from,
    tor_version_status_set,
    tor_version_update,
)
from tests.factories import (
    ContactFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorSectionFactory,
    TorVersionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _draft(tor, sections=None):
    return TorVersionFactory(
        tor=tor,
        sections=sections
        or [
            {"heading_fr": "Objet", "heading_ar": "الموضوع", "text_fr": "Le groupe.", "text_ar": "المجموعة."},
            {
                "heading_fr": "Langues",
                "heading_ar": "اللغات",
                "text_fr": "Français, arabe.",
                "text_ar": "الفرنسية والعربية.",
            },
        ],
    )


class TestHash:
    def test_it_hashes_a_documented_canonical_form(self, tor):
        version = _draft(tor)
        expected = {
            "format": 1,
            "number": 1,
            "sections": [
                {
                    "position": 1,
                    "heading_fr": "Objet",
                    "heading_ar": "الموضوع",
                    "text_fr": "Le groupe.",
                    "text_ar": "المجموعة.",
                },
                {
                    "position": 2,
                    "heading_fr": "Langues",
                    "heading_ar": "اللغات",
                    "text_fr": "Français, arabe.",
                    "text_ar": "الفرنسية والعربية.",
                },
            ],
        }
        canonical = json.dumps(expected, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
        assert version.canonical_content() == canonical
        assert version.compute_sha256() == hashlib.sha256(canonical).hexdigest()

    def test_it_is_stable_across_reloads_line_endings_and_unicode_forms(self, tor):
        version = _draft(tor)
        before = version.compute_sha256()
        assert TorVersion.objects.get(pk=version.pk).compute_sha256() == before
        section = version.sections.get(position=2)
        # "Français" written with a combining cedilla (NFD) and Windows line ends hashes the same.
        section.text_fr = "Franc\u0327ais, arabe.\r\n"
        section.save()
        assert version.compute_sha256() == before

    @pytest.mark.parametrize(
        "field, value",
        [
            ("heading_fr", "Objet du groupe"),
            ("heading_ar", "موضوع"),
            ("text_fr", "Le groupe ."),
            ("text_ar", "المجموعة"),
        ],
    )
    def test_it_changes_with_any_content_change(self, tor, field, value):
        version = _draft(tor)
        before = version.compute_sha256()
        section = version.sections.get(position=1)
        setattr(section, field, value)
        section.save()
        assert version.compute_sha256() != before

    def test_it_changes_with_the_order_and_the_number(self, tor):
        version = _draft(tor)
        before = version.compute_sha256()
        first, second = version.sections.order_by("position")
        tor_section_move(section=second, offset=-1)
        assert version.compute_sha256() != before
        tor_section_move(section=second, offset=1)
        assert version.compute_sha256() == before
        version.number = 2
        assert version.compute_sha256() != before


class TestFreeze:
    def test_leaving_draft_stores_the_hash_and_freezes(self, tor):
        version = _draft(tor)
        expected = version.compute_sha256()
        version = tor_version_status_set(
            version=version, status=VersionStatus.PRESENTED, presented_on=dt.date(2023, 11, 7)
        )
        version.refresh_from_db()
        assert (version.status, version.sha256, str(version.presented_on)) == ("presented", expected, "2023-11-07")
        assert version.frozen_at is not None

    @pytest.mark.parametrize(
        "write",
        [
            lambda v, s: tor_section_update(section=s, heading_fr="Autre"),
            lambda v, s: tor_section_create(version=v, heading_fr="Nouvelle"),
            lambda v, s: tor_section_delete(section=s),
            lambda v, s: tor_section_move(section=s, offset=1),
            lambda v, s: tor_version_update(version=v, summary_fr="Résumé"),
        ],
    )
    def test_services_refuse_to_change_a_frozen_version(self, tor, write):
        version = TorVersionFactory(tor=tor, status=VersionStatus.CIRCULATED)
        section = version.sections.first()
        with pytest.raises(ValidationError, match="frozen"):
            write(version, section)
        assert version.sections.count() == 2
        assert TorVersion.objects.get(pk=version.pk).compute_sha256() == version.sha256

    def test_model_delete_refuses_a_frozen_section(self, tor):
        version = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
        with pytest.raises(ValidationError):
            version.sections.first().delete()

    def test_an_empty_draft_cannot_leave_draft(self, tor):
        version = TorVersionFactory(tor=tor, sections=0)
        with pytest.raises(ValidationError, match="at least one section"):
            tor_version_status_set(version=version, status=VersionStatus.FINAL)
        assert TorVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT

    @pytest.mark.parametrize(
        "current, target",
        [
            ("final", "draft"),
            ("final", "adopted"),
            ("presented", "circulated"),
            ("adopted", "superseded"),
            ("draft", "adopted"),
        ],
    )
    def test_it_refuses_transitions_by_hand_that_ratification_owns_or_that_go_back(self, tor, current, target):
        version = TorVersionFactory(tor=tor, status=current)
        with pytest.raises(ValidationError):
            tor_version_status_set(version=version, status=target)
        assert TorVersion.objects.get(pk=version.pk).status == current


class TestNewVersion:
    def test_it_copies_sections_and_roles_from_the_previous_version(self, tor, member_role, city):
        v1 = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
        stakeholder = StakeholderFactory(city=city)

        RoleAssignmentFactory(version=v1, stakeholder=stakeholder, role=member_role)
        v2 = tor_version_create(city=city)
        assert (v2.number, v2.status, v2.previous) == (2, VersionStatus.DRAFT, v1)
        pairs = [(s.heading_fr, s.text_ar, s.origin_id) for s in v2.sections.order_by("position")]
        assert pairs == [(s.heading_fr, s.text_ar, s.pk) for s in v1.sections.order_by("position")]
        assert list(v2.role_assignments.values_list("stakeholder_id", "role_id")) == [(stakeholder.pk, member_role.pk)]
        # Same content, different number: a different hash once frozen.
        assert v2.compute_sha256() != v1.sha256

    def test_only_one_draft_at_a_time_and_only_from_the_latest(self, tor, city):
        v1 = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
        tor_version_create(city=city)
        with pytest.raises(ValidationError, match="draft version already exists"):
            tor_version_create(city=city)
        TorVersion.objects.filter(number=2).delete()
        TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
        with pytest.raises(ValidationError, match="latest"):
            tor_version_create_from(previous=v1)

    def test_the_first_version_is_an_empty_draft(self, city):
        version = tor_version_create(city=city)
        assert (version.number, version.status, version.sections.count()) == (1, "draft", 0)
        assert version.tor.city == city


class TestSections:
    def test_it_appends_moves_and_renumbers(self, tor):
        version = _draft(tor)
        third = tor_section_create(version=version, heading_fr="Ratification", heading_ar="المصادقة")
        assert third.position == 3
        tor_section_move(section=third, offset=-1)
        assert list(version.sections.order_by("position").values_list("heading_fr", flat=True)) == [
            "Objet",
            "Ratification",
            "Langues",
        ]
        tor_section_delete(section=version.sections.get(heading_fr="Objet"))
        assert list(version.sections.order_by("position").values_list("position", "heading_fr")) == [
            (1, "Ratification"),
            (2, "Langues"),
        ]

    def test_moving_past_an_end_does_nothing(self, tor):
        version = _draft(tor)
        first = version.sections.get(position=1)
        tor_section_move(section=first, offset=-1)
        assert version.sections.get(pk=first.pk).position == 1


class TestCirculation:
    def _group(self, city):
        a = StakeholderFactory(city=city, name_fr="Alpha")
        ContactFactory(stakeholder=a, email="a@example.org", language="ar")
        b = StakeholderFactory(city=city, name_fr="Beta")
        ContactFactory(stakeholder=b, email="", language="fr")  # no email: skipped
        c = StakeholderFactory(city=city, name_fr="Gamma", is_active=False)
        ContactFactory(stakeholder=c, email="c@example.org")
        return a, b, c

    def test_it_freezes_and_emails_each_active_stakeholder_a_feedback_link(
        self, tor, city, django_capture_on_commit_callbacks
    ):
        a, b, _ = self._group(city)
        version = _draft(tor)
        with django_capture_on_commit_callbacks(execute=True):
            result = tor_version_circulate(version=version)
        version.refresh_from_db()
        assert version.status == VersionStatus.CIRCULATED and version.sha256
        assert (result.sent, result.skipped) == (1, [b])
        assert [m.to for m in mail.outbox] == [["a@example.org"]]
        assert "https://stakeholders.example.org/ar/l/" in mail.outbox[0].body
        link = EmailLink.objects.get()
        assert (link.purpose, link.target, link.language) == (
            "tor_feedback",
            FeedbackRequest.objects.get(stakeholder=a),
            "ar",
        )

    def test_circulating_again_reaches_only_stakeholders_not_yet_reached(
        self, tor, city, django_capture_on_commit_callbacks
    ):
        self._group(city)
        version = _draft(tor)
        with django_capture_on_commit_callbacks(execute=True):
            tor_version_circulate(version=version)
            result = tor_version_circulate(version=version)
        assert result.sent == 0 and len(mail.outbox) == 1

    def test_it_warns_when_consultation_1_is_less_than_7_days_away(self, tor, city):
        today = timezone.localdate(timezone=city.tzinfo)
        Consultation.objects.create(
            city=city,
            number=1,
            title_fr="Première consultation",
            date=today + dt.timedelta(days=6),
            start_time=dt.time(10, 30),
            end_time=dt.time(13, 0),
        )
        result = tor_version_circulate(version=_draft(tor))
        assert (result.late, result.consultation_date) == (True, today + dt.timedelta(days=6))

    def test_it_does_not_warn_at_7_days_or_more(self, tor, city):
        today = timezone.localdate(timezone=city.tzinfo)
        Consultation.objects.create(
            city=city,
            number=1,
            title_fr="Première consultation",
            date=today + dt.timedelta(days=7),
            start_time=dt.time(10, 30),
            end_time=dt.time(13, 0),
        )
        assert circulation_is_late(city=city) == (False, today + dt.timedelta(days=7))

    def test_it_does_not_warn_once_consultation_1_has_taken_place_and_the_email_says_so(
        self, tor, city, client, alice, django_capture_on_commit_callbacks
    ):
        # Issue 12: version 3 circulated three years after consultation 1 was warned about and told
        # stakeholders it came "before the first consultation".
        today = timezone.localdate(timezone=city.tzinfo)
        Consultation.objects.create(
            city=city,
            number=1,
            title_fr="Première consultation",
            date=today - dt.timedelta(days=3 * 365),
            start_time=dt.time(10, 30),
            end_time=dt.time(13, 0),
        )
        assert circulation_is_late(city=city) == (False, today - dt.timedelta(days=3 * 365))
        s = StakeholderFactory(city=city)
        ContactFactory(stakeholder=s, email="late@example.org", language="fr")
        client.force_login(alice)
        version = _draft(tor)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/fr/c/{city.slug}/terms/v/{version.number}/circulate/", follow=True)
        page = response.content.decode()
        assert "moins de 7 jours" not in page
        (message,) = mail.outbox
        assert "avant la première consultation" not in message.body
        assert "est diffusée pour avis. Lisez-la" in message.body

    def test_the_warning_gives_the_date_in_the_readers_format(self, tor, city, client, alice):
        today = timezone.localdate(timezone=city.tzinfo)
        meeting = today + dt.timedelta(days=3)
        Consultation.objects.create(
            city=city,
            number=1,
            title_fr="Première consultation",
            date=meeting,
            start_time=dt.time(10, 30),
            end_time=dt.time(13, 0),
        )
        client.force_login(alice)
        version = _draft(tor)
        page = client.post(f"/fr/c/{city.slug}/terms/v/{version.number}/circulate/", follow=True).content.decode()
        assert meeting.isoformat() not in page
        assert f"{meeting.day} " in page and str(meeting.year) in page

    def test_without_consultation_1_the_date_is_unknown(self, tor, city):
        result = tor_version_circulate(version=_draft(tor))
        assert (result.late, result.consultation_date) == (False, None)

    def test_a_final_version_cannot_be_circulated(self, tor):
        with pytest.raises(ValidationError):
            tor_version_circulate(version=TorVersionFactory(tor=tor, status=VersionStatus.FINAL))


class TestFeedbackAndChanges:
    def test_paper_feedback_attaches_to_a_section(self, tor, city, eve):
        version = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
        section = version.sections.first()
        feedback = tor_feedback_create(version=version, section=section, text="  Préciser.  ", recorded_by=eve)
        assert (feedback.text, feedback.section, feedback.source, feedback.recorded_by) == (
            "Préciser.",
            section,
            "paper",
            eve,
        )

    def test_feedback_is_refused_on_a_draft_and_from_another_version_or_city(self, tor, city, other_city):
        presented = TorVersionFactory(tor=tor, status="presented")
        draft = _draft(tor)
        with pytest.raises(ValidationError, match="circulated, presented or final"):
            tor_feedback_create(version=draft, text="x")
        other_section = TorSectionFactory()
        with pytest.raises(ValidationError, match="another version"):
            tor_feedback_create(version=presented, section=other_section, text="x")
        with pytest.raises(ValidationError, match="another city"):
            tor_feedback_create(version=presented, stakeholder=StakeholderFactory(city=other_city), text="x")

    def test_a_change_links_to_feedback_on_earlier_versions_only(self, tor, city):
        v1 = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
        feedback = tor_feedback_create(version=v1, section=v1.sections.first(), text="Ajouter les associations.")
        v2 = tor_version_create(city=city)
        change = tor_change_create(
            version=v2, description_fr="Associations ajoutées.", section=v2.sections.first(), feedback=[feedback]
        )
        assert list(change.feedback.all()) == [feedback]
        foreign = tor_feedback_create(version=TorVersionFactory(status=VersionStatus.PRESENTED), text="Ailleurs.")
        with pytest.raises(ValidationError, match="earlier versions"):
            tor_change_create(version=v2, description_fr="x", feedback=[foreign])


def test_sections_of_frozen_versions_cannot_be_saved_through_the_orm(tor):
    version = TorVersionFactory(tor=tor, status=VersionStatus.ADOPTED)
    section = TorSection.objects.filter(version=version).first()
    section.text_fr = "Réécrit"
    with pytest.raises(IntegrityError), transaction.atomic():
        section.save()
