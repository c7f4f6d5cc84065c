"""PDF documents of a consultation: the agenda (fr, ar, bilingual) and the minutes.

Data comes from selectors; rendering uses the shared WeasyPrint set-up (common.pdf), so the
fonts and the print stylesheet are parsed once per process.
"""

from common.pdf import DocumentLanguage, render_pdf

from .agenda import agenda_slots
from .models import CYCLE_LENGTH, Consultation
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
