"""Serving stored documents: the one place that checks a file is on disk and is the file on record.

Uploaded documents (``council.models.StoredDocument``: materials, execution reports, proposals' notes,
territorial approvals) are given by one view, :func:`document_download`. Each app registers its kind of
document in ``DOCUMENT_KINDS`` from its ``AppConfig.ready()`` (this module imports no app above
``council``): where the rows are, which permission of ``council/rules.py`` the page that lists them checks
and on what, the council and the listing page. Other downloads (the signed protocol) decide who may read
them themselves and then hand the stored file to :func:`serve_stored_file`.

Every document's SHA-256 is checked on every download: a file that does not match is refused with a page
that says so, the refusal is written to the audit log and the administrators are told, once per altered
file. Behind nginx (``X_ACCEL_REDIRECT_PREFIX`` set) the checked file is then handed to the proxy with
``X-Accel-Redirect``, so a slow client holds no Python worker; otherwise the application streams it. A file
missing on disk gets a 404 page that says what is missing, never a server error.
"""

import hashlib
import logging
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.core.mail import mail_admins
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme

from .messages import in_both
from .messages import render as message_words
from .models import AuditEvent, AuditVerb
from .notify import notify
from .rules import allowed
from .services import audit

log = logging.getLogger(__name__)

MISSING = "missing"
ALTERED = "altered"
VERBS = {MISSING: AuditVerb.FILE_MISSING, ALTERED: AuditVerb.FILE_INTEGRITY_FAILED}
CHUNK = 1024 * 1024


def _no_page(document):
    return ""


def _itself(document):
    return document


@dataclass(frozen=True)
class DocumentKind:
    """One kind of stored document, as its download needs it.

    ``queryset``: its rows, with what the other entries read already joined; ``council``: document -> its
    council (a user who cannot open that council is answered 404, so the document's existence does not
    leak); ``action`` checked on ``guarded(document)`` (by default the document itself): the permission of
    the page that lists the document (refused: 403); ``page``: document -> the address of that page, for the
    administrators' notice (empty: the document's own); ``fallback_name``: the download's name when none
    was recorded."""

    queryset: QuerySet
    council: Callable
    action: str
    guarded: Callable = _itself
    page: Callable = _no_page
    fallback_name: str = "document"


# kind (the ``kind`` argument of the download's URL pattern) -> its DocumentKind; filled by the apps.
DOCUMENT_KINDS: dict[str, DocumentKind] = {}


@login_required
def document_download(request, pk, *, kind):
    """A stored document of ``kind``, for whoever may open the page that lists it."""
    spec = DOCUMENT_KINDS[kind]
    document = get_object_or_404(spec.queryset.all(), pk=pk)
    council = spec.council(document)
    today = timezone.localdate()
    if not allowed(request.user, "council.open_council", council, day=today):
        raise Http404
    if not allowed(request.user, spec.action, spec.guarded(document), day=today):
        raise PermissionDenied
    if not document.stored_file:
        raise Http404
    return serve_stored_file(
        request,
        document.stored_file,
        expected_sha256=document.sha256,
        filename=document.original_name or spec.fallback_name,
        subject=document,
        council=council,
        page=spec.page(document),
        content_type=document.content_type or None,
    )


def open_verified(field_file, *, expected_sha256):
    """``(handle, problem, actual_sha256)``: an open binary handle when the file is there and, if a
    digest is on record, matches it; otherwise ``None`` and the problem (``MISSING`` or ``ALTERED``)."""
    if not field_file or not field_file.name:
        return None, MISSING, ""
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None, MISSING, ""
    if not expected_sha256:
        return handle, None, ""
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    actual = digest.hexdigest()
    if actual != expected_sha256.lower():
        handle.close()
        return None, ALTERED, actual
    handle.seek(0)
    return handle, None, actual


def serve_stored_file(
    request,
    field_file,
    *,
    expected_sha256,
    filename,
    subject,
    council,
    page="",
    as_attachment=True,
    content_type=None,
):
    """The stored file as a download, or the page that explains why it cannot be given.

    Call it only after the view has decided the user may read the document. ``page`` is the address of
    the page that lists the document (the administrators' notice links to it); by default the subject's."""
    handle, problem, actual = open_verified(field_file, expected_sha256=expected_sha256)
    if problem:
        return refuse_stored_file(
            request,
            problem=problem,
            field_file=field_file,
            filename=filename,
            subject=subject,
            council=council,
            page=page,
            expected_sha256=expected_sha256,
            actual_sha256=actual,
        )
    if settings.X_ACCEL_REDIRECT_PREFIX and isinstance(field_file.storage, FileSystemStorage):
        handle.close()
        return accel_redirect(
            field_file.name, filename=filename, as_attachment=as_attachment, content_type=content_type
        )
    return FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)


