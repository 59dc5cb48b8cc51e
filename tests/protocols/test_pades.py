"""A frozen protocol's PDFs are PAdES-signed with the organisation's certificate: the signature covers the
whole file, carries the signing time, validates with pyHanko against the certificate's root, and one
changed byte breaks it; the SHA-256 on record is of the signed file."""

import asyncio
import hashlib
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import override_settings
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from council.pdf import html_to_pdf
from council.pdf_signing import Unsigned, make_demo_certificate, outside_event_loop, pdf_signer
from tests import clock

pytestmark = pytest.mark.django_db

PASSWORD = "test-signing-password"


@pytest.fixture
def certificate(tmp_path):

    path = tmp_path / "org.p12"
    make_demo_certificate(path, PASSWORD, now=clock.now(), name="Test council secretariat")
    with override_settings(PDF_SIGNING_PKCS12=str(path), PDF_SIGNING_PASSWORD=PASSWORD):
        yield path


@pytest.fixture
def signed_protocol(demo, today, certificate):
    from protocols.demo import load_demo_cycle

    return load_demo_cycle(today=today, password="demo-pass-123")["protocol"]


def _status(data, root):
    signature = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures[0]
    context = ValidationContext(trust_roots=[root], allow_fetching=False)
    return signature, outside_event_loop(validate_pdf_signature, signature, context)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_signed_protocol_validates_against_the_organisations_root(signed_protocol, certificate, lang):
    data = getattr(signed_protocol, f"pdf_{lang}").read()
    root = load_cert_from_pemder(str(certificate.with_suffix(".pem")))
    signature, status = _status(data, root)
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert signature.self_reported_timestamp is not None  # the signing time, /M
    assert "Test council secretariat" in status.signing_cert.subject.human_friendly
    assert hashlib.sha256(data).hexdigest() == getattr(signed_protocol, f"sha256_{lang}")


def test_one_changed_byte_breaks_the_signature(signed_protocol, certificate):
    data = bytearray(signed_protocol.pdf_ru.read())
    root = load_cert_from_pemder(str(certificate.with_suffix(".pem")))
    assert _status(bytes(data), root)[1].intact
    # The header's binary comment: the file still reads, but it is not the file that was signed.
    position = data.index(b"\n", 5) + 2
    data[position] ^= 0x01
    _signature, status = _status(bytes(data), root)
    assert not status.intact and not status.bottom_line  # the digest of the signed bytes no longer matches


def test_another_root_does_not_trust_it(signed_protocol, tmp_path):

    make_demo_certificate(tmp_path / "other.p12", "x", now=clock.now(), name="Someone else")
    other = load_cert_from_pemder(str(tmp_path / "other.pem"))
    _signature, status = _status(signed_protocol.pdf_kk.read(), other)
    assert status.intact and not status.trusted


def test_without_a_certificate_the_pdf_is_stored_as_rendered(settings):
    settings.PDF_SIGNING_PKCS12 = ""
    settings.PDF_SIGNER = ""
    assert isinstance(pdf_signer(), Unsigned)
    assert pdf_signer().sign(b"%PDF-1.7\n", reason="x") == b"%PDF-1.7\n"


def test_the_command_line_check_names_a_broken_file(signed_protocol, certificate, tmp_path):
    from django.core.management import CommandError, call_command

    good = tmp_path / "good.pdf"
    good.write_bytes(signed_protocol.pdf_ru.read())
    out = io.StringIO()
    call_command("verify_pdf_signature", str(good), trust=str(certificate.with_suffix(".pem")), stdout=out)
    assert "intact=True valid=True trusted=True coverage=ENTIRE_FILE" in out.getvalue()
    data = bytearray(good.read_bytes())
    data[data.index(b"\n", 5) + 2] ^= 0x01
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    with pytest.raises(CommandError):
        call_command("verify_pdf_signature", str(bad), trust=str(certificate.with_suffix(".pem")), stdout=io.StringIO())


def test_a_document_is_signed_where_an_event_loop_already_runs(certificate):
    """pyHanko runs an event loop of its own; signing from code that runs in one (an asynchronous server, a
    browser test's driver) still signs, and the signature validates."""
    signer = pdf_signer()  # the organisation's certificate (the fixture's settings)

    async def sign_in_a_loop():
        return signer.sign(html_to_pdf("<p>Хаттама</p>"), reason="test", location="Astana")

    with ThreadPoolExecutor(max_workers=1) as pool:  # a thread of its own, where its loop is the only one
        data = pool.submit(asyncio.run, sign_in_a_loop()).result()
    root = load_cert_from_pemder(str(certificate.with_suffix(".pem")))
    _signature, status = _status(data, root)
    assert status.intact and status.valid and status.trusted
