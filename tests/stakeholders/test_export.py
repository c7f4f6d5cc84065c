import csv
import io

import openpyxl
import pytest
from django.utils import translation

from stakeholders.models import Category, Domain, Level
from stakeholders.selectors import RegistryFilters, domain_list, stakeholder_rows
from tests.factories import ContactFactory, StakeholderFactory

URL = "/fr/c/tunis/stakeholders/export.csv"


def _rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


@pytest.fixture
def registry(city, other_city):
    oim = StakeholderFactory(
        city=city,
        name_fr="Organisation internationale pour les migrations",
        name_ar="المنظمة الدولية للهجرة",
        acronym_fr="OIM",
        category=Category.INTERNATIONAL_ORGANISATION,
        level=Level.INTERNATIONAL,
        influence=4,
        interest=5,
        notes='=HYPERLINK("http://evil")',
        domains=list(Domain.objects.filter(code__in=["health", "legal-aid"])),
    )
    ContactFactory(
        stakeholder=oim,
        name="Inès Haddad",
        function="Chargée de projet",
        email="ines@example.org",
        phone="+216 71 860 312",
        language="fr",
        is_primary=True,
    )
    ContactFactory(stakeholder=oim, name="Autre personne", is_primary=False)
    StakeholderFactory(
        city=city,
        name_fr="Agence Tunis Afrique Presse",
        name_ar="وكالة تونس إفريقيا للأنباء",
        acronym_fr="TAP",
        acronym_ar="وات",
        category=Category.MEDIA,
        level=Level.NATIONAL,
        influence=2,
        interest=2,
    )
    StakeholderFactory(city=city, name_fr="Ancien membre", is_active=False)
    StakeholderFactory(city=other_city, name_fr="Sfax seulement")


HEADER_FR = [
    "Nom en français",
    "Nom en arabe",
    "Sigle en français",
    "Sigle en arabe",
    "Catégorie",
    "Niveau",
    "Domaines d'expertise",
    "Influence",
    "Intérêt",
    "Active",
    "Date d'adhésion",
    "Notes",
    "Contact principal",
    "Fonction du contact",
    "Courriel du contact",
    "Téléphone du contact",
    "Langue du contact",
]


