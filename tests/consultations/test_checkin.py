"""Check-in at the door with the pass sent with each invitation: issued as hashes, carried by the
email (QR code inline, short code, one-page PDF pass) in the contact's language, checked in once."""

import datetime as dt
import hashlib
import io
import re
from email.mime.base import MIMEBase

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from common.locales import in_city_zone
from consultations.models import ConsultationStatus, Invitation
from consultations.services.checkin import (
    CHECKIN_CODE_PLACEHOLDER,
    QR_PREFIX,
    SHORT_CODE_ALPHABET,
    CheckinOutcome,
    checkin_by_code,
    checkin_pass_issue,
)
from consultations.services.invitations import invitation_send
from outbox.models import OutgoingEmail
from tests.factories import ConsultationFactory, ContactFactory, InvitationFactory, StakeholderFactory

BASE = "/fr/c/tunis/consultations/"
CHECKIN = BASE + "1/attendance/check-in/"
SHORT_CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})\b")
JSON = {"HTTP_ACCEPT": "application/json"}


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@pytest.fixture
def first(city):
    return ConsultationFactory(
        city=city,
        number=1,
        title_fr="Première consultation",
        title_ar="الاستشارة الأولى",
        date=dt.date(2030, 3, 12),
        status=ConsultationStatus.INVITATIONS_SENT,
    )


@pytest.fixture
def invitation(first):
    return InvitationFactory(
        consultation=first,
        stakeholder__name_fr="Croissant-Rouge tunisien",
        stakeholder__name_ar="الهلال الأحمر التونسي",
    )


@pytest.fixture
def issued(invitation):
    return checkin_pass_issue(invitation=invitation)


# --- issuing ------------------------------------------------------------------------------------


def test_it_issues_a_pass_stored_only_as_hashes(invitation):
    issued = checkin_pass_issue(invitation=invitation)
    invitation.refresh_from_db()
    assert len(issued.code) == 8 and set(issued.code) <= set(SHORT_CODE_ALPHABET)
    assert not set(issued.code) & set("01OIL")
    assert issued.qr_payload == QR_PREFIX + issued.token
    assert invitation.checkin_code_hash == _sha256(issued.code)
    assert invitation.checkin_token_hash == _sha256(issued.token)
    stored = {f.attname: str(getattr(invitation, f.attname)) for f in Invitation._meta.concrete_fields}
    assert not any(issued.code in value or issued.token in value for value in stored.values())


def test_a_new_pass_replaces_the_previous_one(first, invitation):
    old = checkin_pass_issue(invitation=invitation)
    new = checkin_pass_issue(invitation=invitation)
    assert new.code != old.code
    with pytest.raises(ValidationError):
        checkin_by_code(consultation=first, code=old.code)
    with pytest.raises(ValidationError):
        checkin_by_code(consultation=first, code=old.qr_payload)
    assert checkin_by_code(consultation=first, code=new.code).outcome == CheckinOutcome.CHECKED_IN


