"""What stakeholders receive: a receipt of each decision (online or on paper) and of each answer to an
invitation, in the contact's language, with the version's SHA-256 and the time in the city's zone; and,
once the version is adopted, a notice with the adopted text attached."""

import datetime as dt
import io
import types

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from consultations.models import Answer
from consultations.services import invitations as invitation_services
from consultations.services.invitations import invitation_answer
from links.services import link_issue
from notifications.receipts import adoption_notices_queue
from outbox.models import OutgoingEmail
from planning.kind import ROADMAP_RATIFICATION
from planning.services.roadmap import roadmap_version_approve
from ratification import services as ratification_services
from ratification.services import ratification_record_paper
from terms.kind import TOR_RATIFICATION
from tests.factories import (
    ConsultationFactory,
    ContactFactory,
    FrozenRoadmapVersionFactory,
    InvitationFactory,
    StakeholderFactory,
)

from .conftest import decide_on_paper, decide_online, message_to

pytestmark = pytest.mark.django_db
DECIDED = dt.datetime(2026, 2, 3, 23, 30, tzinfo=dt.UTC)  # 4 February, 00:30 in Tunis


@pytest.fixture
def at_decision_time(monkeypatch):
    """Decisions and answers are recorded at DECIDED (links and requests keep the real clock)."""
    clock = types.SimpleNamespace(now=lambda: DECIDED)
    monkeypatch.setattr(ratification_services, "timezone", clock)
    monkeypatch.setattr(invitation_services, "timezone", clock)


def test_receipt_of_an_online_decision_in_french(rr_oim, rr_croissant, version, committed, at_decision_time):
    committed(decide_online, rr_oim, signed_name="Marc Durand")

    message = message_to("marc@example.org", "enregistrée")
    assert message.subject == "Votre décision est enregistrée : Termes de référence, version 2 – Tunis"
    assert message.extra_headers["Content-Language"] == "fr"
    assert version.sha256 in message.body
    assert "Document : Termes de référence, version 2" in message.body
    assert "Décision : Ratifiée" in message.body
    assert "Enregistré le : 4 février 2026 00:30 (heure de Tunis)" in message.body
    assert "Donnée par votre lien personnel." in message.body
    assert "Nom indiqué : Marc Durand" in message.body
    assert version.sha256 in message.alternatives[0][0]


def test_receipt_of_a_decline_on_paper_in_arabic(alice, rr_croissant, rr_oim, version, committed, at_decision_time):
    committed(decide_on_paper, rr_croissant, alice, "declined", signed_name="", reason="الفصل 4 غير واضح.")

    message = message_to("amal@example.org", "تسجيل")
    assert message.subject == "تم تسجيل قراركم: الاختصاصات المرجعية، النسخة 2 – تونس"
    assert message.extra_headers["Content-Language"] == "ar"
    body = message.body
    assert version.sha256 in body
    assert "الوثيقة: الاختصاصات المرجعية، النسخة 2" in body
    assert "القرار: مرفوضة" in body
    assert "السبب المذكور: الفصل 4 غير واضح." in body
    # Tunisian month names (فيفري), local time, labelled
    assert "تاريخ التسجيل: 4 فيفري 2026، 00:30 (بتوقيت تونس)" in body
    assert "وردت على الورق وسجّلتها الأمانة." in body
    html = message.alternatives[0][0]
    assert 'lang="ar" dir="rtl"' in html
    assert "Termes" not in body and "Décision" not in body


