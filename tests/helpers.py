"""Shared test data: the session's "now" and small documents to upload."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile

NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=5)))


def pdf_of(pages):
    """A valid PDF of ``pages`` blank A4 pages."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)