def test_it_exports_the_filtered_registry_with_primary_contacts_for_members(client, eve, registry):
    client.force_login(eve)
    response = client.get(URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="registry-tunis-')
    assert _rows(response) == [
        HEADER_FR,
        [
            "Agence Tunis Afrique Presse",
            "وكالة تونس إفريقيا للأنباء",
            "TAP",
            "وات",
            "Médias",
            "National",
            "",
            "2",
            "2",
            "oui",
            "2023-11-07",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "Organisation internationale pour les migrations",
            "المنظمة الدولية للهجرة",
            "OIM",
            "",
            "Organisation internationale",
            "International",
            "Santé, Aide juridique et droits",
            "4",
            "5",
            "oui",
            "2023-11-07",
            '\'=HYPERLINK("http://evil")',
            "Inès Haddad",
            "Chargée de projet",
            "ines@example.org",
            "+216 71 860 312",
            "Français",
        ],
    ]


def test_it_applies_the_filters(client, bob, registry):
    client.force_login(bob)
    rows = _rows(client.get(URL, {"q": "الدوليه", "category": "international_org"}))
    assert [r[0] for r in rows[1:]] == ["Organisation internationale pour les migrations"]
    rows = _rows(client.get(URL, {"status": "inactive"}))
    assert [r[0] for r in rows[1:]] == ["Ancien membre"]
    rows = _rows(client.get(URL, {"status": "all", "sort": "influence"}))
    assert [r[0] for r in rows[1:]] == [
        "Organisation internationale pour les migrations",
        "Ancien membre",
        "Agence Tunis Afrique Presse",
    ]


def test_the_arabic_export_has_arabic_columns(client, eve, registry):
    client.force_login(eve)
    rows = _rows(client.get("/ar/c/tunis/stakeholders/export.csv", {"category": "media"}))
    assert rows[0][:6] == [
        "الاسم بالفرنسية",
        "الاسم بالعربية",
        "الاختصار بالفرنسية",
        "الاختصار بالعربية",
        "الفئة",
        "المستوى",
    ]
    assert rows[0][-1] == "لغة جهة الاتصال"
    assert rows[1][4:6] == ["وسائل الإعلام", "وطني"]
    assert rows[1][9] == "نعم"


@translation.override("fr")
def test_without_personal_data_access_the_rows_carry_no_contacts(city, registry, django_assert_num_queries):
    domains = domain_list()
    # stakeholders, their domain links: no contacts query
    with django_assert_num_queries(2):
        rows = stakeholder_rows(city=city, filters=RegistryFilters(), domains=domains, with_contacts=False)
    assert [row.contact for row in rows] == [None, None]
    with django_assert_num_queries(3):
        rows = stakeholder_rows(city=city, filters=RegistryFilters(), domains=domains, with_contacts=True)
    assert [row.contact and row.contact["name"] for row in rows] == [None, "Inès Haddad"]


def test_the_export_runs_a_constant_number_of_queries(client, eve, registry, city, django_assert_num_queries):
    for _ in range(40):
        ContactFactory(stakeholder=StakeholderFactory(city=city))
    client.force_login(eve)
    # session, user, city and role, domains for the filter form, stakeholders, domains, primary contacts
    with django_assert_num_queries(7):
        rows = _rows(client.get(URL))
    assert len(rows) == 43


def test_a_formula_in_a_name_is_defused_and_a_phone_number_is_not(client, eve, city):
    stakeholder = StakeholderFactory(city=city, name_fr='=HYPERLINK("http://evil")', acronym_fr="-2+3")
    ContactFactory(stakeholder=stakeholder, name="@Salma", phone="+216 71 860 312", is_primary=True)
    client.force_login(eve)
    row = _rows(client.get(URL))[1]
    assert row[0] == '\'=HYPERLINK("http://evil")'
    assert row[2] == "'-2+3"
    assert row[12] == "'@Salma"
    assert row[15] == "+216 71 860 312"


def _xlsx_rows(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("n", [1, 40])
def test_the_xlsx_export_has_the_csv_columns_and_a_constant_number_of_queries(
    client, eve, registry, city, n, django_assert_num_queries
):
    for _ in range(n):
        ContactFactory(stakeholder=StakeholderFactory(city=city))
    client.force_login(eve)  # an editor: the export with the contacts' columns (a viewer's has none)
    # session, user, city and role, domains for the filter form, stakeholders, domains, primary contacts
    with django_assert_num_queries(7):
        response = client.get("/fr/c/tunis/stakeholders/export.xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="registry-tunis-')
    rows = _xlsx_rows(response)
    csv_rows = _rows(client.get(URL))
    assert len(rows) == len(csv_rows) > n + 1
    assert rows[0] == csv_rows[0]
    assert [[str(value) for value in row] for row in rows] == csv_rows


def test_the_xlsx_export_defuses_formulas_and_reads_right_to_left_in_arabic(client, bob, city):
    StakeholderFactory(city=city, name_fr='=HYPERLINK("http://evil")')
    client.force_login(bob)
    response = client.get("/ar/c/tunis/stakeholders/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft is True
    assert sheet["A1"].value == "الاسم بالفرنسية"
    assert sheet["A2"].value == '\'=HYPERLINK("http://evil")' and sheet["A2"].data_type == "s"


def test_the_registry_offers_both_exports(client, bob):
    client.force_login(bob)
    html = client.get("/fr/c/tunis/stakeholders/").content.decode()
    assert 'href="/fr/c/tunis/stakeholders/export.csv"' in html
    assert 'href="/fr/c/tunis/stakeholders/export.xlsx"' in html and "Exporter (XLSX)" in html
