"""Property-based tests: free text in French, Arabic and worse, through the forms, services and views.

Never a server error; what a form accepts is saved and reads back equal to the form's cleaned value
(Django's CharField strips surrounding whitespace; the contact form also collapses inner whitespace, as
ContactForm.clean_name/clean_phone document); what a service accepts reads back exactly.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.text import normalize_search_text
from links.services import link_issue
from planning.models import MappingItem
from stakeholders.forms import ContactForm, StakeholderForm
from stakeholders.models import Category, Contact, Level, Stakeholder
from stakeholders.services import contact_create, stakeholder_create
from terms.models import TorSection
from tests.factories import DomainFactory, StakeholderFactory, TorVersionFactory

from .world import World

# Letters of both scripts with what real input brings: harakat, tatweel, Arabic-Indic digits, direction
# marks, zero-width joiners, typographic quotes, ligatures, tabs and newlines, NUL, emoji.
CHARS = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0x0020, max_codepoint=0x024F),
    st.sampled_from(["\u200e", "\u200f", "\u200c", "\u200d", "\u0640", "\u2019", "\u0153", "\t", "\n", "\r", "\x00"]),
    st.sampled_from(["<", ">", "&", '"', "'", "😀", "\u202e"]),
)
# Template and format syntax too, which must come out as typed.
PIECES = st.one_of(CHARS, st.sampled_from(["{{ x }}", "{% now 'Y' %}", "%(name)s", "%s", "<b>", "&amp;"]))


def _text(min_size=0, max_size=220):
    return st.lists(PIECES, min_size=min_size, max_size=max_size // 3).map("".join).filter(lambda t: len(t) <= max_size)


TEXT = _text()
NAME = _text(min_size=1, max_size=210)
FAST = settings(
    max_examples=25,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def _in_savepoint(fn):
    """Run one example and undo its writes, so examples do not see each other's rows."""
    try:
        with transaction.atomic():
            fn()
            raise _Rollback
    except _Rollback:
        pass


def _stakeholder_data(name_fr, name_ar, acronym, notes):
    return {
        "name_fr": name_fr,
        "name_ar": name_ar,
        "acronym_fr": acronym,
        "acronym_ar": acronym,
        "category": Category.CIVIL_SOCIETY,
        "level": Level.LOCAL,
        "influence": "3",
        "interest": "4",
        "is_active": "on",
        "notes": notes,
    }


@FAST
@given(name_fr=NAME, name_ar=NAME, acronym=_text(max_size=35), notes=TEXT)
def test_the_stakeholder_form_saves_what_it_accepts(city, name_fr, name_ar, acronym, notes):
    def example():
        form = StakeholderForm(_stakeholder_data(name_fr, name_ar, acronym, notes), city=city)
        if not form.is_valid():
            assert form.errors  # refused with a message, never an exception
            return
        cleaned = form.cleaned_data
        assert cleaned["name_fr"] == name_fr.strip() and cleaned["name_ar"] == name_ar.strip()
        kwargs = form.service_kwargs()  # empty optional fields become ""
        saved = stakeholder_create(city=city, **kwargs)
        saved = Stakeholder.objects.get(pk=saved.pk)
        fields = ("name_fr", "name_ar", "acronym_fr", "acronym_ar", "notes")
        assert {f: getattr(saved, f) for f in fields} == {f: kwargs[f] for f in fields}
        assert kwargs["acronym_fr"] == acronym.strip() and kwargs["notes"] == notes.strip()
        assert normalize_search_text(saved.name_fr) in saved.search_text
        assert normalize_search_text(saved.name_ar) in saved.search_text

    _in_savepoint(example)


@FAST
@given(name_fr=NAME, name_ar=_text(max_size=210))
def test_the_stakeholder_service_stores_text_exactly_or_refuses_it(city, name_fr, name_ar):
    def example():
        try:
            saved = stakeholder_create(
                city=city, name_fr=name_fr, name_ar=name_ar, category=Category.ACADEMIA, level=Level.NATIONAL
            )
        except ValidationError as exc:
            assert exc.messages
            return
        saved = Stakeholder.objects.get(pk=saved.pk)
        assert (saved.name_fr, saved.name_ar) == (name_fr, name_ar)

    _in_savepoint(example)


