import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from consultations.models import (
    AgendaItem,
    AgendaItemKind,
    Answer,
    Consultation,
    ConsultationStatus,
    GateOverride,
    Invitation,
    Minutes,
)
from tests.factories import (
    AgendaItemFactory,
    AgendaSubPointFactory,
    ConsultationFactory,
    ContactFactory,
    InvitationFactory,
    MinutesFactory,
    StakeholderFactory,
)

BASE = "/fr/c/tunis/consultations/"
LOGIN_URL = "/fr/accounts/login/"


@pytest.fixture
def first(city):
    """Consultation 1, held, with an agenda, one invitation and minutes."""
    consultation = ConsultationFactory(
        city=city,
        number=1,
        title_fr="Institutionnalisation du groupe – Première consultation",
        title_ar="مأسسة المجموعة – الاستشارة الأولى",
        date=dt.date(2023, 11, 7),
        status=ConsultationStatus.HELD,
    )
    AgendaItemFactory(consultation=consultation, title_fr="Discours de bienvenue", title_ar="كلمات الترحيب")
    InvitationFactory(consultation=consultation, stakeholder__name_fr="Croissant-Rouge tunisien")
    MinutesFactory(consultation=consultation, summary_fr="Résumé confidentiel du jour.")
    return consultation


@pytest.fixture
def second(city):
    return ConsultationFactory(city=city, number=2, title_fr="Deuxième consultation", date=dt.date(2024, 2, 13))


def _item(consultation):
    return consultation.agenda_items.first()


# --- permissions --------------------------------------------------------------------------

VIEWER_PAGES = [
    "",
    "calendar.ics",
    "1/",
    "1/agenda.pdf?lang=fr",
    "1/agenda/print/",
    "1/consultation.ics",
    "1/invitations/",
    "1/attendance/",
    "1/minutes.pdf",
]
EDITOR_PAGES = [
    "new/3/",
    "2/edit/",
    "2/hold/",
    "1/agenda/",
    "2/agenda/add/",
    "1/agenda/{item}/edit/",
    "2/invitations/send/",
    "1/minutes/",
]


def _url(path, first):
    return BASE + path.format(item=_item(first).pk)


def _assert_sent_to_login(response, path):
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(LOGIN_URL + "?next=")
    assert parse_qs(urlsplit(location).query)["next"] == [path]


@pytest.mark.parametrize("path", VIEWER_PAGES + EDITOR_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, first, second, path):
    url = _url(path, first)
    _assert_sent_to_login(client.get(url), url)


@pytest.mark.parametrize("path", VIEWER_PAGES + EDITOR_PAGES)
def test_outsiders_get_404_and_see_nothing(client, first, second, charlie, path):
    client.force_login(charlie)
    response = client.get(_url(path, first))
    assert response.status_code == 404
    assert "Institutionnalisation" not in response.content.decode()


@pytest.mark.parametrize("path", VIEWER_PAGES)
def test_viewers_read(client, first, second, bob, path):
    client.force_login(bob)
    assert client.get(_url(path, first)).status_code == 200


@pytest.mark.parametrize("path", EDITOR_PAGES)
def test_viewers_cannot_open_editing_pages(client, first, second, bob, path):
    client.force_login(bob)
    assert client.get(_url(path, first)).status_code == 403


@pytest.mark.parametrize("path", VIEWER_PAGES + EDITOR_PAGES)
def test_editors_open_every_page(client, first, second, eve, path):
    client.force_login(eve)
    assert client.get(_url(path, first)).status_code == 200


def _posts(first):
    item = _item(first)
    invitation = first.invitations.first()
    return [
        ("1/agenda/arrange/", {"item": item.pk, "action": "shift", "minutes": 5}),
        (f"1/agenda/{item.pk}/delete/", {}),
        (f"1/invitations/{invitation.pk}/resend/", {}),
        (f"1/attendance/{invitation.pk}/", {"attended": "1"}),
        ("1/attendance/walk-in/", {"stakeholder": invitation.stakeholder_id}),
        ("2/hold/", {}),
        ("1/close/", {}),
    ]


def test_viewers_cannot_change_anything(client, first, second, bob):
    client.force_login(bob)
    for path, data in _posts(first):
        assert client.post(BASE + path, data).status_code == 403, path
    assert client.post(BASE + "new/3/", {"title_fr": "X"}).status_code == 403
    assert _item(first).start_time == dt.time(10, 30)
    assert Invitation.objects.get().attended is False
    assert Consultation.objects.get(number=1).status == ConsultationStatus.HELD


