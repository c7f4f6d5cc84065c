import pytest
from django.db import IntegrityError, transaction

from terms.models import TorSection, TorVersion, VersionStatus
from terms.selectors import tor_adopted_version
from tests.factories import TorFactory, TorSectionFactory, TorVersionFactory


@pytest.mark.django_db
class TestFactoriesAndSelector:
    def test_it_builds_a_frozen_version_with_hash(self, city):
        version = TorVersionFactory(tor=TorFactory(city=city), status=VersionStatus.FINAL)
        assert version.status == VersionStatus.FINAL
        assert version.sections.count() == 2
        assert version.sha256 == version.compute_sha256()
        assert len(version.sha256) == 64
        assert version.frozen_at is not None

    def test_it_numbers_versions_in_sequence(self, city):
        tor = TorFactory(city=city)
        assert [TorVersionFactory(tor=tor, status="presented").number, TorVersionFactory(tor=tor).number] == [1, 2]

    def test_it_returns_the_adopted_version_or_none(self, city, other_city):
        tor = TorFactory(city=city)
        TorVersionFactory(tor=tor, status=VersionStatus.SUPERSEDED)
        assert tor_adopted_version(city=city) is None
        adopted = TorVersionFactory(tor=tor, status=VersionStatus.ADOPTED)
        TorVersionFactory(tor=TorFactory(city=other_city), status=VersionStatus.FINAL)
        assert tor_adopted_version(city=city) == adopted
        assert tor_adopted_version(city=other_city) is None

    def test_it_builds_a_section_on_a_draft(self):
        section = TorSectionFactory()
        assert section.version.status == VersionStatus.DRAFT


@pytest.mark.django_db
class TestDatabaseGuard:
    def test_it_refuses_a_raw_update_of_a_frozen_section(self):
        version = TorVersionFactory(status=VersionStatus.PRESENTED)
        with pytest.raises(IntegrityError), transaction.atomic():
            TorSection.objects.filter(version=version).update(text_fr="changé")
        assert not TorSection.objects.filter(text_fr="changé").exists()

    def test_it_refuses_a_raw_insert_into_a_frozen_version(self):
        version = TorVersionFactory(status=VersionStatus.FINAL)
        with pytest.raises(IntegrityError), transaction.atomic():
            TorSection.objects.create(version=version, position=9, heading_fr="Nouveau")

    def test_it_refuses_a_hash_change_or_a_return_to_draft(self):
        version = TorVersionFactory(status=VersionStatus.FINAL)
        with pytest.raises(IntegrityError), transaction.atomic():
            TorVersion.objects.filter(pk=version.pk).update(sha256="0" * 64)
        with pytest.raises(IntegrityError), transaction.atomic():
            TorVersion.objects.filter(pk=version.pk).update(status="draft", frozen_at=None, sha256="")

    def test_it_allows_raw_updates_of_draft_sections(self):
        version = TorVersionFactory()
        assert TorSection.objects.filter(version=version).update(text_fr="changé") == 2

    def test_it_allows_one_draft_per_tor(self):
        tor = TorFactory()
        TorVersionFactory(tor=tor)
        with pytest.raises(IntegrityError), transaction.atomic():
            TorVersionFactory(tor=tor)
