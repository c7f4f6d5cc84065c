"""The demo's searches give the same results on SQLite and on PostgreSQL.

This module runs on whichever database DATABASE_URL names (CI runs the suite on both). Each query's results
are checked three ways: against literal counts (the same figures on both databases), against an oracle that
normalises every row in Python with common.text (the rule the search promises), and search_norm() in the
database must give what common.text gives for every searched field of the demo.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from cities.models import City
from common.text import normalize_search_text
from search import selectors
from search.selectors import SearchNorm

KIND_KEYS = [k.key for k in selectors.KINDS]


def words(text):
    return re.findall(r"\w+", text)


# query -> results per kind, in KIND_KEYS order:
# stakeholders, contacts, consultations, agenda items, ToR sections, actions, indicators.
DEMO_QUERIES = {
    "منظمة": (2, 0, 0, 0, 0, 0, 0),  # finds «المنظمة الدولية للهجرة»: the article is part of the word
    "المنظمة": (1, 0, 0, 0, 0, 0, 0),
    "الهجرة": (1, 0, 0, 0, 4, 0, 0),
    "هجره": (3, 0, 0, 0, 4, 0, 0),  # teh marbuta typed as heh
    "migration": (2, 5, 0, 0, 4, 0, 0),
    "equipe": (1, 0, 0, 0, 0, 0, 0),  # finds «Équipe»
    "societe": (0, 1, 0, 0, 2, 0, 0),
    "santé": (1, 1, 0, 0, 0, 1, 1),
    "الصحة": (1, 0, 0, 0, 0, 0, 0),
    "OIM": (1, 0, 0, 0, 0, 0, 0),
    "consultation": (0, 0, 4, 0, 4, 0, 1),
    "الاختصاصات": (0, 0, 1, 1, 6, 0, 0),
    "tunis": (12, 1, 0, 0, 2, 1, 0),
    "تونس": (12, 0, 0, 0, 2, 1, 0),
    "accueil": (0, 0, 0, 0, 0, 1, 1),
    "association": (1, 0, 0, 0, 1, 3, 0),
    "المصادقة": (0, 0, 1, 0, 4, 0, 0),
    "gouvernance": (0, 0, 0, 0, 2, 0, 0),
    "zzzz": (0, 0, 0, 0, 0, 0, 0),
}


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield City.objects.get(slug="tunis")
        transaction.set_rollback(True)


def _oracle(kind, city, words):
    """The rows of the kind holding every word in one of their fields, normalised in Python."""
    fields = [*kind.normalised_fields, *kind.fields]
    found = set()
    for values in kind.rows(city).values_list("pk", *fields):
        texts = [normalize_search_text(v or "") for v in values[1:]]
        if all(any(w in t for t in texts) for w in words):
            found.add(values[0])
    return found


@pytest.mark.parametrize("query", list(DEMO_QUERIES))
def test_the_demo_gives_the_same_results_on_every_database(db, demo_city, query):
    words = selectors.search_words(query)
    counts = []
    for kind in selectors.KINDS:
        found = set(selectors.kind_results(kind, city=demo_city, words=words).values_list("pk", flat=True))
        assert found == _oracle(kind, demo_city, words), kind.key
        counts.append(len(found))
    assert tuple(counts) == DEMO_QUERIES[query]


@pytest.mark.parametrize("kind_key", [k for k in KIND_KEYS if k != "stakeholders"])
def test_the_databases_normalisation_is_common_texts(db, demo_city, kind_key):
    kind = next(k for k in selectors.KINDS if k.key == kind_key)
    for field in kind.fields:
        rows = kind.rows(demo_city).annotate(norm=SearchNorm(F(field))).values_list(field, "norm")
        for value, norm in rows:
            # Letters and digits compared: search words are made of them (search_words), and unaccent
            # spells some punctuation its own way (« as <<).
            assert words(norm) == words(normalize_search_text(value or "")), (field, value)


@pytest.mark.parametrize(
    "text",
    ["أإآٱ ؤئ ىة", "مُنَظَّمَة", "منـــظمة", "Équipe ÉTÉ œuvre Cœur", "e\u0301te\u0301", "٠١٢٣ ۴۵", "l’équipe – ok"],
)
def test_search_norm_folds_as_common_text(db, demo_city, text):
    city = City.objects.annotate(norm=SearchNorm(F("name_fr"))).filter(pk=demo_city.pk)
    City.objects.filter(pk=demo_city.pk).update(name_fr=text)
    assert words(city.get().norm) == words(normalize_search_text(text))
