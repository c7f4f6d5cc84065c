"""Arabic in a PDF extracts as written: no word split by the font's kerning ("خر يطة" for «خريطة»)."""

import subprocess

import pytest

from common.pdf import html_to_pdf

WORDS = ["خريطة", "الأولويات", "تعزيز", "الحضرية", "الإيجابية", "التمويل"]


def extracted(html: str) -> str:
    pdf = html_to_pdf(html)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return text.replace("\u202a", "").replace("\u202b", "").replace("\u202c", "")


@pytest.mark.parametrize(
    "html",
    [
        '<html lang="ar" dir="rtl"><body><p>{}</p></body></html>',
        '<html lang="fr" dir="ltr"><body><p lang="ar" dir="rtl">{}</p></body></html>',  # a bilingual column
    ],
    ids=["arabic-document", "arabic-inside-french"],
)
def test_arabic_words_extract_whole(html):
    text = extracted(html.format("ورسم " + "، ".join(WORDS)))
    for word in WORDS:
        assert word in text
