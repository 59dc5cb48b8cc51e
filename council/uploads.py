"""Checks for uploaded documents: type (by extension and content), size, and a safe storage name."""

import hashlib
import os
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ZIP = b"PK\x03\x04"
SIGNATURES = {".pdf": (b"%PDF-",), ".docx": (ZIP,), ".xlsx": (ZIP,), ".odt": (ZIP,), ".ods": (ZIP,)}
DOCUMENT_TYPES = (".pdf", ".docx", ".odt")
MATERIAL_TYPES = (".pdf", ".docx", ".xlsx", ".odt")


def clean_original_name(name: str) -> str:
    base = os.path.basename(name or "").replace("\x00", "")
    base = re.sub(r"[\\/:*?\"<>|\r\n\t]+", "_", base).strip(" .")
    return base[:200] or "document"


def validate_document(upload, *, allowed=DOCUMENT_TYPES, max_bytes=None):
    """Raise a translated ValidationError unless ``upload`` is an allowed, non-empty, not too large file
    whose content matches its extension."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    name = clean_original_name(upload.name)
    ext = os.path.splitext(name)[1].lower()
    if ext not in allowed:
        raise ValidationError(
            _("“%(name)s” is not an accepted file type. Accepted: %(types)s."),
            params={"name": name, "types": ", ".join(t.lstrip(".").upper() for t in allowed)},
            code="type",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty."), params={"name": name}, code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the limit is %(limit)s."),
            params={"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="size",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[ext]):
        raise ValidationError(
            _("“%(name)s” does not look like a %(type)s file; it may be damaged or renamed."),
            params={"name": name, "type": ext.lstrip(".").upper()},
            code="content",
        )
    return name


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def storage_name(prefix: str, original: str) -> str:
    """A name that says nothing and collides with nothing: prefix/<uuid><ext>."""
    return f"{prefix}/{uuid.uuid4().hex}{os.path.splitext(original)[1].lower()}"
