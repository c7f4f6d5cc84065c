"""The baseline report ("état des lieux") as PDF, in French, Arabic or both: the inventory of programmes,
who does what, the coverage gaps, the overlaps and the assessments' summary."""

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cities.models import City
from common.pdf import render_pdf

from .selectors import baseline_report

LANGUAGES = ("fr", "ar", "bi")
LANGUAGE_LABELS = (("fr", _("French")), ("ar", _("Arabic")), ("bi", _("Bilingual")))


def baseline_report_pdf(*, city: City, language: str) -> bytes:
    """Rows are read in the document's language (Arabic titles sort the Arabic document); "bi" reads as French."""
    if language not in LANGUAGES:
        raise ValueError(language)
    with translation.override("ar" if language == "ar" else "fr"):
        report = baseline_report(city=city)
    context = {
        "report": report,
        "doc_city": city,
        "bilingual": language == "bi",
        "doc_language": language,
        "generated_on": timezone.localtime(timezone.now(), city.tzinfo).date(),
    }
    return render_pdf("inventory/pdf/report.html", context, language=language)
