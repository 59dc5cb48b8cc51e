"""Signing and freezing: signers by the profile, registration number, the PDFs in Kazakh and Russian with
their SHA-256, the dispatch deadline (R-000-11a, R-000-11c, R-001-3e)."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, deadline_close_for, deadline_open
from council.models import AuditEvent, AuditVerb, Council
from council.notify import bilingual
from council.pdf import PDF_LANGUAGES, render_pdf
from council.pdf_signing import pdf_signer
from council.selectors import council_chairs, council_secretaries
from council.services import audit
from council.workflow import move
from secretariat.meeting_day import roster_with_attendance
from secretariat.models import Attendance, CitizenQuestion, Invitee

from ..models import Protocol, Signature
from .drafts import _locked, refuse_incomplete
from .police import checks_under_control


def _signer_candidates(protocol, day):
    """(capacity, people who may sign in it) for each signature the profile requires: the chair
    (R-000-11a), or the presiding person and the secretary (R-001-3e)."""

    for capacity in council_profile(protocol.council).typed.protocol_signers:
        if capacity == Signature.Capacity.CHAIR:
            people = council_chairs(council=protocol.council, day=day)
        elif capacity == Signature.Capacity.PRESIDING:
            sat = protocol.meeting.attendance.filter(seat_id=protocol.meeting.presiding_id).select_related("person")
            people = [a.person for a in sat if a.person]
        else:
            people = council_secretaries(council=protocol.council, day=day)
        yield capacity, people


def signers(protocol, day):
    """(capacity, person) for each signature the profile requires, the first person who may give it."""
    return [(capacity, people[0] if people else None) for capacity, people in _signer_candidates(protocol, day)]


def capacity_of(user, protocol, day):
    """The capacity in which ``user`` may sign now, or None."""
    done = set(protocol.signatures.values_list("capacity", flat=True))
    for capacity, people in _signer_candidates(protocol, day):
        if capacity not in done and user in people:
            return capacity
    return None


def check_signing_password(*, actor, protocol, password, now, ip_address=None):
    """The signer's password, throttled as the login is (AXES_FAILURE_LIMIT wrong passwords within
    AXES_COOLOFF_HOURS lock signing until the period has passed, the right password included). Each wrong
    password is an audit event, kept even though the signing is refused; a signature ends the count."""
    since = now - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    last_signed = (
        AuditEvent.objects.filter(actor=actor, verb=AuditVerb.PROTOCOL_SIGN, at__gte=since)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    failures = AuditEvent.objects.filter(
        actor=actor, verb=AuditVerb.PROTOCOL_SIGN_FAILED, at__gt=last_signed or since, at__lte=now
    ).order_by("at")
    if failures.count() >= settings.AXES_FAILURE_LIMIT:
        until = timezone.localtime(failures.first().at + datetime.timedelta(hours=settings.AXES_COOLOFF_TIME))
        raise ValidationError(
            {
                "password": _(
                    "The password was wrong too many times: signing is locked until %(time)s. "
                    "If you did not try, tell the administrator."
                )
                % {"time": until.strftime("%H:%M")}
            }
        )
    if not password or not actor.check_password(password):
        with transaction.atomic():
            audit(
                actor=actor,
                verb=AuditVerb.PROTOCOL_SIGN_FAILED,
                subject=protocol,
                council=protocol.council,
                at=now,
                address=ip_address or "",
            )
        raise ValidationError({"password": _("The password is not correct; the protocol is not signed.")})


def protocol_sign(*, actor, protocol, password, now, ip_address=None):
    """The signer signs from their own account, confirming with their password (``check_signing_password``);
    the last signature freezes the protocol (registration number, the PDFs in Kazakh and Russian with their
    SHA-256) and starts the dispatch deadline (R-000-11c, R-001-3e)."""
    check_signing_password(actor=actor, protocol=protocol, password=password, now=now, ip_address=ip_address)
    return _sign(actor=actor, protocol=protocol, now=now, ip_address=ip_address)


@transaction.atomic
def _sign(*, actor, protocol, now, ip_address):
    protocol = _locked(protocol)
    if protocol.status != Protocol.Status.FOR_SIGNATURE:
        raise ValidationError(_("The protocol is not presented for signature."))
    capacity = capacity_of(actor, protocol, now.date())
    if capacity is None:
        raise PermissionDenied(_("You are not a signer of this protocol, or you have signed it already."))
    refuse_incomplete(protocol)
    Signature.objects.create(protocol=protocol, capacity=capacity, person=actor, signed_at=now, ip_address=ip_address)
    audit(
        actor=actor, verb=AuditVerb.PROTOCOL_SIGN, subject=protocol, council=protocol.council, at=now, capacity=capacity
    )
    required = {c for c, _p in signers(protocol, now.date())}
    if required <= set(protocol.signatures.values_list("capacity", flat=True)):
        _freeze(protocol, actor=actor, now=now)
    return protocol


def _freeze(protocol, *, actor, now):
    profile = council_profile(protocol.council)
    Council.objects.select_for_update().get(pk=protocol.council_id)  # one number at a time per council
    local = timezone.localtime(now).date()
    protocol.year = local.year
    last = Protocol.objects.filter(council=protocol.council, year=protocol.year).aggregate(n=Max("number"))["n"]
    protocol.number = (last or 0) + 1
    protocol.signed_at = now
    years = profile.typed.retention_years
    if years:
        protocol.keep_until = _add_years(local, years)
    move(protocol, Protocol.Status.SIGNED, actor=actor, now=now, council=protocol.council)
    for lang in PDF_LANGUAGES:
        pdf = render_pdf("pdf/protocol.html", protocol_context(protocol), lang=lang)
        # PAdES with the organisation's certificate; the SHA-256 on record is of the signed file.
        pdf = pdf_signer().sign(pdf, reason=f"{protocol} ({lang})", location=protocol.council.short_name_ru)
        name = f"protocol-{protocol.council.code}-{protocol.year}-{protocol.number}-{lang}.pdf"
        getattr(protocol, f"pdf_{lang}").save(name, ContentFile(pdf), save=False)
        setattr(protocol, f"sha256_{lang}", hashlib.sha256(pdf).hexdigest())
    protocol.save()
    if profile.typed.protocol_due_on == "signed":
        deadline_close_for(subject=protocol, kind="protocol", actor=actor, now=now)
    deadline_open(
        council=protocol.council,
        subject=protocol,
        kind="protocol-dispatch",
        rule_id=profile.typed.protocol_dispatch_rule,
        anchor=local,
        now=now,
        actor=actor,
        title=bilingual(_("Signed protocol No. %(number)s sent to the members"), number=protocol.registration),
    )
    # R-002-16, R-002-19: the checks of citizens' questions recorded in the signed protocol go under control.
    checks_under_control(protocol=protocol, actor=actor, now=now)


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def protocol_context(protocol):
    """Everything the protocol's document shows, read in a fixed number of queries."""

    meeting = protocol.meeting
    items = list(protocol.items.prefetch_related("decisions__executors__body").order_by("number"))
    attendance = roster_with_attendance(meeting)
    # R-000-12: the invited persons of the questions, except those recorded as not having come.
    invitees = list(
        Invitee.objects.filter(item__meeting=meeting)
        .exclude(attended=False)
        .select_related("item", "body")
        .order_by("item__number", "id")
    )
    return {
        "protocol": protocol,
        "meeting": meeting,
        "council": protocol.council,
        "items": items,
        "attendance": attendance,
        "present": [(e, a) for e, a in attendance if a and a.presence != Attendance.Presence.ABSENT],
        "absent": [(e, a) for e, a in attendance if not a or a.presence == Attendance.Presence.ABSENT],
        "invitees": invitees,
        "signatures": list(protocol.signatures.select_related("person")),
        "signers": signers(protocol, meeting.date),
        "retention_years": council_profile(protocol.council).typed.retention_years,
        # A police chief's report: the citizens' complaints, proposals and remarks, and what follows each
        # one not answered in full (R-002-13, R-002-16, R-002-17).
        "citizen_questions": list(
            CitizenQuestion.objects.filter(report__meeting=meeting).select_related("question_check", "forward__body")
        ),
    }
