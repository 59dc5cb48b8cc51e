"""``manage.py make_signing_certificate PATH --password P``: a self-signed demo certificate for the PAdES
signatures of protocols (``make run`` makes one under var/ unless it is there)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from council.pdf_signing import make_demo_certificate


class Command(BaseCommand):
    help = "Make a self-signed PKCS#12 certificate for signing protocols' PDFs (demonstrations only)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--password", required=True)

    def handle(self, path, password, **options):
        cert = make_demo_certificate(path, password, now=timezone.now())
        self.stdout.write(f"{path} ({cert.subject.rfc4514_string()}); certificate for PDF readers: {path[:-4]}.pem")
