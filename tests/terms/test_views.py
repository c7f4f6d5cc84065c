import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from cities.models import Role
from ratification.services import ratification_send
from terms import records
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRecord, RatificationRequest, TorChange, VersionStatus
from terms.services.feedback import tor_change_create, tor_version_circulate
from terms.services.sections import tor_section_create
from terms.services.versions import tor_version_create
from tests.factories import (
    ContactFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFeedbackFactory,
    TorVersionFactory,
)
from tests.terms.conftest import make_group

pytestmark = pytest.mark.django_db

ANON, OUTSIDER = "anonymous", "outsider"
RANK = {ANON: 0, OUTSIDER: 0, Role.VIEWER: 1, Role.EDITOR: 2, Role.COORDINATOR: 3}


@pytest.fixture
def world(city, tor, django_capture_on_commit_callbacks):
    """v1 final and sent for ratification to three stakeholders; v2 a draft copied from it."""
    v1 = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
    group = make_group(city, v1)
    with django_capture_on_commit_callbacks(execute=True):
        ratification_send(TOR_RATIFICATION, version=v1)
    TorFeedbackFactory(version=v1, text="Remarque sur la version 1")
    v2 = tor_version_create(city=city)
    change = tor_change_create(version=v2, description_fr="Précision")
    rr = RatificationRequest.objects.filter(version=v1).order_by("pk").first()
    return {
        "v1": v1,
        "v2": v2,
        "group": group,
        "rr": rr,
        "section": v2.sections.first(),
        "change": change,
        "assignment": v2.role_assignments.first(),
    }


def clients(alice, eve, bob, charlie):
    out = {ANON: Client()}
    for role, user in [(OUTSIDER, charlie), (Role.VIEWER, bob), (Role.EDITOR, eve), (Role.COORDINATOR, alice)]:
        c = Client()
        c.force_login(user)
        out[role] = c
    return out


def pages(w):
    v1, v2 = w["v1"].number, w["v2"].number
    c = {"city_slug": "tunis"}
    return [
        # (method, url, data, weakest role allowed)
        ("get", reverse("terms:home", kwargs=c), None, Role.VIEWER),
        ("get", reverse("terms:version", kwargs={**c, "number": v1}), None, Role.VIEWER),
        ("get", reverse("terms:diff", kwargs={**c, "number": v2}), None, Role.VIEWER),
        ("get", reverse("terms:feedback", kwargs={**c, "number": v1}), None, Role.VIEWER),
        ("get", reverse("terms:roles", kwargs={**c, "number": v1}), None, Role.VIEWER),
        ("get", reverse("terms:tor:status", kwargs={**c, "number": v1}), None, Role.VIEWER),
        ("get", reverse("terms:tor:request", kwargs={**c, "pk": w["rr"].pk}), None, Role.VIEWER),
        ("get", reverse("terms:version_pdf", kwargs={**c, "number": v1, "language": "ar"}), None, Role.VIEWER),
        ("get", reverse("terms:version_edit", kwargs={**c, "number": v2}), None, Role.EDITOR),
        ("get", reverse("terms:section_create", kwargs={**c, "number": v2}), None, Role.EDITOR),
        ("get", reverse("terms:section_edit", kwargs={**c, "number": v2, "pk": w["section"].pk}), None, Role.EDITOR),
        ("get", reverse("terms:change_create", kwargs={**c, "number": v2}), None, Role.EDITOR),
        (
            "post",
            reverse("terms:section_move", kwargs={**c, "number": v2, "pk": w["section"].pk}),
            {"direction": "down"},
            Role.EDITOR,
        ),
        (
            "post",
            reverse("terms:feedback", kwargs={**c, "number": v1}),
            {"text": "Papier", "language": "fr"},
            Role.EDITOR,
        ),
        (
            "post",
            reverse("terms:roles", kwargs={**c, "number": v2}),
            {"stakeholder": w["group"][0].pk, "role": 1},
            Role.EDITOR,
        ),
        ("post", reverse("terms:role_remove", kwargs={**c, "number": v2, "pk": w["assignment"].pk}), {}, Role.EDITOR),
        ("post", reverse("terms:change_delete", kwargs={**c, "number": v2, "pk": w["change"].pk}), {}, Role.EDITOR),
        ("post", reverse("terms:section_delete", kwargs={**c, "number": v2, "pk": w["section"].pk}), {}, Role.EDITOR),
        ("post", reverse("terms:version_status", kwargs={**c, "number": v2}), {"status": "presented"}, Role.EDITOR),
        ("post", reverse("terms:version_create", kwargs=c), {}, Role.EDITOR),
        ("post", reverse("terms:tor:send", kwargs={**c, "number": v1}), {}, Role.COORDINATOR),
        ("post", reverse("terms:tor:remind", kwargs={**c, "pk": w["rr"].pk}), {}, Role.COORDINATOR),
        ("post", reverse("terms:tor:resend", kwargs={**c, "pk": w["rr"].pk}), {}, Role.COORDINATOR),
        ("post", reverse("terms:tor:contact", kwargs={**c, "pk": w["rr"].pk}), {"contact": 0}, Role.COORDINATOR),
        (
            "post",
            reverse("terms:tor:paper", kwargs={**c, "pk": w["rr"].pk}),
            {"decision": "ratified", "signed_name": "X"},
            Role.COORDINATOR,
        ),
        ("post", reverse("terms:tor:revoke", kwargs={**c, "pk": w["rr"].pk}), {"reason": "x"}, Role.COORDINATOR),
        ("post", reverse("terms:record_generate", kwargs={**c, "number": v1}), {"language": "fr"}, Role.COORDINATOR),
    ]