def test_anonymous_posts_to_a_form_page_are_sent_to_the_login_and_change_nothing(client, first, second):
    response = client.post(BASE + "new/3/", _consultation_data())
    _assert_sent_to_login(response, BASE + "new/3/")
    response = client.post(BASE + "2/edit/", _consultation_data(title_fr="Renommée"))
    _assert_sent_to_login(response, BASE + "2/edit/")
    assert list(Consultation.objects.order_by("number").values_list("number", "title_fr", "status")) == [
        (1, "Institutionnalisation du groupe – Première consultation", ConsultationStatus.HELD),
        (2, "Deuxième consultation", ConsultationStatus.PLANNED),
    ]


def test_anonymous_post_actions_are_sent_to_the_login_and_change_nothing(client, first, second):
    for path, data in _posts(first):
        _assert_sent_to_login(client.post(BASE + path, data), BASE + path)
    assert AgendaItem.objects.count() == 1
    assert _item(first).start_time == dt.time(10, 30)
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().attended is False
    assert Consultation.objects.get(number=1).status == ConsultationStatus.HELD
    assert Consultation.objects.get(number=2).status == ConsultationStatus.PLANNED
    assert mail.outbox == []


def test_outsiders_cannot_change_anything(client, first, second, charlie):
    client.force_login(charlie)
    for path, data in _posts(first):
        assert client.post(BASE + path, data).status_code == 404, path
    assert AgendaItem.objects.count() == 1


def test_only_a_coordinator_closes(client, first, eve, alice):
    client.force_login(eve)
    assert client.post(BASE + "1/close/").status_code == 403
    client.force_login(alice)
    response = client.post(BASE + "1/close/", follow=True)
    assert "La consultation est clôturée." in response.content.decode()
    assert Consultation.objects.get(number=1).status == ConsultationStatus.CLOSED


def test_get_never_changes_state(client, first, alice):
    client.force_login(alice)
    invitation = first.invitations.first()
    assert client.get(BASE + "1/close/").status_code == 405
    assert client.get(BASE + f"1/attendance/{invitation.pk}/?attended=1").status_code == 405
    assert client.get(BASE + "1/agenda/arrange/?action=up").status_code == 405
    assert Consultation.objects.get(number=1).status == ConsultationStatus.HELD
    assert Invitation.objects.get().attended is False


# --- cycle page -----------------------------------------------------------------------------


def test_the_cycle_shows_the_four_steps_and_what_each_lacks(client, city, alice):
    first = ConsultationFactory(city=city, number=1, status=ConsultationStatus.CLOSED, title_fr="Alignement")
    second = ConsultationFactory(
        city=city, number=2, title_fr="Plan d'action", title_ar="", objectives_ar="", venue_fr=""
    )
    AgendaItemFactory(consultation=second, title_ar="")
    AgendaItemFactory(consultation=second, title_ar="", start_time=dt.time(11), end_time=dt.time(11, 30))
    GateOverride.objects.create(
        consultation=second, gate="tor_not_adopted", reason="Adoption prévue en mars", user=alice
    )
    client.force_login(alice)
    html = client.get(BASE).content.decode()
    assert "1 consultation clôturée sur 4" in html
    assert "Étape en cours : consultation 2 sur 4 (Planifiée)." in html
    for lack in [
        "Titre en arabe",
        "Objectifs en arabe",
        "Lieu",
        "Titres en arabe de 2 points de l’ordre du jour",
        "Invitations",
    ]:
        assert f"<li>{lack}</li>" in html
    assert "Dérogation : Les termes de référence ne sont pas encore adoptés." in html
    assert html.count("Pas encore planifiée") == 2
    assert 'href="/fr/c/tunis/consultations/new/3/"' in html
    assert first.get_absolute_url() in html


