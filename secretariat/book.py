"""The agenda book: the agenda and the latest version of every document of every question merged into one
PDF, in Kazakh or Russian, with a contents page, bookmarks and page numbers (R-000-10e: members get the
agenda with all documents). The ZIP (``selectors.document_pack``) keeps the original files; here a
document that is not a PDF (a .docx, a spreadsheet) is named on a page of its own that points to the ZIP."""

import io
from dataclasses import dataclass

from django.utils import translation
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from council.pdf import render_pdf

from .models import Material
from .selectors import agenda_items, latest_materials


@dataclass
class Part:
    title: str
    item: object  # the agenda question, or None for the agenda itself
    reader: PdfReader
    start: int = 0  # first page, counting from 1

    @property
    def pages(self):
        return len(self.reader.pages)


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _material_reader(material, lang):
    """The document's own pages, or one page naming it when it is not a readable PDF."""
    with material.file.open("rb") as f:
        data = f.read()
    if data.startswith(b"%PDF-"):
        try:
            reader = _reader(data)
            if not reader.is_encrypted and len(reader.pages):
                return reader
        except (PyPdfError, ValueError, OSError):
            pass
    notice = render_pdf("pdf/book_notice.html", {"material": material}, lang=lang)
    return _reader(notice)


def _title(material):
    body = material.body.short_name or material.body.code
    return f"{material.get_kind_display()} · {body} · v{material.version}"


def agenda_book(meeting, lang) -> bytes:
    """The whole pack as one PDF in ``lang``."""
    items = list(agenda_items(meeting))
    with translation.override(lang):
        agenda_title = str(translation.gettext("Agenda of the meeting"))
        parts = [
            Part(
                agenda_title,
                None,
                _reader(render_pdf("pdf/agenda.html", {"meeting": meeting, "items": items}, lang=lang)),
            )
        ]
        by_item = {i.pk: i for i in items}
        kinds = list(Material.Kind.values)  # the reference note first, then other materials, the list, contributions
        for m in sorted(latest_materials(meeting), key=lambda m: (m.item.number, kinds.index(m.kind), m.body_id)):
            parts.append(Part(_title(m), by_item.get(m.item_id, m.item), _material_reader(m, lang)))

    # The contents come first: number the parts after it, and render it again if its own length changed.
    contents_pages = 1
    for _attempt in range(3):
        page = contents_pages + 1
        for p in parts:
            p.start, page = page, page + p.pages
        contents = _reader(
            render_pdf("pdf/book_contents.html", {"meeting": meeting, "parts": parts, "items": items}, lang=lang)
        )
        if len(contents.pages) == contents_pages:
            break
        contents_pages = len(contents.pages)

    writer = PdfWriter()
    for page in contents.pages:
        writer.add_page(page)
    for p in parts:
        for page in p.reader.pages:
            writer.add_page(page)
    total = len(writer.pages)
    numbers = _reader(render_pdf("pdf/book_numbers.html", {"total": total, "pages": range(total)}, lang=lang))
    for page, number in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(number, over=True)

    with translation.override(lang):
        writer.add_outline_item(title=str(translation.gettext("Contents")), page_number=0)
        writer.add_outline_item(title=agenda_title, page_number=parts[0].start - 1)
        parents = {}
        for p in parts[1:]:
            if p.item.pk not in parents:
                question = p.item.question_kk if lang == "kk" else p.item.question_ru
                parents[p.item.pk] = writer.add_outline_item(
                    title=f"{p.item.number}. {question}", page_number=p.start - 1
                )
            writer.add_outline_item(title=p.title, page_number=p.start - 1, parent=parents[p.item.pk])
    writer.add_metadata({"/Title": f"{agenda_title} {meeting.date:%d.%m.%Y}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
