"""PAdES signatures of the documents the system freezes (the signed protocol's PDFs), as a pluggable
backend: ``PDF_SIGNER`` names a class with ``sign(pdf, *, reason, location) -> bytes``.

- ``council.pdf_signing.Pkcs12Signer`` (the default when ``PDF_SIGNING_PKCS12`` is set): the organisation's
  certificate and key from a PKCS#12 file, signed with pyHanko as PAdES B-B (``ETSI.CAdES.detached``); the
  signature covers the whole document and the signature dictionary carries the signing time (``/M``).
- ``council.pdf_signing.Unsigned``: no certificate configured; the PDF is stored as rendered.

The national electronic signature (NCALayer in the signer's browser) can replace the first: a backend
whose ``sign`` prepares the document with an empty signature field (pyHanko's ``PdfSigner`` with an
external signer: ``digest_doc_for_signing``), sends the digest of the byte range to the browser, where
NCALayer's ``createCMSSignatureFromBase64`` signs it with the signer's key from the national certification
authority, and embeds the returned CMS with ``finish_signing``; validation then needs the national root
certificates as trust roots."""

import asyncio
import datetime
import io
import pathlib
from concurrent.futures import ThreadPoolExecutor

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils.module_loading import import_string


def outside_event_loop(fn, *args, **kwargs):
    """Call one of pyHanko's synchronous functions, which run an event loop of their own (``asyncio.run``):
    where a loop already runs in this thread (an asynchronous server, a browser test's driver), in a thread
    of its own. The call reads and writes bytes only, never the database."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


class Unsigned:
    def sign(self, pdf: bytes, *, reason: str, location: str = "") -> bytes:
        return pdf


class Pkcs12Signer:
    """PAdES B-B with the certificate in ``PDF_SIGNING_PKCS12`` (password ``PDF_SIGNING_PASSWORD``)."""

    field_name = "Signature"

    def __init__(self, path=None, password=None):
        from pyhanko.sign import signers  # here: pyHanko takes a second to load; only signing pays it

        path = path or settings.PDF_SIGNING_PKCS12
        password = settings.PDF_SIGNING_PASSWORD if password is None else password
        self.signer = signers.SimpleSigner.load_pkcs12(path, passphrase=password.encode() if password else None)
        if self.signer is None:
            raise ValueError(f"Cannot read the signing certificate {path} with the password given.")

    def sign(self, pdf: bytes, *, reason: str, location: str = "") -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # here: as above
        from pyhanko.sign import fields, signers

        meta = signers.PdfSignatureMetadata(
            field_name=self.field_name,
            reason=reason,
            location=location or None,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        out = outside_event_loop(signers.PdfSigner(meta, signer=self.signer).sign_pdf, writer, output=io.BytesIO())
        return out.getvalue()


def pdf_signer():
    """The configured backend: ``PDF_SIGNER`` if set, else PKCS#12 when a file is configured, else none."""
    if settings.PDF_SIGNER:
        return import_string(settings.PDF_SIGNER)()
    if settings.PDF_SIGNING_PKCS12:
        return Pkcs12Signer()
    return Unsigned()


def make_demo_certificate(path, password: str, *, now, name="Council secretariat (demo)"):
    """A self-signed certificate and its key as a PKCS#12 file at ``path`` (and the certificate as PEM
    beside it, ``.pem``, to add to a PDF reader's trusted certificates). For demonstrations only."""

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name.encode(), key, cert, None, serialization.BestAvailableEncryption(password.encode())
        )
    )
    path.with_suffix(".pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert
