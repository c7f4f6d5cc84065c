"""Duplicates found across scripts, the choice per row, and the commit's atomicity."""

import pytest

from imports.models import ImportBatch
from imports.services import import_batch_commit, import_batch_set_choices
from stakeholders.models import Contact, Stakeholder
from tests.factories import ContactFactory, StakeholderFactory

from .conftest import ROW_ASSOCIATION, ROW_OIM, csv_file, xlsx_file

pytestmark = pytest.mark.django_db


def _batch(upload, rows, **kwargs):
    response = upload(csv_file(rows, **kwargs))
    assert response.status_code == 302
    return ImportBatch.objects.get()


def test_a_name_with_other_accents_and_case_is_the_same_stakeholder(upload, city):
    oim = StakeholderFactory(city=city, name_fr="organisation internationale pour les migrations", name_ar="")
    batch = _batch(upload, [ROW_OIM])
    row = batch.rows[0]
    assert row["matches"] == [[oim.pk, 1.0, True]]
    assert (row["choice"], row["target"]) == ("update", oim.pk)


def test_accents_are_set_aside(upload, city):
    existing = StakeholderFactory(city=city, name_fr="Société civile de Tunis", name_ar="")
    batch = _batch(upload, [{**ROW_ASSOCIATION, "name_fr": "SOCIETE CIVILE DE TUNIS", "name_ar": ""}])
    assert batch.rows[0]["matches"] == [[existing.pk, 1.0, True]]


@pytest.mark.parametrize(
    "in_registry, in_file",
    [
        ("جمعية الأمل للمهاجرين", "جمعيه الامل للمهاجرين"),  # hamza and ta marbuta
        ("جمعيه الامل للمهاجرين", "جمعية الأمل للمهاجرين"),
        ("مؤسسة إدماج", "موسسه ادماج"),
    ],
)
def test_an_arabic_name_with_or_without_hamza_or_ta_marbuta_is_the_same(upload, city, in_registry, in_file):
    existing = StakeholderFactory(city=city, name_fr="Une association", name_ar=in_registry)
    batch = _batch(upload, [{**ROW_ASSOCIATION, "name_fr": "Association X", "name_ar": in_file}])
    assert batch.rows[0]["matches"][0] == [existing.pk, 1.0, True]
    assert batch.rows[0]["choice"] == "update"


def test_a_merely_similar_name_is_offered_but_skipped_by_default(client, upload, city):
    existing = StakeholderFactory(city=city, name_fr="Organisation Internationale pour la Migration", name_ar="")
    batch = _batch(upload, [ROW_OIM])
    [(pk, similarity, exact)] = batch.rows[0]["matches"]
    assert (pk, exact, batch.rows[0]["choice"]) == (existing.pk, False, "skip")
    assert 0.85 <= similarity < 1
    page = client.get(f"/fr/c/tunis/imports/{batch.pk}/").content.decode()
    assert (
        f'<option value="update:{existing.pk}">Mettre à jour « Organisation Internationale pour la Migration »</option>'
        in page
    )
    assert '<option value="create">Créer une nouvelle partie prenante</option>' in page


def test_the_same_name_twice_in_the_file_is_an_error_on_the_second(client, upload, city):
    batch = _batch(upload, [ROW_ASSOCIATION, {**ROW_ASSOCIATION, "name_fr": "ASSOCIATION TERRE D’ASILE TUNISIE"}])
    assert [r["valid"] for r in batch.rows] == [True, False]
    assert (
        "Le même nom figure à la ligne 2 du fichier." in client.get(f"/fr/c/tunis/imports/{batch.pk}/").content.decode()
    )


def test_choices_create_update_skip(client, upload, city):
    oim = StakeholderFactory(city=city, name_fr="Organisation internationale pour les migrations", influence=1)
    ContactFactory(stakeholder=oim, name="Ancien contact", email="ancien@example.org", is_primary=True)
    similar = StakeholderFactory(city=city, name_fr="Association Terre d'Asile Tunisia", name_ar="")
    skipped = {**ROW_ASSOCIATION, "name_fr": "Une troisième", "name_ar": ""}
    batch = _batch(upload, [ROW_OIM, ROW_ASSOCIATION, skipped])
    response = client.post(
        f"/fr/c/tunis/imports/{batch.pk}/commit/",
        {"row-0": f"update:{oim.pk}", "row-1": "create", "row-2": "skip"},
        follow=True,
    )
    assert "Import terminé : 1 créées, 1 mises à jour, 0 inchangées, 1 ignorées." in response.content.decode()
    oim.refresh_from_db()
    assert (oim.name_fr, oim.influence, oim.name_ar) == (ROW_OIM["name_fr"], 4, "المنظمة الدولية للهجرة")
    primary = Contact.objects.get(stakeholder=oim, is_primary=True)
    assert primary.email == "sonia.haddad@example.org"
    assert Contact.objects.filter(stakeholder=oim).count() == 2  # the old one stays, no longer primary
    assert Stakeholder.objects.filter(city=city, name_fr=ROW_ASSOCIATION["name_fr"]).exists()
    assert Stakeholder.objects.filter(pk=similar.pk, name_fr="Association Terre d'Asile Tunisia").exists()
    assert not Stakeholder.objects.filter(name_fr="Une troisième").exists()