def accel_redirect(name, *, filename, as_attachment=True, content_type=None):
    """An empty response that tells the reverse proxy to send the stored file ``name`` itself
    (``X-Accel-Redirect`` to the proxy's internal location ``X_ACCEL_REDIRECT_PREFIX``, which maps to
    MEDIA_ROOT). The proxy keeps the Content-Type and Content-Disposition given here."""
    response = HttpResponse(
        content_type=content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    )
    response["X-Accel-Redirect"] = iri_to_uri(settings.X_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + name.lstrip("/"))
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response


def check_stored_files(request, files, *, subject, council, page=""):
    """For a download built from several stored files (a meeting's pack): ``None`` when every file is
    there and matches its digest, otherwise the refusal page for the first one that does not.

    ``files`` holds ``(field_file, expected_sha256, filename, subject_of_the_file)``."""
    for field_file, expected, filename, file_subject in files:
        handle, problem, actual = open_verified(field_file, expected_sha256=expected)
        if handle is not None:
            handle.close()
        if problem:
            return refuse_stored_file(
                request,
                problem=problem,
                field_file=field_file,
                filename=filename,
                subject=file_subject or subject,
                council=council,
                page=page,
                expected_sha256=expected,
                actual_sha256=actual,
            )
    return None


def refuse_stored_file(
    request, *, problem, field_file, filename, subject, council, page="", expected_sha256="", actual_sha256=""
):
    """Record the problem and answer with its page: 409 for an altered file, 404 for a missing one."""
    stored_as = getattr(field_file, "name", "") or ""
    file_problem_record(
        actor=request.user,
        problem=problem,
        subject=subject,
        council=council,
        stored_as=stored_as,
        filename=filename,
        page=page,
        expected_sha256=expected_sha256,
        actual_sha256=actual_sha256,
        now=timezone.now(),
    )
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    context = {"filename": filename, "council": council, "back": back}
    if problem == ALTERED:
        return render(request, "errors/integrity_failed.html", context, status=409)
    return render(request, "errors/file_missing.html", context, status=404)


@transaction.atomic
def file_problem_record(
    *, actor, problem, subject, council, stored_as, filename, page="", expected_sha256="", actual_sha256="", now
):
    """Write the audit event of a refused download and, the first time this file is found missing or
    altered (in this way), tell the administrators: an e-mail to ``ADMINS`` and a notice to every
    superuser."""
    verb = VERBS[problem]
    first = not _seen_before(verb=verb, subject=subject, stored_as=stored_as, actual_sha256=actual_sha256)
    audit(
        actor=actor,
        verb=verb,
        subject=subject,
        council=council,
        at=now,
        file=stored_as,
        filename=filename,
        expected_sha256=expected_sha256,
        actual_sha256=actual_sha256,
    )
    log.error("%s: %s (%s) of %s", verb, stored_as, filename, subject)
    if not first:
        return
    params = {
        "problem": problem,
        "name": filename,
        "subject": in_both(lambda: subject) if subject is not None else "—",
        "council": in_both(lambda: council) if council is not None else "—",
        "stored": stored_as or "—",
        "expected": expected_sha256 or "—",
        "actual": actual_sha256 or "—",
        "who": getattr(actor, "username", "") or "—",
    }
    key = f"{verb}:{stored_as}:{actual_sha256}"[:128]
    superusers = get_user_model().objects.filter(is_superuser=True, is_active=True)
    url = page or (subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "")
    notify(recipients=superusers, key=key, message="file.problem", params=params, now=now, council=council, url=url)
    with translation.override(settings.LANGUAGE_CODE):
        subject_line, message = message_words("file.problem", params)
    transaction.on_commit(lambda: mail_admins(" ".join(subject_line.split()), message, fail_silently=True))


def _seen_before(*, verb, subject, stored_as, actual_sha256):
    qs = AuditEvent.objects.filter(verb=verb, data__file=stored_as, data__actual_sha256=actual_sha256)
    if subject is not None:
        qs = qs.filter(subject_type=subject._meta.label_lower, subject_id=subject.pk)
    return qs.exists()