def test_the_cycle_in_arabic_is_right_to_left_and_translated(client, city, alice):
    ConsultationFactory(city=city, number=1, title_ar="الاستشارة الأولى")
    client.force_login(alice)
    html = client.get("/ar/c/tunis/consultations/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "دورة الاستشارات" in html
    assert "الاستشارة الأولى" in html
    assert "لم تُبرمج بعد" in html


def _many_consultations(city, alice):
    for number in (1, 2, 3, 4):
        consultation = ConsultationFactory(city=city, number=number)
        for hour in (10, 11, 12):
            AgendaItemFactory(consultation=consultation, start_time=dt.time(hour), end_time=dt.time(hour, 30))
        for _ in range(3):
            InvitationFactory(consultation=consultation)
        GateOverride.objects.create(consultation=consultation, gate="previous_not_closed", reason="r", user=alice)


@pytest.mark.parametrize("many", [False, True], ids=["one", "many"])
def test_the_cycle_page_query_count_is_constant(client, city, alice, many, django_assert_num_queries):
    if many:
        _many_consultations(city, alice)
    else:
        ConsultationFactory(city=city, number=1)
    client.force_login(alice)
    # session, user, city with role, consultations with their counts, their overrides (with users), adopted ToR
    with django_assert_num_queries(6):
        assert client.get(BASE).status_code == 200


# --- consultation page ------------------------------------------------------------------------


def test_the_consultation_page_shows_agenda_overrides_and_counts(client, first, alice):
    GateOverride.objects.create(
        consultation=first, gate="previous_not_closed", reason="Urgence du calendrier", user=alice
    )
    Invitation.objects.update(answer=Answer.ATTENDING, attended=True)
    client.force_login(alice)
    html = client.get(BASE + "1/").content.decode()
    assert "Institutionnalisation du groupe – Première consultation" in html
    assert "Discours de bienvenue" in html
    assert "<q>Urgence du calendrier</q>" in html
    assert "décidé par <bdi>alice</bdi>" in html
    assert "Résumé confidentiel du jour." in html
    assert "Clôturer la consultation" in html


@pytest.mark.parametrize("many", [False, True], ids=["one", "many"])
def test_the_consultation_page_query_count_is_constant(client, first, alice, many, django_assert_num_queries):
    if many:
        speakers = [StakeholderFactory(city=first.city) for _ in range(3)]
        contact = ContactFactory(stakeholder=speakers[0])
        for hour in (11, 12):
            item = AgendaItemFactory(
                consultation=first, start_time=dt.time(hour), end_time=dt.time(hour, 30), moderator_contact=contact
            )
            item.speakers.set(speakers)
            AgendaSubPointFactory(item=item)
            AgendaSubPointFactory(item=item)
        GateOverride.objects.create(consultation=first, gate="previous_not_closed", reason="r", user=alice)
        for _ in range(5):
            InvitationFactory(consultation=first)
    client.force_login(alice)
    # session, user, city with role, consultation with counts and minutes, overrides,
    # agenda items with moderators, their sub-points, their speakers
    with django_assert_num_queries(8):
        assert client.get(BASE + "1/").status_code == 200


# --- attendance ---------------------------------------------------------------------------------


@pytest.mark.parametrize("many", [False, True], ids=["one", "many"])
def test_the_attendance_page_query_count_is_constant(client, first, alice, many, django_assert_num_queries):
    if many:
        for _ in range(30):
            InvitationFactory(consultation=first)
    client.force_login(alice)
    # session, user, city with role, consultation with counts, overrides, count of invitations,
    # the page of invitations with stakeholders, stakeholders not invited (walk-in list)
    with django_assert_num_queries(8):
        response = client.get(BASE + "1/attendance/")
    assert response.status_code == 200


def test_a_tick_at_the_door_records_attendance(client, first, eve):
    invitation = first.invitations.first()
    client.force_login(eve)
    response = client.post(BASE + f"1/attendance/{invitation.pk}/", {"attended": "1"})
    assert response.status_code == 302
    assert response["Location"] == BASE + f"1/attendance/#inv-{invitation.pk}"
    invitation.refresh_from_db()
    assert invitation.attended is True
    assert invitation.attendance_recorded_at is not None


def test_a_tick_from_the_page_script_answers_json(client, first, eve):
    invitation = first.invitations.first()
    client.force_login(eve)
    response = client.post(BASE + f"1/attendance/{invitation.pk}/", {"attended": "1"}, HTTP_ACCEPT="application/json")
    assert response.json() == {
        "attended": True,
        "present": 1,
        "message": "Croissant-Rouge tunisien est marqué présent.",
    }
    response = client.post(BASE + f"1/attendance/{invitation.pk}/", {"attended": "0"}, HTTP_ACCEPT="application/json")
    assert (response.json()["attended"], response.json()["present"]) == (False, 0)


def test_a_walk_in_is_added_as_present(client, first, eve, city, other_city):
    walk_in = StakeholderFactory(city=city, name_fr="Association des étudiants")
    client.force_login(eve)
    client.post(BASE + "1/attendance/walk-in/", {"stakeholder": walk_in.pk})
    invitation = Invitation.objects.get(stakeholder=walk_in)
    assert (invitation.walk_in, invitation.attended, invitation.sent_at) == (True, True, None)
    foreign = StakeholderFactory(city=other_city)
    response = client.post(BASE + "1/attendance/walk-in/", {"stakeholder": foreign.pk}, follow=True)
    assert "Choisissez une partie prenante du groupe qui n’est pas encore sur la liste." in response.content.decode()
    assert not Invitation.objects.filter(stakeholder=foreign).exists()


def test_a_foreign_invitation_cannot_be_ticked(client, first, eve, other_city):
    foreign = InvitationFactory(consultation=ConsultationFactory(city=other_city, number=1))
    client.force_login(eve)
    assert client.post(BASE + f"1/attendance/{foreign.pk}/", {"attended": "1"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.attended is False


# --- forms: consultation ------------------------------------------------------------------------


def _consultation_data(**extra):
    data = {
        "title_fr": "Troisième consultation",
        "title_ar": "الاستشارة الثالثة",
        "date": "2030-05-14",
        "start_time": "09:30",
        "end_time": "13:00",
        "venue_fr": "Municipalité",
        "venue_ar": "البلدية",
        "languages": ["fr", "ar"],
        "chatham_house": "on",
        "objectives_fr": "Matrice de suivi.",
        "objectives_ar": "مصفوفة المتابعة.",
        "expected_outcome_fr": "",
        "expected_outcome_ar": "",
    }
    data.update(extra)
    return data


def test_an_editor_plans_a_consultation(client, city, eve):
    client.force_login(eve)
    response = client.post(BASE + "new/3/", _consultation_data())
    assert response.status_code == 302
    consultation = Consultation.objects.get(city=city, number=3)
    assert response["Location"] == consultation.get_absolute_url()
    assert (consultation.kind, consultation.languages, consultation.chatham_house) == ("me_matrix", ["fr", "ar"], True)
    assert consultation.start_time == dt.time(9, 30)


def test_the_plan_form_is_prefilled_with_the_step_title(client, city, eve):
    client.force_login(eve)
    html = client.get("/ar/c/tunis/consultations/new/4/").content.decode()
    assert 'value="الاستشارة الختامية"' in html
    assert 'dir="rtl"' in html and "العنوان (بالعربية)" in html


@pytest.mark.parametrize(
    "extra, error",
    [
        ({"title_fr": ""}, "Ce champ est obligatoire."),
        ({"title_fr": "x" * 201}, "Assurez-vous que cette valeur comporte au plus 200 caractères"),
        ({"date": "14/14/2030"}, "Saisissez une date valide."),
        ({"start_time": "25:00"}, "Saisissez une heure valide."),
        ({"end_time": "09:00"}, "La consultation doit se terminer après son début."),
        ({"languages": []}, "Ce champ est obligatoire."),
        ({"languages": ["xx"]}, "Sélectionnez un choix valide."),
    ],
    ids=["empty-title", "long-title", "bad-date", "bad-time", "ends-before-start", "no-language", "bad-language"],
)
def test_bad_consultation_input_shows_a_translated_error(client, city, eve, extra, error):
    client.force_login(eve)
    response = client.post(BASE + "new/3/", _consultation_data(**extra))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Consultation.objects.exists()


def test_planning_a_step_twice_or_a_fifth_step_does_not_fail(client, first, eve):
    client.force_login(eve)
    response = client.post(BASE + "new/1/", _consultation_data())
    assert response.status_code == 302
    assert response["Location"] == BASE + "1/"
    assert Consultation.objects.get(number=1).title_fr.startswith("Institutionnalisation")
    assert client.get(BASE + "new/5/").status_code == 404
    assert client.get(BASE + "9/").status_code == 404


def test_new_hours_that_leave_items_outside_are_refused_by_name(client, first, eve):
    Consultation.objects.filter(pk=first.pk).update(status=ConsultationStatus.PLANNED)
    client.force_login(eve)
    response = client.post(BASE + "1/edit/", _consultation_data(start_time="11:00", end_time="13:00"))
    assert response.status_code == 200
    assert (
        "« Discours de bienvenue » (10:30–10:45) sort des horaires de la consultation (11:00–13:00)."
        in response.content.decode()
    )


# --- forms: agenda ----------------------------------------------------------------------------


def _item_data(**extra):
    data = {
        "start_time": "10:45",
        "end_time": "11:00",
        "kind": AgendaItemKind.ROUND_TABLE,
        "title_fr": "Tour de table",
        "title_ar": "جولة تعارف",
        "sub_points_fr": "",
        "sub_points_ar": "",
        "description_fr": "",
        "description_ar": "",
        "moderator_name": "",
        "moderator_function_fr": "",
        "moderator_function_ar": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def planned(city):
    consultation = ConsultationFactory(city=city, number=1, start_time=dt.time(10, 30), end_time=dt.time(13))
    AgendaItemFactory(
        consultation=consultation,
        title_fr="Discours de bienvenue",
        start_time=dt.time(10, 30),
        end_time=dt.time(10, 45),
    )
    return consultation


def test_an_item_with_sub_points_and_a_free_text_moderator_is_added(client, planned, eve):
    client.force_login(eve)
    response = client.post(
        BASE + "1/agenda/add/",
        _item_data(
            start_time="11:00",
            end_time="12:00",
            kind="presentation",
            title_fr="Présentation des termes de référence",
            sub_points_fr="Ville de Tunis\n\n  Projet  MC2CM ",
            sub_points_ar="بلدية تونس",
            moderator_name="Souhaib Khayati",
            moderator_function_fr="Expert local",
            moderator_function_ar="خبير محلي",
        ),
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title_fr="Présentation des termes de référence")
    assert item.moderator_display == "Souhaib Khayati, Expert local"
    assert [(p.title_fr, p.title_ar) for p in item.sub_points.all()] == [
        ("Ville de Tunis", "بلدية تونس"),
        ("Projet MC2CM", ""),
    ]


def test_a_shared_slot_takes_the_times_of_the_previous_item(client, planned, eve):
    client.force_login(eve)
    response = client.post(
        BASE + "1/agenda/add/", _item_data(start_time="", end_time="", shares_slot="on", title_fr="Deuxième sujet")
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title_fr="Deuxième sujet")
    assert (item.start_time, item.end_time, item.shares_slot, item.position) == (
        dt.time(10, 30),
        dt.time(10, 45),
        True,
        2,
    )


def test_a_shared_slot_copies_the_times_even_with_a_start_already_filled_in(client, planned, eve):
    # Issue 12: the box was ticked, the start held a time, the end was empty: "Fin : Ce champ est obligatoire".
    client.force_login(eve)
    data = _item_data(start_time="10:45", end_time="", shares_slot="on", title_fr="Deuxième sujet")
    assert client.post(BASE + "1/agenda/add/", data).status_code == 302
    item = AgendaItem.objects.get(title_fr="Deuxième sujet")
    assert (item.start_time, item.end_time, item.shares_slot) == (dt.time(10, 30), dt.time(10, 45), True)


def test_the_same_times_without_the_box_suggest_it(client, planned, eve):
    client.force_login(eve)
    response = client.post(BASE + "1/agenda/add/", _item_data(start_time="10:30", end_time="10:45"))
    assert response.status_code == 200
    assert "cochez « même créneau que le point précédent » sur le second" in response.content.decode()


def test_an_overlapping_item_is_refused_with_both_names(client, planned, eve):
    client.force_login(eve)
    response = client.post(BASE + "1/agenda/add/", _item_data(start_time="10:40"))
    assert response.status_code == 200
    assert (
        "« Discours de bienvenue » (10:30–10:45) et « Tour de table » (10:40–11:00) se chevauchent."
        in response.content.decode()
    )
    assert AgendaItem.objects.count() == 1


@pytest.mark.parametrize(
    "extra, error",
    [
        ({"title_fr": ""}, "Ce champ est obligatoire."),
        ({"title_fr": "x" * 251}, "Assurez-vous que cette valeur comporte au plus 250 caractères"),
        ({"start_time": "lundi"}, "Saisissez une heure valide."),
        ({"end_time": "10:40"}, "Un point doit se terminer après son début."),
        ({"kind": "party"}, "Sélectionnez un choix valide."),
        ({"sub_points_fr": "A", "sub_points_ar": "أ\nب"}, "Il y a plus de lignes en arabe qu’en français."),
        ({"moderator_name": "X", "moderator_contact": "999999"}, "Sélectionnez un choix valide."),
        ({"speakers": ["999999"]}, "Sélectionnez un choix valide."),
        ({"start_time": "12:45", "end_time": "13:15"}, "sort des horaires de la consultation (10:30–13:00)"),
    ],
    ids=[
        "empty-title",
        "long-title",
        "bad-time",
        "ends-before-start",
        "bad-kind",
        "more-arabic-lines",
        "foreign-contact",
        "foreign-speaker",
        "outside-hours",
    ],
)
def test_bad_agenda_input_shows_a_translated_error(client, planned, eve, extra, error):
    client.force_login(eve)
    response = client.post(BASE + "1/agenda/add/", _item_data(**extra))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert AgendaItem.objects.count() == 1


def test_contacts_and_speakers_of_another_city_are_not_offered(client, planned, eve, other_city):
    foreign = StakeholderFactory(city=other_city, name_fr="Organisation de Sfax")
    contact = ContactFactory(stakeholder=foreign, name="Personne de Sfax")
    client.force_login(eve)
    html = client.get(BASE + "1/agenda/add/").content.decode()
    assert "Organisation de Sfax" not in html and "Personne de Sfax" not in html
    response = client.post(BASE + "1/agenda/add/", _item_data(moderator_contact=contact.pk, speakers=[foreign.pk]))
    assert response.status_code == 200
    assert AgendaItem.objects.count() == 1


def test_shift_and_reorder_in_one_post_each(client, planned, eve):
    AgendaItemFactory(consultation=planned, title_fr="Tour de table", start_time=dt.time(10, 45), end_time=dt.time(11))
    client.force_login(eve)
    tour = AgendaItem.objects.get(title_fr="Tour de table")
    response = client.post(BASE + "1/agenda/arrange/", {"item": tour.pk, "action": "up"}, follow=True)
    assert "L’ordre des points est modifié." in response.content.decode()
    assert list(planned.agenda_items.order_by("start_time").values_list("title_fr", flat=True)) == [
        "Tour de table",
        "Discours de bienvenue",
    ]
    response = client.post(
        BASE + "1/agenda/arrange/", {"item": tour.pk, "action": "shift", "minutes": "-5"}, follow=True
    )
    assert "sort des horaires de la consultation" in response.content.decode()
    response = client.post(
        BASE + "1/agenda/arrange/", {"item": tour.pk, "action": "shift", "minutes": "15"}, follow=True
    )
    assert "Le point et les suivants sont décalés de 15 minutes." in response.content.decode()
    assert list(planned.agenda_items.order_by("start_time").values_list("start_time", flat=True)) == [
        dt.time(10, 45),
        dt.time(11, 0),
    ]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"item": "abc", "action": "up"},
        {"item": "1", "action": "sideways"},
        {"item": "1", "action": "shift", "minutes": "9999"},
    ],
    ids=["empty", "bad-item", "bad-action", "huge-shift"],
)
def test_bad_arrange_input_is_refused_with_a_message(client, planned, eve, data):
    client.force_login(eve)
    response = client.post(BASE + "1/agenda/arrange/", data, follow=True)
    assert response.status_code == 200
    assert 'class="alert alert-danger' in response.content.decode()


def test_a_foreign_item_cannot_be_arranged_or_deleted(client, planned, eve, other_city):
    foreign = AgendaItemFactory(consultation=ConsultationFactory(city=other_city, number=1))
    client.force_login(eve)
    response = client.post(
        BASE + "1/agenda/arrange/", {"item": foreign.pk, "action": "shift", "minutes": 5}, follow=True
    )
    assert "Ce point n’existe plus." in response.content.decode()
    client.post(BASE + f"1/agenda/{foreign.pk}/delete/")
    assert AgendaItem.objects.filter(pk=foreign.pk).exists()
    assert client.get(BASE + f"1/agenda/{foreign.pk}/edit/").status_code == 404


def test_a_replayed_delete_answers_with_a_message(client, planned, eve):
    item = _item(planned)
    client.force_login(eve)
    client.post(BASE + f"1/agenda/{item.pk}/delete/")
    response = client.post(BASE + f"1/agenda/{item.pk}/delete/", follow=True)
    assert "Ce point n’existe plus." in response.content.decode()


# --- holding, overriding, closing -------------------------------------------------------------


def test_the_hold_page_asks_a_coordinator_for_a_reason(client, city, alice, eve):
    ConsultationFactory(city=city, number=1)
    ConsultationFactory(city=city, number=2, date=dt.date(2024, 2, 13))
    client.force_login(eve)
    html = client.get(BASE + "2/hold/").content.decode()
    assert "La consultation 1 n’est pas encore clôturée." in html
    assert "Seul un coordinateur peut passer outre, en donnant une raison." in html
    assert 'name="override_reason"' not in html
    response = client.post(BASE + "2/hold/", {"override_reason": "please"})
    assert response.status_code == 200
    assert Consultation.objects.get(number=2).status == ConsultationStatus.PLANNED

    client.force_login(alice)
    response = client.post(BASE + "2/hold/", {"override_reason": ""})
    assert "Indiquez la raison de passer outre : elle est enregistrée." in response.content.decode()
    response = client.post(BASE + "2/hold/", {"override_reason": "x" * 2001})
    assert "Assurez-vous que cette valeur comporte au plus 2000 caractères" in response.content.decode()
    response = client.post(BASE + "2/hold/", {"override_reason": "La ville a demandé d’avancer."}, follow=True)
    html = response.content.decode()
    assert "La consultation est marquée comme tenue." in html
    assert "<q>La ville a demandé d’avancer.</q>" in html
    assert GateOverride.objects.filter(user=alice).count() == 2
    response = client.post(BASE + "2/hold/", {"override_reason": "again"})
    assert "Cette consultation est déjà marquée comme tenue." in response.content.decode()
    assert GateOverride.objects.count() == 2


def test_minutes_under_chatham_house_have_no_attribution_field(client, first, eve):
    Minutes.objects.all().delete()
    client.force_login(eve)
    html = client.get(BASE + "1/minutes/").content.decode()
    assert 'name="summary_fr"' in html and 'name="summary_ar"' in html
    assert "attributed_statements" not in html
    response = client.post(
        BASE + "1/minutes/",
        {"summary_fr": "Résumé", "summary_ar": "ملخص", "attributed_statements_fr": "M. X a dit…"},
    )
    assert response.status_code == 302
    minutes = Minutes.objects.get()
    assert (minutes.summary_fr, minutes.attributed_statements_fr or "") == ("Résumé", "")


def test_minutes_without_chatham_house_offer_attribution(client, first, eve):
    Consultation.objects.filter(pk=first.pk).update(chatham_house=False)
    client.force_login(eve)
    assert 'name="attributed_statements_fr"' in client.get(BASE + "1/minutes/").content.decode()
    response = client.post(BASE + "1/minutes/", {"summary_fr": ""})
    assert "Ce champ est obligatoire." in response.content.decode()


def test_invitation_form_errors(client, second, eve, city, django_capture_on_commit_callbacks):
    client.force_login(eve)
    response = client.post(BASE + "2/invitations/send/", {"scope": "selection"})
    assert "Choisissez au moins une partie prenante." in response.content.decode()
    response = client.post(BASE + "2/invitations/send/", {"scope": "everyone"})
    assert "Sélectionnez un choix valide." in response.content.decode()
    stakeholder = StakeholderFactory(city=city)
    ContactFactory(stakeholder=stakeholder, email="x@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BASE + "2/invitations/send/", {"scope": "all"}, follow=True)
    assert "1 invitation est en cours d’envoi." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["x@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BASE + "2/invitations/send/", {"scope": "all"}, follow=True)
    assert "Aucune nouvelle invitation à envoyer." in response.content.decode()
    assert len(mail.outbox) == 1


def test_the_admin_pages_open(client, first, superuser):
    client.force_login(superuser)
    for url in [
        "/admin/consultations/consultation/",
        f"/admin/consultations/consultation/{first.pk}/change/",
        "/admin/consultations/agendaitem/",
        f"/admin/consultations/agendaitem/{_item(first).pk}/change/",
        "/admin/consultations/invitation/",
        "/admin/consultations/minutes/",
        "/admin/consultations/gateoverride/",
    ]:
        assert client.get(url).status_code == 200, url
