"""The inventory's pages: forms and their translated messages, lists that paginate, the coordinator's views
in French and in Arabic (right to left)."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages

from inventory.models import Programme
from tests.factories import MappingItemFactory, ProgrammeFactory

BASE = "/fr/c/tunis/inventory/"
AR = "/ar/c/tunis/inventory/"


def _messages(response) -> list[tuple[str, str]]:
    """The messages this response added (earlier ones, not yet shown, come first in the storage)."""
    stored = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    return stored[-1:]


@pytest.fixture
def form_data(lead, partner, health, need):
    return {
        "title_fr": "Permanence juridique",
        "title_ar": "حصص إرشاد قانوني",
        "lead": lead.pk,
        "partners": [partner.pk],
        "domains": [health.pk],
        "target_groups": ["workers", "students"],
        "coverage": "districts",
        "districts_fr": "Centre-ville",
        "start_month": "2020-T1",
        "end_month": "2026-12",
        "status": "running",
        "amount": "90 000",
        "currency": "EUR",
        "funding_source_fr": "Fondation privée",
        "source": "Présentation à la consultation 1",
        "mapping_items": [need.pk],
    }


# --- Programmes -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "message"),
    [(BASE, "Programme « Permanence juridique » enregistré."), (AR, "تم تسجيل البرنامج «حصص إرشاد قانوني».")],
)
def test_recording_a_programme_says_so_in_the_users_language(client, eve, form_data, prefix, message, need):
    client.force_login(eve)
    response = client.post(prefix + "new/", form_data)
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert _messages(response) == [("success", message)]
    assert (programme.start_month, programme.end_month) == (datetime.date(2020, 1, 1), datetime.date(2026, 12, 1))
    assert str(programme.amount) == "90000.00"
    assert list(programme.mapping_items.all()) == [need]


def test_a_wrong_form_says_nothing_was_saved_and_shows_the_errors(client, eve, form_data):
    client.force_login(eve)
    form_data |= {"end_month": "2019-01", "target_groups": [], "currency": ""}
    response = client.post(AR + "new/", form_data)
    assert response.status_code == 200
    assert not Programme.objects.exists()
    assert _messages(response) == [("danger", "لم يُحفظ أي شيء: انظر الأخطاء أدناه.")]
    html = response.content.decode()
    assert "لا يمكن أن تسبق النهاية البداية." in html
    assert "حدّد عملة المبلغ." in html
    assert '<html lang="ar" dir="rtl">' in html


def test_a_duplicate_title_is_an_error_on_the_form(client, eve, form_data, programme):
    client.force_login(eve)
    response = client.post(BASE + "new/", form_data | {"title_fr": "AIDE AU RETOUR VOLONTAIRE"})
    assert response.status_code == 200
    assert "Un programme portant ce titre existe déjà." in response.content.decode()


def test_editing_a_programme(client, eve, programme, form_data):
    client.force_login(eve)
    response = client.get(BASE + f"{programme.pk}/edit/")
    html = response.content.decode()
    assert re.search(r'value="returnees"[^>]*checked', html)  # the target groups it has, ticked
    assert not re.search(r'value="students"[^>]*checked', html)
    form_data["status"] = "ended"
    response = client.post(BASE + f"{programme.pk}/edit/", form_data)
    assert response.status_code == 302
    assert _messages(response) == [("success", "Modifications enregistrées.")]
    programme.refresh_from_db()
    assert (programme.status, programme.title_fr) == ("ended", "Permanence juridique")


def test_deleting_a_programme_that_no_longer_exists_says_so(client, alice, programme):
    client.force_login(alice)
    response = client.post(BASE + f"{programme.pk}/delete/")
    assert _messages(response) == [("success", "Programme « Aide au retour volontaire » supprimé.")]
    response = client.post(AR + f"{programme.pk}/delete/")
    assert _messages(response) == [("danger", "هذا البرنامج لم يعد موجودا.")]


def test_the_programme_page_shows_its_links_and_assessment(client, bob, assessment, need):
    client.force_login(bob)
    html = client.get(AR + f"{assessment.programme.pk}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "المساعدة على العودة الطوعية" in html
    assert need.text_ar in html  # the need of the mapping it relates to
    assert "شبّاك معروف لدى الجمعيات." in html  # what works, in Arabic
    assert "قاعدة تشاتام هاوس" in html
    assert "4 – جيد" in html


def test_the_list_filters_and_paginates(client, bob, city, health, housing):
    for n in range(30):
        ProgrammeFactory(city=city, title_fr=f"Programme {n:02}", domains=[health if n % 3 else housing])
    client.force_login(bob)
    first = client.get(BASE).content.decode()
    assert "Programme 00" in first and "Programme 25" not in first
    assert "Page 1 sur 2" in first
    second = client.get(BASE + "?page=2").content.decode()
    assert "Programme 25" in second
    filtered = client.get(BASE + f"?domain={housing.pk}").content.decode()
    assert "Programme 03" in filtered and "Programme 01" not in filtered
    assert "Page 1 sur" not in filtered  # 10 programmes: one page


# --- Assessment -------------------------------------------------------------------------------------------------


def test_assessing_a_programme_in_arabic(client, eve, programme, criterion, consultation1):
    client.force_login(eve)
    page = client.get(AR + f"{programme.pk}/assessment/").content.decode()
    assert "الوصول" in page  # the criterion, in Arabic
    assert "قاعدة تشاتام هاوس" in page
    response = client.post(
        AR + f"{programme.pk}/assessment/",
        {
            "assessed_on": "2023-11-07",
            "consultation": consultation1.pk,
            "positives_fr": "Procédure claire.",
            "positives_ar": "إجراءات واضحة.",
            f"rating_{criterion.pk}": "5",
        },
    )
    assert response.status_code == 302
    assert _messages(response) == [("success", "تم حفظ التقييم.")]
    assert programme.assessment.ratings.get().score == 5


def test_an_assessment_before_consultation_1_is_refused_with_the_reason(client, eve, programme, consultation1):
    client.force_login(eve)
    response = client.post(BASE + f"{programme.pk}/assessment/", {"assessed_on": "2023-01-10", "gaps_fr": "Tôt."})
    assert response.status_code == 200
    assert _messages(response) == [("danger", "Rien n'a été enregistré : voyez les erreurs ci-dessous.")]
    assert "Les programmes sont évalués lors de la consultation 1 ou après (2023-11-07)." in response.content.decode()


def test_deleting_an_assessment_twice(client, eve, assessment):
    client.force_login(eve)
    url = BASE + f"{assessment.programme.pk}/assessment/delete/"
    assert _messages(client.post(url)) == [("success", "Évaluation supprimée.")]
    assert _messages(client.post(url)) == [("danger", "Ce programme n'a pas d'évaluation.")]


# --- Criteria ---------------------------------------------------------------------------------------------------


def test_criteria_messages(client, eve, assessment, criterion):
    client.force_login(eve)
    response = client.post(BASE + "criteria/new/", {"name_fr": "Coordination", "name_ar": "التنسيق"})
    assert _messages(response) == [("success", "Critère « Coordination » ajouté.")]
    response = client.post(BASE + "criteria/new/", {"name_fr": "Coordination"})
    assert response.status_code == 200 and "Un critère portant ce nom existe déjà." in response.content.decode()
    response = client.post(AR + f"criteria/{criterion.pk}/delete/")
    assert _messages(response) == [("danger", "يُقيَّم على هذا المعيار برنامج واحد: امحُ تقديره قبل حذف المعيار.")]
    response = client.post(BASE + f"criteria/{criterion.pk}/edit/", {"name_fr": "Portée réelle", "position": ""})
    assert _messages(response) == [("success", "Modifications enregistrées.")]
    criterion.refresh_from_db()
    assert (criterion.name_fr, criterion.position) == ("Portée réelle", 1)


# --- The coordinator's questions ------------------------------------------------------------------------------


def test_the_matrix_links_each_count_to_the_programmes(client, bob, programme, lead, health):
    client.force_login(bob)
    html = client.get(BASE + "matrix/").content.decode()
    assert f'href="/fr/c/tunis/inventory/?stakeholder={lead.pk}&amp;domain={health.pk}"' in html
    assert "Organisation internationale pour les migrations" in html
    arabic = client.get(AR + "matrix/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic and "المنظمة الدولية للهجرة" in arabic


def test_the_gaps_page(client, bob, city, programme, housing):
    MappingItemFactory(city=city, kind="need", domain=housing, text_fr="Hébergement en urgence", text_ar="إيواء")
    client.force_login(bob)
    html = client.get(BASE + "gaps/").content.decode()
    assert "Hébergement en urgence" in html  # housing: a need, no programme
    assert "Accès limité aux soins" not in html  # health: the programme runs
    assert "Victimes de la traite" in html and "Personnes de retour" not in html
    arabic = client.get(AR + "gaps/").content.decode()
    assert "إيواء" in arabic and "ضحايا الاتجار بالبشر" in arabic


def test_the_overlaps_page(client, bob, city, programme, health):
    twin = ProgrammeFactory(
        city=city, title_fr="Retour et réintégration", domains=[health], target_groups=["returnees"]
    )
    client.force_login(bob)
    html = client.get(BASE + "overlaps/").content.decode()
    assert "Aide au retour volontaire" in html and twin.title_fr in html and "Personnes de retour" in html
    twin.status = "planned"
    twin.save()
    assert "Aucun chevauchement" in client.get(BASE + "overlaps/").content.decode()


def test_the_timeline_is_mirrored_in_arabic(client, bob, programme, city, health):
    ProgrammeFactory(city=city, domains=[health], end_month=None, title_fr="Service permanent")
    client.force_login(bob)
    french = client.get(BASE + "timeline/").content.decode()
    arabic = client.get(AR + "timeline/").content.decode()
    assert 'direction="ltr"' in french and 'direction="rtl"' in arabic
    assert "Service permanent · " in french and "sans date de fin" in french
    assert 'stroke-dasharray="4 3"' in french  # the open-ended programme


def test_the_needs_page_lists_linked_programmes(client, bob, programme, need, city, housing):
    MappingItemFactory(city=city, kind="opportunity", domain=housing, text_fr="Logements vacants")
    client.force_login(bob)
    html = client.get(BASE + "needs/").content.decode()
    assert "Accès limité aux soins" in html and "Aide au retour volontaire" in html
    assert "Logements vacants" in html and "Aucun programme pour l'instant" in html


def test_the_report_page_offers_the_downloads(client, bob, assessment):
    client.force_login(bob)
    html = client.get(AR + "report/").content.decode()
    for code in ("fr", "ar", "bi"):
        assert f'href="/ar/c/tunis/inventory/report/pdf/{code}/"' in html
    assert 'href="/ar/c/tunis/inventory/report.xlsx"' in html
    assert "الوصول" in html


def test_the_city_navigation_links_to_the_inventory(client, bob, city):
    client.force_login(bob)
    html = client.get("/fr/c/tunis/planning/").content.decode()
    assert 'aria-expanded="false">Inventaire</button>' in html  # the area's menu
    assert 'href="/fr/c/tunis/inventory/">Programmes</a>' in html
    html = client.get("/ar/c/tunis/planning/").content.decode()
    assert 'aria-expanded="false">الجرد</button>' in html
    assert 'href="/ar/c/tunis/inventory/">البرامج</a>' in html


def test_an_unknown_pdf_language_is_not_found(client, bob, city):
    client.force_login(bob)
    assert client.get(BASE + "report/pdf/en/").status_code == 404