@FAST
@given(name=NAME, function=TEXT, phone=st.text(st.sampled_from("+0123456789 .-()٠١٢"), max_size=30))
def test_the_contact_form_saves_what_it_accepts(city, name, function, phone):
    def example():
        stakeholder = StakeholderFactory(city=city)
        data = {"name": name, "function": function, "email": "", "phone": phone, "language": "ar"}
        form = ContactForm(data, stakeholder=stakeholder)
        if not form.is_valid():
            assert form.errors
            return
        cleaned = form.cleaned_data
        assert cleaned["name"] == " ".join(name.split())
        assert cleaned["phone"] == " ".join(phone.split())
        saved = contact_create(stakeholder=stakeholder, **form.service_kwargs())
        saved = Contact.objects.get(pk=saved.pk)
        assert (saved.name, saved.function, saved.phone) == (cleaned["name"], cleaned["function"], cleaned["phone"])

    _in_savepoint(example)


def _post_never_fails(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500, getattr(response, "exc_info", None)
    return response


@FAST
@given(name_fr=TEXT, name_ar=TEXT, notes=TEXT)
def test_the_stakeholder_pages_never_fail_on_free_text(city, eve, name_fr, name_ar, notes):
    client = Client(raise_request_exception=False)
    client.force_login(eve)

    def example():
        data = {**_stakeholder_data(name_fr, name_ar, "", notes), "create_anyway": ""}
        response = _post_never_fails(client, f"/fr/c/{city.slug}/stakeholders/new/", data)
        if response.status_code == 302:
            saved = Stakeholder.objects.get(city=city)
            assert (saved.name_fr, saved.name_ar, saved.notes) == (name_fr.strip(), name_ar.strip(), notes.strip())
        for query in (name_fr, name_ar):
            assert client.get(f"/fr/c/{city.slug}/stakeholders/", {"q": query}).status_code < 500

    _in_savepoint(example)


@FAST
@given(heading_fr=TEXT, heading_ar=TEXT, text_fr=TEXT, text_ar=TEXT)
def test_the_tor_section_page_never_fails_on_free_text(city, eve, heading_fr, heading_ar, text_fr, text_ar):
    client = Client(raise_request_exception=False)
    client.force_login(eve)

    def example():
        version = TorVersionFactory(tor__city=city, sections=0)  # a draft
        data = {"heading_fr": heading_fr, "heading_ar": heading_ar, "text_fr": text_fr, "text_ar": text_ar}
        response = _post_never_fails(client, f"/fr/c/{city.slug}/terms/v/{version.number}/sections/add/", data)
        if response.status_code == 302 and TorSection.objects.filter(version=version).exists():
            saved = TorSection.objects.get(version=version)
            assert (saved.heading_fr, saved.heading_ar) == (heading_fr.strip(), heading_ar.strip())

    _in_savepoint(example)


@FAST
@given(text_fr=TEXT, text_ar=TEXT)
def test_the_planning_mapping_page_never_fails_on_free_text(city, eve, text_fr, text_ar):
    domain = DomainFactory(code="health")
    client = Client(raise_request_exception=False)
    client.force_login(eve)

    def example():
        data = {"kind": "need", "text_fr": text_fr, "text_ar": text_ar, "domain": domain.pk}
        response = _post_never_fails(client, f"/fr/c/{city.slug}/planning/mapping/new/", data)
        if response.status_code == 302:
            saved = MappingItem.objects.get(city=city)
            assert (saved.text_fr, saved.text_ar) == (text_fr.strip(), text_ar.strip())

    _in_savepoint(example)


@FAST
@given(signed_name=TEXT, reason=TEXT, action=st.sampled_from(["ratify", "decline", "", "other"]))
def test_the_ratification_page_never_fails_on_free_text(world, signed_name, reason, action):
    def example():
        rr = World(world.city).get("ratification")  # a fresh one: the savepoint undoes each example
        issued = link_issue(
            target=rr, purpose="ratification", expires_at=timezone.now() + timedelta(days=3), language="ar"
        )
        client = Client(raise_request_exception=False)
        client.get(issued.url.split("example.org", 1)[1])
        data = {
            "action": action,
            "sha256": rr.version.sha256,
            "confirm": "on",
            "signed_name": signed_name,
            "reason": reason,
        }
        _post_never_fails(client, "/ar/p/terms/ratify/", data)
        rr.refresh_from_db()
        if rr.status == "ratified":
            assert rr.signed_name == " ".join(signed_name.split()) or rr.signed_name == signed_name.strip()

    _in_savepoint(example)
