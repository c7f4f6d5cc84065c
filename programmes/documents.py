"""The programme's one-page summary as PDF, in French, Arabic or both (common.pdf.DocumentLanguage).

Its figures are programme_overview's, read in the document's language; a bilingual summary reads as French
with the Arabic beside each label and name. No contact appears in it."""

from django.utils import timezone, translation

from common.pdf import DocumentLanguage, render_pdf
from stakeholders.models import Category

from .models import Programme
from .selectors import programme_overview


def overview_pdf(*, programme: Programme, language: str) -> bytes:
    if language not in DocumentLanguage.values:
        raise ValueError(language)
    with translation.override("ar" if language == DocumentLanguage.ARABIC else "fr"):
        overview = programme_overview(programme=programme)
    context = {
        "programme": programme,
        "overview": overview,
        "bilingual": language == DocumentLanguage.BILINGUAL,
        "category_count": len(Category.choices),
        "generated_on": timezone.localdate(),
    }
    return render_pdf("programmes/pdf/summary.html", context, language=language)
