"""File responses: content type, inline or attachment, and a file name that cannot break the header."""

import pytest

from common.responses import calendar_response, csv_response, pdf_response, safe_filename, xlsx_response


def test_a_pdf_is_shown_inline_by_default():
    response = pdf_response(b"%PDF-1.7", "agenda-tunis-consultation-1-fr.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="agenda-tunis-consultation-1-fr.pdf"'
    assert response.content == b"%PDF-1.7"


def test_a_pdf_can_be_downloaded():
    response = pdf_response(b"%PDF-1.7", "roadmap-tunis-v2-bi.pdf", attachment=True)
    assert response["Content-Disposition"] == 'attachment; filename="roadmap-tunis-v2-bi.pdf"'


def test_a_csv_is_downloaded_as_utf8():
    response = csv_response("\ufeffa;b\r\n".encode(), "registry-tunis-2023-11-07.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="registry-tunis-2023-11-07.csv"'
    assert response.content == "\ufeffa;b\r\n".encode()


def test_an_xlsx_is_downloaded():
    response = xlsx_response(b"PK", "me-matrix-tunis-ar.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="me-matrix-tunis-ar.xlsx"'


def test_a_calendar_opens_inline_or_downloads():
    assert calendar_response(b"BEGIN:VCALENDAR", "consultations-tunis.ics")["Content-Type"] == (
        "text/calendar; charset=utf-8"
    )
    response = calendar_response(b"BEGIN:VCALENDAR", "consultation-tunis-1.ics", attachment=True)
    assert response["Content-Disposition"] == 'attachment; filename="consultation-tunis-1.ics"'


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("registry-tunis-2023-11-07.csv", "registry-tunis-2023-11-07.csv"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ('a"; filename="evil.exe', "a_filenameevil.exe"),
        ("line\r\nSet-Cookie: x=1.pdf", "lineSet-Cookie_x1.pdf"),
        ("", "download"),
        ("..", "download"),
    ],
)
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_a_header_never_carries_a_quote_or_a_line_break():
    response = pdf_response(b"", 'x"\r\ny.pdf')
    assert response["Content-Disposition"] == 'inline; filename="xy.pdf"'


def test_a_non_ascii_name_is_encoded():
    response = pdf_response(b"", "خارطة-الطريق.pdf")
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''%D8%AE%D8%A7%D8%B1%D8%B7%D8%A9-%D8%A7%D9%84%D8%B7%D8%B1%D9%8A%D9%82.pdf"
    )
