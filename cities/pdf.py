"""WeasyPrint rendering shared by every app's documents.py.

One FontConfiguration and one parsed print stylesheet per process: parsing fonts and CSS
is most of a cold render, so warm renders only lay out the document.
"""

import functools
import hashlib
import pathlib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

PRINT_CSS = pathlib.Path(settings.BASE_DIR) / "static" / "css" / "print.css"


@functools.cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=str(PRINT_CSS), font_config=_font_config())


def html_to_pdf(html: str, *, pdf_variant: str | None = None) -> bytes:
    """Render final HTML to PDF bytes with the shared fonts and print stylesheet.

    pdf_variant="pdf/a-3b" makes an archival PDF (used for ratification records).
    """
    from weasyprint import HTML

    options = {}
    if pdf_variant:
        options["pdf_variant"] = pdf_variant
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config(), **options)


def render_pdf(template_name: str, context: dict, *, language: str, pdf_variant: str | None = None) -> bytes:
    """Render a template in the given language (fr, ar, or "bi" rendered with French active) to PDF."""
    with translation.override("fr" if language == "bi" else language):
        html = render_to_string(template_name, context)
    return html_to_pdf(html, pdf_variant=pdf_variant)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
