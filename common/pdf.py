"""WeasyPrint rendering shared by every app's documents.py.

One FontConfiguration and one parsed print stylesheet per process: parsing fonts and CSS
is most of a cold render, so warm renders only lay out the document.
"""

import functools
import pathlib

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

PRINT_CSS = pathlib.Path(settings.BASE_DIR) / "static" / "css" / "print.css"


class DocumentLanguage(models.TextChoices):
    """The languages a document is printed in: French, Arabic, or both (French labels, Arabic beside them)."""

    FRENCH = "fr", _("French")
    ARABIC = "ar", _("Arabic")
    BILINGUAL = "bi", _("Bilingual")


@functools.cache
def font_config():
    """The process's one FontConfiguration (fonts are found and parsed once)."""
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 -- heavy, loaded on the first PDF

    return FontConfiguration()


@functools.cache
def _stylesheet():
    from weasyprint import CSS  # noqa: PLC0415 -- heavy, loaded on the first PDF

    return CSS(filename=str(PRINT_CSS), font_config=font_config())


def html_to_pdf(html: str, *, pdf_variant: str | None = None) -> bytes:
    """Render final HTML to PDF bytes with the shared fonts and print stylesheet.

    pdf_variant="pdf/a-3b" makes an archival PDF (used for ratification records).
    """
    from weasyprint import HTML  # noqa: PLC0415 -- heavy, loaded on the first PDF

    options = {}
    if pdf_variant:
        options["pdf_variant"] = pdf_variant
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=[_stylesheet()], font_config=font_config(), **options)


def render_html(template_name: str, context: dict, *, language: str) -> str:
    """A document's final HTML in a DocumentLanguage (bilingual renders with French active)."""
    active = DocumentLanguage.FRENCH if language == DocumentLanguage.BILINGUAL else language
    with translation.override(str(active)):
        return render_to_string(template_name, context)


def render_pdf(template_name: str, context: dict, *, language: str, pdf_variant: str | None = None) -> bytes:
    """Render a template in a DocumentLanguage (bilingual renders with French active) to PDF bytes."""
    return html_to_pdf(render_html(template_name, context, language=language), pdf_variant=pdf_variant)
