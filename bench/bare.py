"""A document's table rows with their texts only: what no styling can go under with WeasyPrint.

bench/record_pdf.py --floor and bench/roadmap_pdf.py --floor print raw WeasyPrint's time on this: every
<tbody> of the final HTML kept, each row and cell (with its rowspan and colspan) and the texts in them, and
nothing else: no attribute, no inline or block element inside a cell, no border, no running header or
footer, no PDF/A, WeasyPrint's own stylesheet; only the document's page and font size, fixed columns."""

import re

_CELL_OR_ROW = re.compile(r"<(/?)(td|th|tr)\b([^>]*)>")
_SPAN = re.compile(r"\s(rowspan|colspan)=\"?(\d+)\"?")
_ANY_OTHER_TAG = re.compile(r"<(?!/?(?:td|th|tr)\b)[^>]+>")


def _bare_row_markup(body: str) -> str:
    def keep(match: re.Match) -> str:
        spans = "".join(f' {name}="{value}"' for name, value in _SPAN.findall(match.group(3)))
        return f"<{match.group(1)}{match.group(2)}{spans}>"

    return _ANY_OTHER_TAG.sub(" ", _CELL_OR_ROW.sub(keep, body))


def bare_tables(html: str, *, page_size: str = "A4 landscape", font_size: str = "8.5pt") -> str:
    """The final HTML's tables as bare rows of text, in a document of their own."""
    bodies = re.findall(r"<tbody>(.*?)</tbody>", html, re.S)
    lang = re.search(r'<html lang="(\w+)"', html).group(1)
    tables = "".join(f"<table><tbody>{_bare_row_markup(body)}</tbody></table>" for body in bodies)
    return (
        f'<html lang="{lang}"><head><style>@page {{ size: {page_size}; margin: 16mm 14mm }}'
        f" table {{ table-layout: fixed; width: 100%; font-size: {font_size}; font-family: 'Noto Sans', 'Amiri' }}"
        f"</style></head><body>{tables}</body></html>"
    )
