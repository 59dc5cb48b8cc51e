"""One agenda book: the agenda and the latest version of every document in one PDF with a contents page,
bookmarks and page numbers, beside the ZIP of the original files (R-000-10e)."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from secretariat.services import material_submit
from tests.helpers import NOW, content, office_file, pdf_of, upload

pytestmark = pytest.mark.django_db

DOCX = office_file("docx")


def _submit(item, user_named):
    employee = user_named("sec_mvd")
    material_submit(actor=employee, item=item, kind="reference_note", upload=upload("справка.pdf", pdf_of(1)), now=NOW)
    # A second version replaces the first in the book (only the latest is current).
    material_submit(
        actor=employee, item=item, kind="reference_note", upload=upload("справка-2.pdf", pdf_of(3)), now=NOW
    )
    material_submit(actor=employee, item=item, kind="other", upload=upload("таблица.docx", DOCX), now=NOW)


@pytest.mark.parametrize(
    ("lang", "agenda", "question"),
    [("ru", "Повестка заседания", "О преступности"), ("kk", "Отырыстың күн тәртібі", "Қылмыс туралы")],
)
def test_the_book_has_contents_bookmarks_and_page_numbers(
    client, sign_in, user_named, scheduled_item, lang, agenda, question
):
    _submit(scheduled_item, user_named)
    meeting = scheduled_item.meeting
    sign_in("secretary")
    page = client.get(meeting.get_absolute_url()).content.decode()
    book_url = reverse("secretariat:meeting_book", args=[meeting.pk, lang])
    assert book_url in page and reverse("secretariat:meeting_pack", args=[meeting.pk]) in page  # beside the ZIP

    response = client.get(book_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(content(response)))
    # Contents (1) + agenda (1) + the reference note's latest version (3) + a page naming the Word file (1).
    assert len(reader.pages) == 6
    texts = [p.extract_text() for p in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert f"{number} / 6" in text  # every page numbered
    assert question in texts[0]
    # The contents: the agenda on page 2, the reference note's latest version (v2) on 3, the Word file on 6.
    lines = [line.strip() for line in texts[0].splitlines()]
    assert [line.rsplit(" ", 1)[1] for line in lines if "· v" in line] == ["3", "6"]
    assert "v2 3" in texts[0] and "v1 6" in texts[0]
    assert "таблица.docx" in texts[5]

    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[2] == f"1. {question}"
    assert len(titles) == 3 and titles[1] == agenda  # contents, the agenda, the question
    children = outline[3]
    assert [reader.get_destination_page_number(o) + 1 for o in children] == [3, 6]
    assert reader.get_destination_page_number(outline[1]) == 1  # the agenda on page 2


def test_the_zip_keeps_the_original_files(client, sign_in, user_named, scheduled_item):
    _submit(scheduled_item, user_named)
    sign_in("secretary")
    response = client.get(reverse("secretariat:meeting_pack", args=[scheduled_item.meeting.pk]))
    names = zipfile.ZipFile(io.BytesIO(content(response))).namelist()
    assert any(n.endswith("таблица.docx") for n in names)


def test_a_member_opens_the_book_only_once_the_agenda_is_sent(client, sign_in, scheduled_item):
    sign_in("member_mvd")
    url = reverse("secretariat:meeting_book", args=[scheduled_item.meeting.pk, "ru"])
    assert client.get(url).status_code == 403  # R-000-10e
    assert client.get(reverse("secretariat:meeting_book", args=[scheduled_item.meeting.pk, "en"])).status_code == 404