PAGE_IDS = [
    "home",
    "version",
    "diff",
    "feedback",
    "roles",
    "ratification",
    "request",
    "pdf",
    "version_edit",
    "section_create",
    "section_edit",
    "change_create",
    "section_move",
    "paper_feedback",
    "role_add",
    "role_remove",
    "change_delete",
    "section_delete",
    "status",
    "version_create",
    "send",
    "remind",
    "resend",
    "contact",
    "paper",
    "revoke",
    "record",
]


@pytest.mark.parametrize("index", range(len(PAGE_IDS)), ids=PAGE_IDS)
def test_permissions(world, alice, eve, bob, charlie, index):
    method, url, data, needed = pages(world)[index]
    for who, client in clients(alice, eve, bob, charlie).items():
        # Each request's writes are rolled back so that every role meets the same state.
        with transaction.atomic():
            response = getattr(client, method)(url, data) if method == "post" else client.get(url)
            transaction.set_rollback(True)
        if who == ANON:
            # Sent to the login page, which shows nothing of the city.
            assert response.status_code == 302, (who, url)
            assert response["Location"].startswith("/fr/accounts/login/?next="), response["Location"]
        elif who == OUTSIDER:
            assert response.status_code == 404, (who, url)
            assert b"Organisation A" not in response.content and world["v1"].sha256.encode() not in response.content
        elif RANK[who] < RANK[needed]:
            assert response.status_code == 403, (who, url)
        else:
            assert response.status_code in (200, 302), (who, url, response.status_code)


def test_a_get_on_a_write_url_is_refused(world, alice):
    client = Client()
    client.force_login(alice)
    assert client.get(reverse("terms:tor:send", kwargs={"city_slug": "tunis", "number": 1})).status_code == 405
    assert RatificationRequest.objects.filter(status="pending").count() == 3


def test_foreign_city_ids_in_forms_are_refused_with_a_message(world, alice, other_city):
    client = Client()
    client.force_login(alice)
    foreign = StakeholderFactory(city=other_city)
    url = reverse("terms:roles", kwargs={"city_slug": "tunis", "number": 2})
    response = client.post(url, {"stakeholder": foreign.pk, "role": 1})
    assert response.status_code == 200
    assert "stakeholder" in response.context["form"].errors
    assert not world["v2"].role_assignments.filter(stakeholder=foreign).exists()
    other_contact = ContactFactory(stakeholder=foreign)
    rr = world["rr"]
    response = client.post(
        reverse("terms:tor:contact", kwargs={"city_slug": "tunis", "pk": rr.pk}),
        {"contact": other_contact.pk},
        follow=True,
    )
    assert RatificationRequest.objects.get(pk=rr.pk).contact_email == rr.contact_email
    assert len(list(response.context["messages"])) == 1