def test_a_forged_choice_is_ignored(upload, city, other_city):
    outsider = StakeholderFactory(city=other_city, name_fr="Ailleurs")
    batch = _batch(upload, [ROW_ASSOCIATION])
    assert import_batch_set_choices(batch=batch, choices={0: f"update:{outsider.pk}", 7: "create", -1: "skip"}) == 0
    assert import_batch_set_choices(batch=batch, choices={0: "drop table"}) == 0
    batch.refresh_from_db()
    assert (batch.rows[0]["choice"], batch.rows[0]["target"]) == ("create", None)


def test_creating_a_name_already_in_the_registry_is_not_offered(upload, city):
    existing = StakeholderFactory(city=city, name_fr=ROW_ASSOCIATION["name_fr"])
    batch = _batch(upload, [ROW_ASSOCIATION])
    assert import_batch_set_choices(batch=batch, choices={0: "create"}) == 0
    assert batch.rows[0]["target"] == existing.pk


def test_an_error_in_the_commit_leaves_nothing(upload, city):
    first = {**ROW_ASSOCIATION, "name_fr": "Première association", "name_ar": ""}
    second = {**ROW_OIM, "name_ar": ""}
    batch = _batch(upload, [first, second])
    assert [r["choice"] for r in batch.rows] == ["create", "create"]
    # Between the preview and the commit, someone registers the second row's organisation.
    StakeholderFactory(city=city, name_fr="ORGANISATION INTERNATIONALE POUR LES MIGRATIONS", name_ar="")
    before = set(Stakeholder.objects.values_list("pk", flat=True))
    with pytest.raises(Exception, match="Ligne 3"):
        import_batch_commit(batch=batch)
    assert set(Stakeholder.objects.values_list("pk", flat=True)) == before
    assert not Contact.objects.exists()
    assert ImportBatch.objects.get().committed_at is None


def test_the_commit_page_says_nothing_was_imported(client, upload, city):
    batch = _batch(upload, [ROW_ASSOCIATION, ROW_OIM])
    StakeholderFactory(city=city, name_fr="Organisation internationale pour les migrations", name_ar="")
    response = client.post(f"/fr/c/tunis/imports/{batch.pk}/commit/", follow=True)
    assert "Rien n’a été importé : Ligne 3 :" in response.content.decode()
    assert not Stakeholder.objects.filter(name_fr=ROW_ASSOCIATION["name_fr"]).exists()


def test_a_batch_is_imported_once(client, upload, city):
    batch = _batch(upload, [ROW_ASSOCIATION])
    client.post(f"/fr/c/tunis/imports/{batch.pk}/commit/")
    response = client.post(f"/fr/c/tunis/imports/{batch.pk}/commit/", follow=True)
    assert "Cet import n’est plus disponible" in response.content.decode()
    assert Stakeholder.objects.filter(name_fr=ROW_ASSOCIATION["name_fr"]).count() == 1


def test_an_inactive_row_is_created_inactive(client, upload, city):
    response = upload(xlsx_file([{**ROW_ASSOCIATION, "is_active": "non"}]))
    client.post(response.url + "commit/")
    created = Stakeholder.objects.get(name_fr=ROW_ASSOCIATION["name_fr"])
    assert created.is_active is False and created.deactivated_at is not None


def test_discard(client, upload, city):
    batch = _batch(upload, [ROW_ASSOCIATION])
    response = client.post(f"/fr/c/tunis/imports/{batch.pk}/discard/", follow=True)
    assert "Le fichier téléversé a été abandonné : rien n’a été importé." in response.content.decode()
    assert not ImportBatch.objects.exists() and not Stakeholder.objects.exists()