def test_receipt_of_a_roadmap_decision_names_the_roadmap(alice, city, committed):
    version = FrozenRoadmapVersionFactory(city=city, number=1)
    stakeholder = StakeholderFactory(city=city, name_fr="OIM Tunisie")
    contact = ContactFactory(stakeholder=stakeholder, name="Marc Durand", email="marc@example.org", language="fr")
    rr = ROADMAP_RATIFICATION.request_model.objects.create(
        version=version,
        stakeholder=stakeholder,
        contact=contact,
        contact_name=contact.name,
        contact_email=contact.email,
        language="fr",
        sent_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    committed(
        ratification_record_paper,
        ROADMAP_RATIFICATION,
        ratification_request=rr,
        user=alice,
        decision="ratified",
        signed_name="Marc Durand",
    )
    message = message_to("marc@example.org")
    assert message.subject == "Votre décision est enregistrée : Feuille de route, version 1 – Tunis"
    assert version.sha256 in message.body


def _answer(invitation, answer, delegate_name=""):
    issued = link_issue(
        target=invitation, purpose="invitation", expires_at=timezone.now() + dt.timedelta(days=3), language="fr"
    )
    return invitation_answer(invitation=invitation, link=issued.link, answer=answer, delegate_name=delegate_name)


@pytest.fixture
def consultation(city):
    return ConsultationFactory(
        city=city, number=1, title_fr="Première consultation", title_ar="الاستشارة الأولى", date=dt.date(2030, 2, 12)
    )


def test_receipt_of_an_answer_in_arabic(consultation, croissant, committed, at_decision_time):
    invitation = InvitationFactory(
        consultation=consultation, stakeholder=croissant, contact=croissant.contacts.get(), language="ar"
    )
    committed(_answer, invitation, Answer.NOT_ATTENDING)

    message = message_to("amal@example.org")
    assert message.subject == "تم تسجيل ردّكم على الدعوة إلى الاستشارة 1 – تونس"
    assert "الردّ: لن يحضر" in message.body
    assert "الاستشارة: 1 – الاستشارة الأولى" in message.body
    assert "تاريخ الاستشارة: 12 فيفري 2030" in message.body
    assert "تاريخ التسجيل: 4 فيفري 2026، 00:30 (بتوقيت تونس)" in message.body


def test_receipt_of_an_answer_in_french_with_the_delegate(consultation, oim, committed, at_decision_time):
    invitation = InvitationFactory(
        consultation=consultation, stakeholder=oim, contact=oim.contacts.get(), language="fr"
    )
    committed(_answer, invitation, Answer.DELEGATE, "Sami Trabelsi")

    message = message_to("marc@example.org")
    assert message.subject == "Votre réponse à l’invitation à la consultation 1 est enregistrée – Tunis"
    assert "Réponse : Envoie un représentant (Sami Trabelsi)" in message.body
    assert "Consultation : 1 – Première consultation" in message.body
    assert "Enregistré le : 4 février 2026 00:30 (heure de Tunis)" in message.body
    # the same answer again records nothing and sends nothing
    mail.outbox = []
    committed(_answer, invitation, Answer.DELEGATE, "Sami Trabelsi")
    assert mail.outbox == []


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_adoption_notice_with_the_adopted_text_attached(rr_croissant, rr_oim, version, committed):
    committed(decide_online, rr_oim)
    committed(decide_online, rr_croissant)

    french = message_to("marc@example.org", "Version adoptée")
    assert french.subject == "Version adoptée : Termes de référence, version 2 – Tunis"
    assert version.sha256 in french.body
    assert [(name, mimetype) for name, _content, mimetype in french.attachments] == [
        ("tor-v2-fr.pdf", "application/pdf")
    ]
    assert french.attachments[0][1].startswith(b"%PDF")
    arabic = message_to("amal@example.org", "اعتماد النسخة")
    assert arabic.subject == "اعتماد النسخة: الاختصاصات المرجعية، النسخة 2 – تونس"
    assert [name for name, _c, _m in arabic.attachments] == ["tor-v2-ar.pdf"]

    # Run again (a task run twice): nobody is told twice.
    assert adoption_notices_queue(TOR_RATIFICATION, version=version) == 0
    assert OutgoingEmail.objects.filter(purpose="adoption_notice").count() == 2


def test_roadmap_approval_sends_notices_to_who_decided(alice, city, oim, committed):
    version = FrozenRoadmapVersionFactory(city=city, number=1)
    contact = oim.contacts.get()
    rr = ROADMAP_RATIFICATION.request_model.objects.create(
        version=version,
        stakeholder=oim,
        contact=contact,
        contact_name=contact.name,
        contact_email=contact.email,
        language="fr",
        sent_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    committed(
        ratification_record_paper,
        ROADMAP_RATIFICATION,
        ratification_request=rr,
        user=alice,
        decision="ratified",
        signed_name="Marc Durand",
    )
    committed(
        roadmap_version_approve, version=version, decided_on=dt.date(2026, 3, 1), decision_fr="Approuvée.", user=alice
    )

    notice = message_to("marc@example.org", "Version adoptée")
    assert notice.subject == "Version adoptée : Feuille de route, version 1 – Tunis"
    assert [name for name, _c, _m in notice.attachments] == ["roadmap-v1-fr.pdf"]


def test_no_receipt_without_an_address(alice, version, city, committed):
    stakeholder = StakeholderFactory(city=city)
    rr = TOR_RATIFICATION.request_model.objects.create(
        version=version,
        stakeholder=stakeholder,
        contact_name="Sans adresse",
        contact_email="",
        sent_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    committed(decide_on_paper, rr, alice)
    assert mail.outbox == []
