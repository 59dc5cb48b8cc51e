"""Uploaded documents: the checks (type by extension and content, size), a safe storage name, and the one
way a document is stored on a ``council.models.StoredDocument`` (:func:`store_upload`)."""

import hashlib
import logging
import os
import re
import uuid
import zipfile
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ZIP = b"PK\x03\x04"
# What the package formats must hold, beyond the ZIP signature: a ZIP of anything else (a web page renamed
# report.xlsx) is not a spreadsheet. Office Open XML names its parts in [Content_Types].xml and keeps the
# main part where the format says; OpenDocument opens with a ``mimetype`` member naming its type.
PACKAGE_PARTS = {
    ".docx": ("[Content_Types].xml", "word/document.xml"),
    ".xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    ".odt": ("mimetype", "content.xml"),
    ".ods": ("mimetype", "content.xml"),
}
OPENDOCUMENT_TYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
SIGNATURES = {".pdf": (b"%PDF-",), ".docx": (ZIP,), ".xlsx": (ZIP,), ".odt": (ZIP,), ".ods": (ZIP,)}
DOCUMENT_TYPES = (".pdf", ".docx", ".odt")
MATERIAL_TYPES = (".pdf", ".docx", ".xlsx", ".odt")
# The content type recorded for, and given with, each accepted extension (the content is checked against it).
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}

log = logging.getLogger(__name__)


NAME_MAX = 200  # the length of the ``original_name`` columns
EXTENSION_MAX = 16


def clean_original_name(name: str) -> str:
    """The file's own name, safe to show and to offer as a download name: no folders, no control or
    reserved characters, at most ``NAME_MAX`` characters. A long name loses the end of its stem, never its
    extension."""
    base = os.path.basename(name or "").replace("\x00", "")
    base = re.sub(r"[\\/:*?\"<>|\r\n\t]+", "_", base).strip(" .")
    if len(base) <= NAME_MAX:
        return base or "document"
    stem, ext = os.path.splitext(base)
    if not stem or len(ext) > EXTENSION_MAX:
        return base[:NAME_MAX].rstrip(" .") or "document"
    return (stem[: NAME_MAX - len(ext)].rstrip(" .") or "document") + ext


@contextmanager
def discarded_on_failure(instance, *fields):
    """Wrap the saving of a new row that carries uploaded files, and whatever its service does after it:
    if the block raises (a refusal, a database error), the files the save stored are deleted again, so a
    failed upload leaves nothing in MEDIA_ROOT. The transaction's rollback takes care of the row.

    ``fields`` name the file fields; by default the stored document's own (``file_field``)."""
    fields = fields or (instance.file_field,)
    try:
        yield
    except BaseException:
        for field in fields:
            stored = getattr(instance, field)
            # Only a file this block stored: ``_committed`` turns true when the storage has written it.
            if stored and stored.name and getattr(stored, "_committed", False):
                try:
                    stored.storage.delete(stored.name)
                except OSError:
                    log.exception("Could not delete %s after a failed upload", stored.name)
        raise


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
    if not any(head.startswith(sig) for sig in SIGNATURES[ext]) or not _is_package(upload, ext):
        raise ValidationError(
            _("“%(name)s” does not look like a %(type)s file; it may be damaged or renamed."),
            params={"name": name, "type": ext.lstrip(".").upper()},
            code="content",
        )
    return name


def _is_package(upload, ext) -> bool:
    """Whether a file of a package format (``PACKAGE_PARTS``) is a readable ZIP holding that format's parts;
    other formats pass. The upload is left at its start."""
    parts = PACKAGE_PARTS.get(ext)
    if parts is None:
        return True
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if not set(parts) <= names:
                return False
            if ext in OPENDOCUMENT_TYPES:
                return package.read("mimetype").strip() == OPENDOCUMENT_TYPES[ext]
            return True
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return False
    finally:
        upload.seek(0)


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


def content_type_of(name: str) -> str:
    """The content type recorded for a document called ``name`` (by its extension)."""
    return CONTENT_TYPES.get(os.path.splitext(name or "")[1].lower(), "application/octet-stream")


def store_upload(instance, upload, *, allowed=DOCUMENT_TYPES, max_bytes=None):
    """Check ``upload`` (:func:`validate_document`) and attach it to ``instance``, a stored document not
    yet saved, with its cleaned file name, size, SHA-256 and content type. The file is written when the
    instance is saved: save it inside :func:`discarded_on_failure`. Returns the cleaned file name."""
    name = validate_document(upload, allowed=allowed, max_bytes=max_bytes)
    instance.original_name = name
    instance.size = upload.size
    instance.sha256 = sha256_of(upload)
    instance.content_type = content_type_of(name)
    setattr(instance, instance.file_field, upload)
    return name


def fill_stored_facts(model, *, file_field, batch=500):
    """For documents stored before their table recorded these facts (used by data migrations, whose models
    know nothing of ``StoredDocument``, hence ``file_field``): the content type from the file name, and the
    size and SHA-256, where they are missing, from the stored file; a file that is not on disk is skipped.
    A SHA-256 on record is never recomputed: it is what proves the file unaltered."""
    rows = model.objects.exclude(**{file_field: ""}).exclude(**{f"{file_field}__isnull": True}).order_by("pk")
    changed = []
    for row in rows.iterator(chunk_size=batch):
        stored = getattr(row, file_field)
        row.content_type = row.content_type or content_type_of(row.original_name or stored.name)
        try:
            if not (row.size and row.sha256):
                with stored.storage.open(stored.name, "rb") as handle:
                    row.size = row.size or handle.size
                    row.sha256 = row.sha256 or sha256_of(handle)
        except OSError:
            log.warning(
                "%s %s: %s is not on disk; its size and SHA-256 stay unknown", model.__name__, row.pk, stored.name
            )
        changed.append(row)
        if len(changed) >= batch:
            model.objects.bulk_update(changed, ["content_type", "size", "sha256"])
            changed = []
    if changed:
        model.objects.bulk_update(changed, ["content_type", "size", "sha256"])
