"""Minutes that attendees review: a draft circulated through personal links for remarks (no attribution,
the Chatham House rule), then final, frozen with its SHA-256 and sent to the participants."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from consultations.models import ConsultationStatus, Minutes, MinutesRemark, MinutesStatus
from consultations.services.minutes import minutes_save
from consultations.services.minutes_review import (
    minutes_circulate,
    minutes_content_sha256,
    minutes_finalise,
)
from links.models import EmailLink
from tests.factories import ConsultationFactory, ContactFactory, InvitationFactory, MinutesFactory, StakeholderFactory

BASE = "/fr/c/tunis/consultations/1/minutes/"
LINK = re.compile(r"https://stakeholders\.example\.org(/(?:fr|ar)/l/[A-Za-z0-9_-]+/)")
REVIEW_URL = {"fr": "/fr/p/consultations/minutes/", "ar": "/ar/p/consultations/minutes/"}


@pytest.fixture(autouse=True)
def _no_rate_limit_left_over():
    cache.clear()


@pytest.fixture
def held(city):
    consultation = ConsultationFactory(
        city=city,
        number=1,
        title_fr="Première consultation",
        title_ar="الاستشارة الأولى",
        date=dt.date(2023, 11, 7),
        status=ConsultationStatus.HELD,
    )
    MinutesFactory(consultation=consultation, summary_fr="Résumé des échanges.", summary_ar="ملخص النقاشات.")
    for name_fr, name_ar, email, language, attended in [
        ("Croissant-Rouge tunisien", "الهلال الأحمر التونسي", "amal@example.org", "ar", True),
        ("OIM Tunisie", "المنظمة الدولية للهجرة", "marc@example.org", "fr", True),
        ("Absents", "الغائبون", "absent@example.org", "fr", False),
    ]:
        stakeholder = StakeholderFactory(city=city, name_fr=name_fr, name_ar=name_ar)
        contact = ContactFactory(stakeholder=stakeholder, email=email, language=language, name=name_fr)
        InvitationFactory(consultation=consultation, stakeholder=stakeholder, contact=contact, attended=attended)
    return consultation


def _in_a_week(city):
    return timezone.localdate(timezone=city.tzinfo) + dt.timedelta(days=7)


@pytest.fixture
def circulated(held, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        minutes_circulate(consultation=held, review_until=_in_a_week(held.city), user=alice)
    return held


def _open_link(client, address):
    message = next(m for m in mail.outbox if m.to == [address])
    path = LINK.search(message.body).group(1)
    response = client.get(path)
    assert response.status_code == 302
    return response["Location"]


def test_the_draft_goes_to_the_attendees_only_in_their_language(
    client, alice, held, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BASE + "circulate/", {"review_until": _in_a_week(held.city).isoformat()}, follow=True)
    assert "Le projet de procès-verbal est envoyé pour relecture à 2 organisations présentes." in (
        response.content.decode()
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["amal@example.org", "marc@example.org"]
    arabic = next(m for m in mail.outbox if m.to == ["amal@example.org"])
    assert arabic.subject == "مشروع المحضر للمراجعة: الاستشارة الأولى"
    assert "/ar/l/" in arabic.body and "قاعدة تشاتام هاوس" in arabic.body
    (name, pdf, _mimetype) = arabic.attachments[0]
    assert name == "draft-minutes-consultation-1-ar.pdf"
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "ملخص النقاشات." in text
    french = next(m for m in mail.outbox if m.to == ["marc@example.org"])
    assert french.subject == "Projet de procès-verbal pour relecture : Première consultation"
    minutes = Minutes.objects.get(consultation=held)
    assert minutes.status == MinutesStatus.IN_REVIEW and minutes.review_until > timezone.now()


@pytest.mark.parametrize(("user", "status"), [("eve", 403), ("bob", 403), ("charlie", 404)])
def test_only_coordinators_circulate_and_finalise(client, request, held, user, status):
    client.force_login(request.getfixturevalue(user))
    data = {"review_until": _in_a_week(held.city).isoformat()}
    assert client.post(BASE + "circulate/", data).status_code == status
    assert client.post(BASE + "finalise/").status_code == status
    assert Minutes.objects.get(consultation=held).status == MinutesStatus.DRAFT
    assert mail.outbox == []


def test_a_bad_review_date_is_refused(client, alice, held):
    client.force_login(alice)
    today = timezone.localdate(timezone=held.city.tzinfo)
    for value in (today.isoformat(), (today + dt.timedelta(days=90)).isoformat(), "garbage", ""):
        response = client.post(BASE + "circulate/", {"review_until": value}, follow=True)
        assert response.status_code == 200
    assert Minutes.objects.get(consultation=held).status == MinutesStatus.DRAFT


def test_an_attendee_sends_a_remark_that_names_nobody(client, circulated, alice):
    location = _open_link(client, "amal@example.org")
    assert location == REVIEW_URL["ar"]
    html = client.get(location).content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "ملخص النقاشات." in html
    response = client.post(location, {"text": "  يُرجى إضافة موعد الاجتماع القادم.  "}, follow=True)
    assert "سُجّلت ملاحظتكم دون اسمكم. شكرًا." in response.content.decode()
    (remark,) = MinutesRemark.objects.all()
    assert remark.text == "يُرجى إضافة موعد الاجتماع القادم."
    # Chatham House: a remark has no field that could say who sent it.
    assert {f.name for f in MinutesRemark._meta.get_fields()} == {"id", "minutes", "text", "created_at"}
    client.force_login(alice)
    staff = client.get(BASE).content.decode()
    assert "يُرجى إضافة موعد الاجتماع القادم." in staff and "1 remarque" in staff
    assert "Croissant-Rouge" not in staff and "amal@" not in staff


def test_empty_and_late_remarks_are_refused(client, circulated):
    location = _open_link(client, "marc@example.org")
    response = client.post(location, {"text": "   "})
    assert response.status_code == 200
    assert not MinutesRemark.objects.exists()
    Minutes.objects.filter(consultation=circulated).update(review_until=timezone.now() - dt.timedelta(minutes=1))
    response = client.post(location, {"text": "Trop tard."})
    assert "La relecture de ce procès-verbal est close." in response.content.decode()
    assert not MinutesRemark.objects.exists()


def test_final_minutes_are_frozen_with_their_sha256_and_sent(
    client, circulated, alice, django_capture_on_commit_callbacks
):
    location = _open_link(client, "marc@example.org")
    mail.outbox.clear()
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BASE + "finalise/", follow=True)
    assert "Le procès-verbal est définitif et envoyé aux participants." in response.content.decode()
    minutes = Minutes.objects.get(consultation=circulated)
    assert minutes.status == MinutesStatus.FINAL
    assert minutes.sha256 == minutes_content_sha256(minutes) and len(minutes.sha256) == 64
    assert sorted(m.to[0] for m in mail.outbox) == ["amal@example.org", "marc@example.org"]
    arabic = next(m for m in mail.outbox if m.to == ["amal@example.org"])
    assert arabic.subject == "المحضر النهائي: الاستشارة الأولى" and minutes.sha256 in arabic.body
    assert arabic.attachments[0][0] == "minutes-consultation-1-ar.pdf"
    text = " ".join(PdfReader(io.BytesIO(arabic.attachments[0][1])).pages[0].extract_text().split())
    assert minutes.sha256 in text
    # Frozen: no edit, no second finalisation, the review links stop working.
    with pytest.raises(ValidationError):
        minutes_save(consultation=circulated, user=alice, summary_fr="Autre chose.")
    with pytest.raises(ValidationError):
        minutes_finalise(consultation=circulated, user=alice)
    assert 'name="summary_fr"' not in client.get(BASE).content.decode()
    assert not EmailLink.objects.filter(purpose="minutes_review", revoked_at__isnull=True).exists()
    client.logout()
    assert client.post(location, {"text": "Encore ?"}).status_code == 404
    assert not MinutesRemark.objects.exists()


def test_finalising_a_draft_never_circulated_is_refused(client, alice, held):
    client.force_login(alice)
    response = client.post(BASE + "finalise/", follow=True)
    assert "Diffusez d’abord le procès-verbal aux participants pour relecture." in response.content.decode()
    assert Minutes.objects.get(consultation=held).status == MinutesStatus.DRAFT


@pytest.mark.parametrize("count", [1, 40])
def test_the_minutes_page_query_count_is_constant(client, alice, circulated, count, django_assert_num_queries):
    minutes = Minutes.objects.get(consultation=circulated)
    MinutesRemark.objects.bulk_create(MinutesRemark(minutes=minutes, text=f"Remarque {n}") for n in range(count))
    client.force_login(alice)
    # session, user, city with role, consultation, minutes, count of remarks, the page of remarks
    with django_assert_num_queries(7):
        response = client.get(BASE)
    assert response.status_code == 200
    assert response.content.decode().count('class="remark-text" dir="auto"') == count