# --- the invitation email and the PDF pass -----------------------------------------------------


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join("\n".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def sent(first, city, django_capture_on_commit_callbacks):
    croissant = StakeholderFactory(city=city, name_fr="Croissant-Rouge tunisien", name_ar="الهلال الأحمر التونسي")
    ContactFactory(stakeholder=croissant, name="Amal Ben Salah", email="amal@example.org", language="ar")
    oim = StakeholderFactory(city=city, name_fr="OIM Tunisie", name_ar="المنظمة الدولية للهجرة")
    ContactFactory(stakeholder=oim, name="Marc Durand", email="marc@example.org", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(consultation=first)
    return {m.to[0]: m for m in mail.outbox}


@pytest.mark.parametrize(
    ("address", "language", "words"),
    [
        ("marc@example.org", "fr", ["Ou donnez ce code court à l’entrée :", "Laissez-passer"]),
        ("amal@example.org", "ar", ["أو أعطوا هذا الرمز القصير عند المدخل:", "تصريح الدخول"]),
    ],
)
def test_the_invitation_email_carries_the_qr_code_and_the_short_code(first, sent, address, language, words):
    message = sent[address]
    html = message.alternatives[0][0]
    code = SHORT_CODE.search(message.body).group(1)
    assert code in html and words[0] in message.body and words[0] in html
    assert 'src="cid:checkin-qr"' in html
    # The QR code inline, as a PNG part the HTML refers to by its Content-ID.
    (image,) = [a for a in message.attachments if isinstance(a, MIMEBase)]
    assert image["Content-ID"] == "<checkin-qr>"
    assert image.get_payload(decode=True).startswith(b"\x89PNG")
    # The one-page pass, in the contact's language, with the same short code.
    (pdf,) = [c for n, c, _m in (a for a in message.attachments if not isinstance(a, MIMEBase)) if "pass" in n]
    pages, text = _pdf_text(pdf)
    assert pages == 1
    assert code in text and words[1] in text
    # The stored email keeps a placeholder: the code exists only in the email sent and as a hash.
    stored = OutgoingEmail.objects.get(to=address)
    assert code not in stored.body_text and CHECKIN_CODE_PLACEHOLDER in stored.body_text
    invitation = Invitation.objects.get(contact__email=address)
    assert invitation.checkin_code_hash == _sha256(code.replace("-", ""))
    assert checkin_by_code(consultation=first, code=code).invitation == invitation


# --- checking in through the attendance page ---------------------------------------------------


def test_a_typed_short_code_checks_in_once(client, alice, invitation, issued):
    client.force_login(alice)
    response = client.post(CHECKIN, {"code": f" {issued.code[:4].lower()}-{issued.code[4:]} "}, follow=True)
    assert response.redirect_chain == [(BASE + f"1/attendance/#inv-{invitation.pk}", 302)]
    assert "Croissant-Rouge tunisien est enregistré à l’entrée." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.attended is True
    first_time = invitation.attendance_recorded_at

    response = client.post(CHECKIN, {"code": issued.code}, follow=True)
    local = in_city_zone(first_time, invitation.consultation.city).strftime("%H:%M")
    assert f"Croissant-Rouge tunisien est déjà enregistré à l’entrée (à {local})." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.attendance_recorded_at == first_time


def test_a_scanned_qr_code_answers_the_scanner_in_json(client, alice, invitation, issued):
    client.force_login(alice)
    response = client.post(CHECKIN, {"code": issued.qr_payload}, **JSON)
    assert response.json() == {
        "status": "checked_in",
        "message": "Croissant-Rouge tunisien est enregistré à l’entrée.",
        "invitation": invitation.pk,
        "present": 1,
    }
    again = client.post(CHECKIN, {"code": issued.qr_payload}, **JSON).json()
    assert (again["status"], again["present"]) == ("already", 1)
    assert Invitation.objects.filter(attended=True).count() == 1


def test_the_answer_is_in_arabic_on_the_arabic_page(client, alice, invitation, issued):
    client.force_login(alice)
    response = client.post("/ar/c/tunis/consultations/1/attendance/check-in/", {"code": issued.code}, **JSON)
    assert response.json()["message"] == "تمّ تسجيل حضور الهلال الأحمر التونسي."
    response = client.post("/ar/c/tunis/consultations/1/attendance/check-in/", {"code": "nope"}, **JSON)
    assert response.json()["message"].startswith("هذا ليس رمز دخول صالحًا")


def test_a_pass_for_another_consultation_is_refused(client, alice, city, first):
    other = InvitationFactory(consultation=ConsultationFactory(city=city, number=2))
    code = checkin_pass_issue(invitation=other).code
    client.force_login(alice)
    response = client.post(CHECKIN, {"code": code}, **JSON)
    assert response.status_code == 400
    assert response.json() == {
        "status": "refused",
        "message": "Ce laissez-passer est pour la consultation 2, pas pour celle-ci.",
    }
    other.refresh_from_db()
    assert other.attended is False


def test_a_pass_of_another_city_is_refused(client, alice, first, other_city):
    foreign = InvitationFactory(consultation=ConsultationFactory(city=other_city, number=1))
    issued = checkin_pass_issue(invitation=foreign)
    client.force_login(alice)
    for code in (issued.code, issued.qr_payload):
        response = client.post(CHECKIN, {"code": code}, **JSON)
        assert response.status_code == 400
        assert response.json()["message"] == (
            "Ce laissez-passer est pour une consultation d’une autre ville : il ne peut pas servir ici."
        )
    foreign.refresh_from_db()
    assert foreign.attended is False


@pytest.mark.parametrize(
    "code",
    ["", "   ", "ABCD", "ABCD-EFG0", "CHECKIN:", "CHECKIN:nothing", "x" * 5000, "\x00\x01", "العربية", "' OR 1=1 --"],
)
def test_garbage_is_refused_without_error(client, alice, invitation, issued, code):
    client.force_login(alice)
    response = client.post(CHECKIN, {"code": code}, **JSON)
    assert response.status_code == 400
    assert response.json()["status"] == "refused"
    response = client.post(CHECKIN, {"code": code}, follow=True)
    assert response.status_code == 200
    assert "Ce n’est pas un code d’entrée valide." in response.content.decode()
    assert not Invitation.objects.filter(attended=True).exists()


def test_a_closed_consultation_takes_no_check_in(client, alice, first, invitation, issued):
    first.status = ConsultationStatus.CLOSED
    first.save(update_fields=["status"])
    client.force_login(alice)
    response = client.post(CHECKIN, {"code": issued.code}, **JSON)
    assert response.status_code == 400
    invitation.refresh_from_db()
    assert invitation.attended is False


def test_an_editor_checks_in(client, eve, invitation, issued):
    client.force_login(eve)
    assert client.post(CHECKIN, {"code": issued.code}, **JSON).json()["status"] == "checked_in"


@pytest.mark.parametrize(("user", "status"), [("bob", 403), ("charlie", 404)])
def test_viewers_and_outsiders_cannot_check_in(client, request, invitation, issued, user, status):
    client.force_login(request.getfixturevalue(user))
    assert client.post(CHECKIN, {"code": issued.code}).status_code == status
    invitation.refresh_from_db()
    assert invitation.attended is False


def test_anonymous_is_sent_to_log_in_and_a_get_changes_nothing(client, alice, invitation, issued):
    response = client.post(CHECKIN, {"code": issued.code})
    assert response.status_code == 302 and response["Location"].startswith("/fr/accounts/login/")
    client.force_login(alice)
    assert client.get(CHECKIN, {"code": issued.code}).status_code == 405
    invitation.refresh_from_db()
    assert invitation.attended is False


# --- the attendance page -----------------------------------------------------------------------


def test_the_page_offers_the_scanner_and_the_code_field_to_editors_only(client, alice, bob, invitation):
    client.force_login(alice)
    html = client.get(BASE + "1/attendance/").content.decode()
    assert 'id="checkin-form"' in html and 'id="checkin-camera"' in html
    assert "/static/vendor/jsqr/jsQR.js" in html and "/static/js/checkin.js" in html
    assert "<script>" not in html
    client.force_login(bob)
    html = client.get(BASE + "1/attendance/").content.decode()
    assert 'id="checkin-form"' not in html and "jsQR.js" not in html


def test_a_walk_in_is_still_one_tap(client, alice, city, invitation):
    walk_in = StakeholderFactory(city=city, name_fr="Association des étudiants")
    client.force_login(alice)
    html = client.get(BASE + "1/attendance/").content.decode()
    assert f'<option value="{walk_in.pk}">' in html
    response = client.post(BASE + "1/attendance/walk-in/", {"stakeholder": walk_in.pk}, follow=True)
    assert "Association des étudiants est marqué présent." in response.content.decode()
    assert Invitation.objects.get(stakeholder=walk_in).attended is True


@pytest.mark.parametrize("count", [1, 60])
def test_the_attendance_page_query_count_is_constant(client, alice, first, count, django_assert_num_queries):
    for _ in range(count):
        checkin_pass_issue(invitation=InvitationFactory(consultation=first))
    client.force_login(alice)
    # session, user, city with role, consultation with counts, overrides, count of invitations,
    # the page of invitations with stakeholders, stakeholders not invited (walk-in list)
    with django_assert_num_queries(8):
        response = client.get(BASE + "1/attendance/")
    assert response.status_code == 200
    assert response.content.decode().count('class="js-attendance"') == count
