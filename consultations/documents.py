"""PDF documents of a consultation: the agenda (fr, ar, bilingual) and the minutes.

Data comes from selectors; rendering uses the shared WeasyPrint set-up (common.pdf), so the
fonts and the print stylesheet are parsed once per process.
"""

import io

from common.pdf import DocumentLanguage, qr_code_data_uri, render_pdf

from .agenda import agenda_slots
from .models import CYCLE_LENGTH, Consultation, Invitation
from .selectors import agenda_items, attendance_for_minutes


def document_language(value: str | None, default: str = "fr") -> str:
    """The ?lang= of a document URL: fr, ar or bi (bilingual); anything else falls back."""
    return value if value in DocumentLanguage.values else default


def agenda_context(consultation: Consultation, *, language: str) -> dict:
    items = agenda_items(consultation=consultation)
    return {
        "consultation": consultation,
        "city": consultation.city,
        "slots": agenda_slots(items),
        "doc_language": language,
        "cycle_length": CYCLE_LENGTH,
    }


def agenda_pdf(consultation: Consultation, *, language: str) -> bytes:
    """The agenda of a consultation: French, Arabic (right to left) or both side by side."""
    language = document_language(language)
    return render_pdf(
        "consultations/pdf/agenda.html", agenda_context(consultation, language=language), language=language
    )


def minutes_context(consultation: Consultation, *, language: str) -> dict:
    return {
        "consultation": consultation,
        "city": consultation.city,
        "minutes": getattr(consultation, "minutes", None),
        "attendance": attendance_for_minutes(consultation=consultation),
        "doc_language": language,
        "languages": ["fr", "ar"] if language == DocumentLanguage.BILINGUAL else [language],
        "cycle_length": CYCLE_LENGTH,
    }


def minutes_pdf(consultation: Consultation, *, language: str) -> bytes:
    """The minutes: French, Arabic, or French then Arabic. Under the Chatham House rule they say
    so, attribute nothing, and list attendance by organisation only."""
    language = document_language(language)
    return render_pdf(
        "consultations/pdf/minutes.html", minutes_context(consultation, language=language), language=language
    )


def checkin_qr_png(payload: str) -> bytes:
    """The pass's QR code as a PNG (emails show PNG inline; SVG is often blocked)."""
    import segno  # noqa: PLC0415 -- only passes need it

    buffer = io.BytesIO()
    segno.make_qr(payload, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def checkin_pass_pdf(invitation: Invitation, *, qr_payload: str, code: str, language: str) -> bytes:
    """A one-page pass to show at the door: the consultation, the organisation, the QR code and the
    short code, in the contact's language (fr or ar)."""
    language = language if language in ("fr", "ar") else "fr"
    consultation = invitation.consultation
    context = {
        "consultation": consultation,
        "city": consultation.city,
        "invitation": invitation,
        "stakeholder": invitation.stakeholder,
        "contact": invitation.contact,
        "qr": qr_code_data_uri(qr_payload),
        "code": code,
    }
    return render_pdf("consultations/pdf/checkin_pass.html", context, language=language)
