"""The export of a signed protocol for the electronic document system: one ZIP with both PDFs (PAdES-signed
when a certificate is configured) and ``metadata.json`` (registration number, date, council, signers,
questions with their decisions and executors in order, and each PDF's SHA-256 and signature)."""

import io
import json
import zipfile

from django.http import Http404, HttpResponse
from django.utils import timezone

from council.files import check_stored_files
from council.pdf import PDF_LANGUAGES

from .models import Decision, Protocol

FORMAT = "council-protocol-export/1"


def _pdf_name(protocol, lang):
    return f"protocol-{protocol.council.code}-{protocol.year}-{protocol.number}-{lang}.pdf"


def _embedded_signatures(data):
    from pyhanko.pdf_utils.reader import PdfFileReader  # here: pyHanko takes a second to load; only exports pay it

    try:
        found = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # an unreadable PDF has no signature to describe; its SHA-256 still stands
        return []
    return [
        {
            "field": s.field_name,
            "subFilter": str(s.sig_object.get("/SubFilter", "")).lstrip("/"),
            "signingTime": s.self_reported_timestamp.isoformat() if s.self_reported_timestamp else None,
            "signer": s.signer_cert.subject.human_friendly,
        }
        for s in found
    ]


def protocol_metadata(protocol, pdfs):
    """The metadata of a frozen protocol; ``pdfs`` maps a language to the stored file's bytes."""
    decisions = (
        Decision.objects.filter(item__protocol=protocol)
        .select_related("item")
        .prefetch_related("executors__body")
        .order_by("item__number", "number")
    )
    by_item = {}
    for d in decisions:
        by_item.setdefault(d.item_id, []).append(d)
    return {
        "format": FORMAT,
        "registrationNumber": protocol.registration,
        "date": timezone.localtime(protocol.signed_at).date().isoformat(),
        "signedAt": protocol.signed_at.isoformat(),
        "meetingDate": protocol.meeting.date.isoformat(),
        "council": {
            "code": protocol.council.code,
            "name_kk": protocol.council.name_kk,
            "name_ru": protocol.council.name_ru,
        },
        "corrects": protocol.corrects.registration if protocol.corrects_id else None,
        "signers": [
            {
                "capacity": s.capacity,
                "name_kk": s.person.full_name_kk or s.person.get_full_name(),
                "name_ru": s.person.full_name_ru or s.person.get_full_name(),
                "signedAt": s.signed_at.isoformat(),
                "method": s.method,
            }
            for s in protocol.signatures.select_related("person").order_by("signed_at", "pk")
        ],
        "questions": [
            {
                "number": item.number,
                "question_kk": item.question_kk,
                "question_ru": item.question_ru,
                "decisions": [
                    {
                        "number": f"{item.number}.{d.number}",
                        "text_kk": d.text_kk,
                        "text_ru": d.text_ru,
                        "dueDate": d.due_date.isoformat() if d.due_date else None,
                        "adopted": d.adopted,
                        "executors": [
                            {
                                "order": e.order,
                                "code": e.body.code,
                                "name_kk": e.body.name_kk,
                                "name_ru": e.body.name_ru,
                            }
                            for e in sorted(d.executors.all(), key=lambda e: e.order)
                        ],
                    }
                    for d in by_item.get(item.pk, [])
                ],
            }
            for item in protocol.items.order_by("number")
        ],
        "files": [
            {
                "name": _pdf_name(protocol, lang),
                "language": lang,
                "sha256": getattr(protocol, f"sha256_{lang}"),
                "size": len(data),
                "signatures": _embedded_signatures(data),
            }
            for lang, data in pdfs.items()
        ],
    }


def protocol_export_response(request, protocol):
    """The ZIP as a download, for a reader the caller has let read the protocol. Only a signed protocol
    has one (404 otherwise); a stored PDF that is missing or altered is refused as on its download."""
    if protocol.status not in Protocol.FROZEN:
        raise Http404
    files = [
        (getattr(protocol, f"pdf_{lang}"), getattr(protocol, f"sha256_{lang}"), _pdf_name(protocol, lang), protocol)
        for lang in PDF_LANGUAGES
    ]
    refusal = check_stored_files(request, files, subject=protocol, council=protocol.council)
    if refusal is not None:
        return refusal
    pdfs = {}
    for lang in PDF_LANGUAGES:
        with getattr(protocol, f"pdf_{lang}").open("rb") as f:
            pdfs[lang] = f.read()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for lang, data in pdfs.items():
            archive.writestr(_pdf_name(protocol, lang), data)
        metadata = protocol_metadata(protocol, pdfs)
        archive.writestr("metadata.json", json.dumps(metadata, ensure_ascii=False, indent=2))
    name = f"protocol-{protocol.council.code}-{protocol.year}-{protocol.number}.zip"
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