def test_another_citys_objects_are_404(world, alice, other_city):
    foreign = TorVersionFactory(tor__city=other_city, status=VersionStatus.FINAL)
    client = Client()
    client.force_login(alice)
    section = foreign.sections.first()
    assert (
        client.post(
            reverse("terms:section_delete", kwargs={"city_slug": "tunis", "number": 2, "pk": section.pk})
        ).status_code
        == 404
    )
    assert client.get(reverse("terms:version", kwargs={"city_slug": "tunis", "number": 9})).status_code == 404


@pytest.mark.parametrize(
    "data",
    [{}, {"heading_fr": ""}, {"heading_fr": "x" * 201}, {"heading_fr": "   "}],
    ids=["empty", "blank", "too-long", "spaces"],
)
def test_the_section_form_refuses_bad_input(world, eve, data):
    client = Client()
    client.force_login(eve)
    url = reverse("terms:section_create", kwargs={"city_slug": "tunis", "number": 2})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "heading_fr" in response.context["form"].errors
    assert world["v2"].sections.count() == 2


def test_a_frozen_version_cannot_be_edited_through_the_pages(world, eve):
    client = Client()
    client.force_login(eve)
    v1 = world["v1"]
    section = v1.sections.first()
    response = client.post(
        reverse("terms:section_edit", kwargs={"city_slug": "tunis", "number": 1, "pk": section.pk}),
        {"heading_fr": "Réécrit"},
        follow=True,
    )
    assert response.status_code == 200
    assert v1.sections.get(pk=section.pk).heading_fr == section.heading_fr
    assert len(list(response.context["messages"])) == 1


def test_editing_and_the_version_page_flow(city, tor, eve):
    client = Client()
    client.force_login(eve)
    client.post(reverse("terms:version_create", kwargs={"city_slug": "tunis"}))
    url = reverse("terms:section_create", kwargs={"city_slug": "tunis", "number": 1})
    client.post(url, {"heading_fr": "Objet", "heading_ar": "الموضوع", "text_fr": "Texte", "text_ar": "نص"})
    response = client.post(
        reverse("terms:version_status", kwargs={"city_slug": "tunis", "number": 1}), {"status": "final"}, follow=True
    )
    version = tor.versions.get()
    assert version.status == "final" and version.sha256 == version.compute_sha256()
    assert version.sha256 in response.content.decode()


def test_the_record_downloads_with_its_stored_bytes(world, alice, bob):
    record = records.ratification_record_generate(version=world["v1"], language="ar", user=alice)
    client = Client()
    client.force_login(bob)
    response = client.get(reverse("terms:record", kwargs={"city_slug": "tunis", "number": 1, "language": "ar"}))
    assert response.status_code == 200 and response.content == bytes(record.pdf)
    assert response["Content-Disposition"].startswith("attachment;")
    page = client.get(reverse("terms:version", kwargs={"city_slug": "tunis", "number": 1}))
    assert record.sha256 in page.content.decode()
    assert (
        client.get(reverse("terms:record", kwargs={"city_slug": "tunis", "number": 1, "language": "fr"})).status_code
        == 404
    )
    assert RatificationRecord.objects.count() == 1


def test_the_public_feedback_page_records_comments_once(city, tor, django_capture_on_commit_callbacks):
    from django.core import mail

    from tests.terms.helpers import link_in, open_link

    s = StakeholderFactory(city=city)
    ContactFactory(stakeholder=s, email="f@example.org", language="ar")
    draft = TorVersionFactory(tor=tor)
    with django_capture_on_commit_callbacks(execute=True):
        tor_version_circulate(version=draft)
    client = Client()
    location = open_link(client, link_in(mail.outbox[0]))
    assert location == "/ar/p/terms/feedback/"
    page = client.get(location)
    assert page.status_code == 200 and page.content.decode().count("<textarea") == 3
    first = draft.sections.order_by("position").first()
    data = {f"section_{first.pk}": "تعليق على القسم", "general": ""}
    assert client.post(location, data).status_code == 302
    assert client.post(location, data).status_code == 302  # replayed: nothing new
    assert list(draft.feedback.values_list("section_id", "text", "source", "stakeholder_id")) == [
        (first.pk, "تعليق على القسم", "link", s.pk)
    ]
    empty = client.post(location, {"general": "  "})
    assert empty.status_code == 200 and empty.context["form"].non_field_errors()


# --- Query counts: the same for 1 row and for many --------------------------------------------


def _assert_same_queries(django_assert_num_queries, client, url, expected, grow):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    grow()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_query_count_of_the_version_page(
    city, tor, alice, django_assert_num_queries, django_capture_on_commit_callbacks
):
    v1 = TorVersionFactory(tor=tor, status=VersionStatus.FINAL, sections=1)
    make_group(city, v1, n=1)
    with django_capture_on_commit_callbacks(execute=True):
        ratification_send(TOR_RATIFICATION, version=v1)
    feedback = TorFeedbackFactory(version=v1)
    v2 = tor_version_create(city=city)
    tor_change_create(version=v2, description_fr="Changement", feedback=[feedback])
    client = Client()
    client.force_login(alice)

    def grow():
        for _ in range(4):
            TorFeedbackFactory(version=v1, section=v1.sections.first())
        for i in range(3):
            tor_change_create(version=v2, description_fr=f"Changement {i}", feedback=list(v1.feedback.all()))
            tor_section_create(version=v2, heading_fr=f"Section {i}")
        records.ratification_record_generate(version=v1, language="fr")
        make_group(city, v1, n=4, prefix="x")

    # session, user, city + role, version (+ previous), sections with feedback counts, changes,
    # the changes' feedback (+ version, section, stakeholder), latest records
    _assert_same_queries(django_assert_num_queries, client, "/fr/c/tunis/terms/v/2/", 8, grow)
    # A version sent for ratification: no change (so no feedback query) but the ratification counts.
    with django_assert_num_queries(8):
        assert client.get("/fr/c/tunis/terms/v/1/").status_code == 200


def test_query_count_of_the_role_matrix(city, tor, alice, django_assert_num_queries):
    version = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
    RoleAssignmentFactory(version=version, stakeholder=StakeholderFactory(city=city))
    client = Client()
    client.force_login(alice)

    def grow():
        for _ in range(6):
            s = StakeholderFactory(city=city)
            RoleAssignmentFactory(version=version, stakeholder=s)
        StakeholderFactory(city=city)  # no role

    # session, user, city + role, version, paginator count, page of stakeholders, domains, assignments
    # of the page, led domains, count without a role, then the form's choices: roles, domains (the
    # stakeholders offered are the page's)
    _assert_same_queries(django_assert_num_queries, client, "/fr/c/tunis/terms/v/1/roles/", 12, grow)


def test_the_role_matrix_searches_and_offers_only_the_page_but_accepts_any_active_stakeholder(
    city, tor, eve, member_role
):
    version = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
    others = [StakeholderFactory(city=city, name_fr=f"Association {n:03d}") for n in range(60)]
    target = StakeholderFactory(city=city, name_fr="Université de Tunis", name_ar="جامعة تونس")
    client = Client()
    client.force_login(eve)
    url = "/fr/c/tunis/terms/v/1/roles/"
    first_page = client.get(url).content.decode()
    select = re.search(r'<select name="stakeholder".*?</select>', first_page, re.S).group(0)
    # 50 rows a page: the select offers the page's stakeholders (and the empty choice), not the 61 of the city.
    assert select.count("<option") == 51
    assert f'value="{others[0].pk}"' in select and f'value="{target.pk}"' not in select
    found = client.get(url, {"q": "universite"}).content.decode()
    assert "Université de Tunis" in found and "Association 000" not in found
    assert "Université de Tunis" in client.get(url, {"q": "جامعة"}).content.decode()
    # A stakeholder that is not on the page shown is still accepted, and the search is kept.
    response = client.post(url + "?q=association", {"stakeholder": target.pk, "role": member_role.pk})
    assert response.status_code == 302 and response["Location"] == url + "?q=association"
    assert version.role_assignments.filter(stakeholder=target).exists()


def test_the_send_view_lists_who_is_missing(city, final_version, group, alice):
    StakeholderFactory(city=city, name_fr="Nouvelle association", acronym_fr="")
    client = Client()
    client.force_login(alice)
    response = client.post("/fr/c/tunis/terms/v/1/ratification/send/", follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and messages[0].count("Nouvelle association") == 2
    assert RatificationRequest.objects.count() == 0
    page = client.get("/fr/c/tunis/terms/v/1/ratification/")
    assert 'id="not-ready"' in page.content.decode()
    assert TorChange.objects.count() == 0
