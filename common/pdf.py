"""WeasyPrint rendering shared by every app's documents.py.

One FontConfiguration and one parsed print stylesheet per process: parsing fonts and CSS
is most of a cold render, so warm renders only lay out the document.
"""

import datetime as dt
import functools
import io
import pathlib
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

PRINT_CSS = pathlib.Path(settings.PROJECT_DIR) / "static" / "css" / "print.css"


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


# WeasyPrint's HTML5 user-agent stylesheet gives every element six pseudo-elements (::marker and the
# footnote and note calls and markers) through universal rules: each one is matched and its style computed
# for every element of the document, about a fifth of the style work of a long table and of its memory.
# Our documents use no footnotes or notes, and only lists have markers: those rules are scoped to them.
_UA_SCOPED = {
    "::marker {": "li::marker, summary::marker {",
    "::footnote-call {": "[data-footnote]::footnote-call {",
    "::footnote-marker {": "[data-footnote]::footnote-marker {",
    "::note-call {": "[data-note]::note-call {",
    "::note-marker {": "[data-note]::note-marker {",
    "::note-callback {": "[data-note]::note-callback {",
}


@functools.cache
def _html_class():
    """weasyprint.HTML with the scoped user-agent stylesheet (WeasyPrint's own when a rule is not found,
    e.g. after an upgrade changed it)."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 -- heavy, loaded on the first PDF
    from weasyprint import html as weasy_html  # noqa: PLC0415 -- heavy, loaded on the first PDF
    from weasyprint.css.counters import CounterStyle  # noqa: PLC0415 -- heavy, loaded on the first PDF

    ua = weasy_html.UA
    if not all(ua.count(rule) == 1 for rule in _UA_SCOPED):
        return HTML
    for rule, scoped in _UA_SCOPED.items():
        ua = ua.replace(rule, scoped)
    # A counter style of its own: the document's come from WeasyPrint's (HTML._ua_counter_style), and
    # parsing the @counter-style rules into those again would warn that each one is already defined.
    sheet = CSS(string=ua, counter_style=CounterStyle())

    class ScopedHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [sheet, weasy_html.UA_FORM_STYLESHEET] if forms else [sheet]

    return ScopedHTML


@dataclass(frozen=True)
class PdfAttachment:
    """A file embedded in a PDF. In a PDF/A-3 document it is an associated file of the document, with
    its relationship ("Data": the data the document presents, for machines to read)."""

    name: str
    data: bytes
    description: str = ""
    relationship: str = "Data"


def html_to_pdf(html: str, *, pdf_variant: str | None = None, attachments: list[PdfAttachment] | tuple = ()) -> bytes:
    """Render final HTML to PDF bytes with the shared fonts and print stylesheet.

    pdf_variant="pdf/a-3b" makes an archival PDF (used for ratification records); `attachments` are
    embedded (associated files in PDF/A-3).
    """
    from weasyprint import Attachment  # noqa: PLC0415 -- heavy, loaded on the first PDF

    options = {}
    if pdf_variant:
        options["pdf_variant"] = pdf_variant
    if attachments:
        # WeasyPrint writes these times with a "Z": give it UTC.
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        options["attachments"] = [
            Attachment(
                file_obj=io.BytesIO(a.data),
                name=a.name,
                description=a.description,
                relationship=a.relationship,
                created=now,
                modified=now,
            )
            for a in attachments
        ]
    # Relative links in a document ("static/css/planning.css") resolve in the project's package, where
    # the shared static files are, in a checkout and in an installed wheel alike.
    document = _html_class()(string=html, base_url=str(settings.PROJECT_DIR) + "/")
    return document.write_pdf(stylesheets=[_stylesheet()], font_config=font_config(), **options)


def render_html(template_name: str, context: dict, *, language: str) -> str:
    """A document's final HTML in a DocumentLanguage (bilingual renders with French active)."""
    active = DocumentLanguage.FRENCH if language == DocumentLanguage.BILINGUAL else language
    with translation.override(str(active)):
        return render_to_string(template_name, context)


def render_pdf(
    template_name: str,
    context: dict,
    *,
    language: str,
    pdf_variant: str | None = None,
    attachments: list[PdfAttachment] | tuple = (),
) -> bytes:
    """Render a template in a DocumentLanguage (bilingual renders with French active) to PDF bytes."""
    html = render_html(template_name, context, language=language)
    return html_to_pdf(html, pdf_variant=pdf_variant, attachments=attachments)


def pdf_embedded_files(data: bytes) -> dict[str, bytes]:
    """The files embedded in a PDF (its /EmbeddedFiles name tree), by name. Raises on an unreadable PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 -- heavy, loaded on first use

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    names = reader.root.get("/Names")
    tree = names.get("/EmbeddedFiles") if names is not None else None
    files = {}
    pending = [tree] if tree is not None else []
    while pending:  # a name tree: /Names [name spec ...] in leaves, /Kids below the root
        node = pending.pop().get_object()
        pending.extend(kid for kid in node.get("/Kids", ()))
        entries = list(node.get("/Names", ()))
        for name, spec in zip(entries[::2], entries[1::2], strict=False):
            spec = spec.get_object()
            stream = spec["/EF"]["/F"].get_object()
            files[str(spec.get("/UF", name))] = stream.data
    return files


def qr_code_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG data URI (for an <img> in a PDF), error correction M."""
    import segno  # noqa: PLC0415 -- only documents with a QR code need it

    return segno.make_qr(text, error="m").svg_data_uri(border=2, dark="#000")
