"""Shared test data and helpers: the session's "now", small documents to upload, reading pages."""

import datetime as dt
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from council.models import Body
from council.selectors import council_roster
from protocols import services
from secretariat.models import Attendance
from tests import clock
from tests.clock import NOW, TZ  # noqa: F401 - the suite's instant, re-exported for the tests


def pdf_of(pages):
    """A valid PDF of ``pages`` blank A4 pages."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


OFFICE_PARTS = {
    "docx": {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"},
    "xlsx": {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"},
    "odt": {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"},
    "ods": {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document/>"},
}


def office_file(kind, extra=None):
    """The smallest package of ``kind`` (docx, xlsx, odt, ods) that an upload accepts: a ZIP with the parts
    its format requires, and any ``extra`` {name: text} members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in {**OFFICE_PARTS[kind], **(extra or {})}.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def at(day, hour=10, minute=0):
    """``hour``:``minute`` in Almaty on ``day``."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


# The day of ``dispatched_meeting``, a Tuesday.
DAY = at(clock.day(2026, 12, 1), 15)


def content(response):
    """The body of a response, streamed or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def textarea(page, name):
    """The text of the page's textarea ``name``."""
    return re.search(rf'<textarea name="{name}"[^>]*>\s*(.*?)</textarea>', page, re.S).group(1)


def current_section(page):
    """The version as stored now, shown next to a refused edit."""
    return re.search(r'<section aria-labelledby="current-h" id="current">(.*?)</section>', page, re.S).group(1)


def roster(meeting):
    return council_roster(council=meeting.council, day=meeting.date)


def everyone(meeting, absent=(), acting=True):
    """Presence per seat: present (acting where an acting official sits), except the ``absent`` positions."""
    result = {}
    for e in roster(meeting):
        if e.person is None or e.seat.position.body.code in absent:
            result[e.seat.pk] = Attendance.Presence.ABSENT
        else:
            result[e.seat.pk] = Attendance.Presence.ACTING if e.acting and acting else Attendance.Presence.PRESENT
    return result


def decide(protocol, user_named, text="Принять к сведению", kk="Назарға алынсын", **kw):
    item = protocol.items.get(number=1)
    return services.decision_save(
        actor=user_named("secretary"),
        item=item,
        text_kk=kk,
        text_ru=text,
        executors=[Body.objects.get(code="mvd"), Body.objects.get(code="gpo")],
        now=DAY,
        **kw,
    )


def votes_for(protocol, choices_by_code):
    voters = services.entitled_voters(protocol.meeting)
    return {a.seat_id: choices_by_code.get(a.seat.position.body.code, "for") for a in voters}


def heard_and_decided(protocol, user_named):
    """What was heard on every question, and a decision voted down on each that has none: without them the
    protocol is neither presented nor signed (R-000-11a)."""
    secretary = user_named("secretary")
    for item in protocol.items.order_by("number"):
        services.item_save(
            actor=secretary, item=item, heard_kk="Баяндама тыңдалды", heard_ru="Заслушан доклад", now=DAY
        )
        if not item.decisions.exists():
            d = services.decision_save(
                actor=secretary,
                item=item,
                text_kk="Ақпарат назарға алынсын",
                text_ru="Информацию принять к сведению",
                executors=[Body.objects.get(code="mju")],
                now=DAY,
            )
            # Not adopted, so nothing more goes under control than decision 1.1.
            against = {seat: "against" for seat in votes_for(protocol, {})}
            services.votes_record(actor=secretary, decision=d, choices=against, now=DAY)
