"""``manage.py verify_pdf_signature FILE --trust CERT.pem``: whether a PDF's signatures are intact, valid
and trusted by the given root, and what they cover (pyHanko's validator)."""

from django.core.management.base import BaseCommand, CommandError

from council.pdf_signing import outside_event_loop


class Command(BaseCommand):
    help = "Validate the PAdES signatures of a PDF against a trusted root certificate."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--trust", required=True, help="the root certificate (PEM or DER)")

    def handle(self, path, trust, **options):
        # here: pyHanko takes a second to load; only this command pays it
        from pyhanko.keys import load_cert_from_pemder
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        with open(path, "rb") as f:
            signatures = PdfFileReader(f, strict=False).embedded_signatures
            if not signatures:
                raise CommandError(f"{path} carries no signature.")
            context = ValidationContext(trust_roots=[load_cert_from_pemder(trust)], allow_fetching=False)
            ok = True
            for signature in signatures:
                status = outside_event_loop(validate_pdf_signature, signature, context)
                self.stdout.write(
                    f"{signature.field_name}: signed {signature.self_reported_timestamp} by "
                    f"{status.signing_cert.subject.human_friendly}; intact={status.intact} valid={status.valid} "
                    f"trusted={status.trusted} coverage={status.coverage.name}"
                )
                ok = ok and status.bottom_line
        if not ok:
            raise CommandError("The signature does not hold.")
