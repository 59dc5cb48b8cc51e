"""Render a protocol or an agenda to PDF files, for batch export.

    manage.py render_document protocol 12 --lang kk ru --out exports/
    manage.py render_document agenda 7 --lang ru --out exports/

A signed protocol is written as stored at signing (the bytes whose SHA-256 is on record); a draft and an
agenda are rendered now.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from council.pdf import PDF_LANGUAGES, render_pdf
from protocols.models import Protocol
from protocols.services import protocol_context
from secretariat.models import Meeting
from secretariat.selectors import agenda_context


class Command(BaseCommand):
    help = "Render a protocol or a meeting's agenda to PDF in Kazakh and/or Russian."

    def add_arguments(self, parser):
        parser.add_argument("document", choices=["protocol", "agenda"])
        parser.add_argument("ids", nargs="+", type=int, help="protocol ids, or meeting ids for an agenda")
        parser.add_argument("--lang", nargs="+", choices=PDF_LANGUAGES, default=list(PDF_LANGUAGES))
        parser.add_argument("--out", default=".", help="folder for the files (created if missing)")

    def handle(self, document, ids, lang, out, **options):

        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for pk in ids:
            for language in lang:
                if document == "protocol":
                    try:
                        protocol = Protocol.objects.select_related("meeting", "council").get(pk=pk)
                    except Protocol.DoesNotExist:
                        raise CommandError(f"No protocol with id {pk}.") from None
                    stored = getattr(protocol, f"pdf_{language}")
                    if protocol.frozen and stored:
                        data = stored.read()
                    else:
                        data = render_pdf("pdf/protocol.html", protocol_context(protocol), lang=language)
                    name = f"protocol-{protocol.council.code}-{protocol.meeting.date:%Y-%m-%d}-{pk}-{language}.pdf"
                else:
                    try:
                        meeting = Meeting.objects.select_related("council").get(pk=pk)
                    except Meeting.DoesNotExist:
                        raise CommandError(f"No meeting with id {pk}.") from None
                    data = render_pdf("pdf/agenda.html", agenda_context(meeting), lang=language)
                    name = f"agenda-{meeting.council.code}-{meeting.date:%Y-%m-%d}-{language}.pdf"
                path = folder / name
                path.write_bytes(data)
                self.stdout.write(f"{path} ({len(data)} bytes)")
