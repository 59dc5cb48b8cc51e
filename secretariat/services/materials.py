"""Writes of materials and their review: submission, the secretary's check, the chair's acceptance or
return for rework, late submissions (R-000-10a, R-000-10b, R-000-10c)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, deadline_close_for, deadline_open
from council.messages import body_name, both_of
from council.models import AuditVerb
from council.notify import bilingual, notify
from council.rules import allowed
from council.selectors import active_on, body_employees, council_chairs, council_secretaries, deadlines_of
from council.services import audit
from council.uploads import MATERIAL_TYPES, discarded_on_failure, store_upload
from council.workflow import move

from ..models import AgendaItem, Material
from .access import can_schedule, is_employee_of, is_responsible_employee

REFERENCE_NOTE_MAX_PAGES = 8  # R-000-10b


def pdf_pages(upload):
    from pypdf import PdfReader  # here: only an uploaded PDF needs the reader
    from pypdf.errors import PdfReadError

    upload.seek(0)
    try:
        pages = len(PdfReader(upload).pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ValidationError(_("“%(name)s” cannot be read as a PDF.") % {"name": upload.name}) from exc
    finally:
        upload.seek(0)
    return pages


@transaction.atomic
def material_submit(*, actor, item, kind, upload, now):
    """The responsible body submits its reference note, other materials and the list of invited persons;
    a co-executor submits its contribution to the responsible body (R-000-10a, R-000-10b). A submission
    after the deadline is accepted and marked late, with who and when; a reference note longer than 8
    pages is refused with its page count."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__council").get(pk=item.pk)
    day = now.date()
    council = item.meeting.council
    secretary = can_schedule(actor, council, day)
    if kind == Material.Kind.CONTRIBUTION:
        co_executor_ids = item.co_executor_links.values_list("body_id", flat=True)
        bodies = [b for b in co_executor_ids if is_employee_of(actor, council, b, day)]
        if not bodies:
            raise PermissionDenied(_("Only a co-executor's secretariat employee submits its contribution."))
        body_id = bodies[0]
    else:
        if not (secretary or is_responsible_employee(actor, item, day)):
            raise PermissionDenied(_("Only the responsible body submits the materials of its question."))
        body_id = item.responsible_body_id
    if body_id is None:
        raise ValidationError(_("The question has no responsible executor yet."))
    material = Material(item=item, body_id=body_id, kind=kind, submitted_by=actor, submitted_at=now)
    original = store_upload(material, upload, allowed=MATERIAL_TYPES)
    if kind == Material.Kind.REFERENCE_NOTE:
        if not original.lower().endswith(".pdf"):
            raise ValidationError({"file": _("The reference note is submitted as PDF, so its pages can be counted.")})
        material.pages = pdf_pages(upload)
        if material.pages > REFERENCE_NOTE_MAX_PAGES:
            raise ValidationError(
                {
                    "file": _("The reference note has %(pages)s pages; at most %(max)s are allowed (R-000-10b).")
                    % {"pages": material.pages, "max": REFERENCE_NOTE_MAX_PAGES}
                }
            )
    deadline_kind = "materials" if kind != Material.Kind.CONTRIBUTION else f"contribution-{body_id}"
    deadline = deadlines_of(item).filter(kind=deadline_kind).order_by("-id").first()
    late = deadline is not None and timezone.localtime(now).date() > deadline.due_date
    if (
        late
        and kind != Material.Kind.CONTRIBUTION
        and council_profile(council).typed.late_materials == "chair_exception"
        and item.late_allowed_at is None
    ):
        raise ValidationError(
            _("The materials were due by %(date)s; the regulation accepts them later only with the chair's exception.")
            % {"date": deadline.due_date.strftime("%d.%m.%Y")}
        )
    previous = Material.objects.filter(item=item, kind=kind, body_id=body_id).aggregate(v=Max("version"))["v"] or 0
    material.version = previous + 1
    material.late = late
    resubmitted = item.status == AgendaItem.Status.RETURNED or previous > 0
    with discarded_on_failure(material):
        material.save()
        _tell_of_arrival(item, material, resubmitted=resubmitted, now=now)
        if kind == Material.Kind.REFERENCE_NOTE:
            deadline_close_for(subject=item, kind="materials", actor=actor, now=now)
            item_materials_arrived(actor=actor, item=item, now=now)
        elif kind == Material.Kind.CONTRIBUTION:
            deadline_close_for(subject=item, kind=deadline_kind, actor=actor, now=now)
        audit(
            actor=actor,
            verb=AuditVerb.MATERIAL_SUBMIT,
            subject=material,
            council=council,
            at=now,
            kind=kind,
            version=material.version,
            late=late,
        )
    return material


def _tell_of_arrival(item, material, *, resubmitted, now):
    """The secretary hears of every material that comes in, late or reworked (R-000-10b, R-000-10c); the
    responsible body hears of a co-executor's contribution (R-000-10a)."""
    council, day = item.meeting.council, now.date()
    params = {
        "body": body_name(material.body),
        "number": item.number,
        "meeting": item.meeting.date.isoformat(),
        "late": material.late,
        "resubmitted": resubmitted,
    }
    recipients = council_secretaries(council=council, day=day)
    message = "materials.arrived"
    if material.kind == Material.Kind.CONTRIBUTION:
        message = "contribution.arrived"
        if item.responsible_body_id:
            recipients = body_employees(council=council, body=item.responsible_body, day=day) + recipients
    notify(
        recipients=[r for r in recipients if r.pk != material.submitted_by_id],
        key=f"material:{material.pk}:arrived",
        message=message,
        params=params,
        now=now,
        council=council,
        url=item.get_absolute_url(),
    )


def _notify_body(item, key, message, params, now):
    council = item.meeting.council
    people = [
        o.person
        for o in active_on(
            council.officers.filter(role="secretariat", body_id=item.responsible_body_id), now.date()
        ).select_related("person")
    ]
    notify(
        recipients=people,
        key=key,
        message=message,
        params=params,
        now=now,
        council=council,
        url=item.meeting.get_absolute_url(),
    )


@transaction.atomic
def item_report(*, actor, item, note="", now):
    """The secretary has checked the materials' completeness and quality and reports to the chair
    (R-000-10c)."""
    item = AgendaItem.objects.select_for_update().select_related("meeting__council").get(pk=item.pk)
    if not can_schedule(actor, item.meeting.council, now.date()):
        raise PermissionDenied(_("Only the secretary checks the materials and reports to the chair."))
    move(item, AgendaItem.Status.REPORTED, actor=actor, now=now, comment=note.strip(), council=item.meeting.council)
    item.save(update_fields=["status"])
    notify(
        recipients=council_chairs(council=item.meeting.council, day=now.date()),
        key=f"item:{item.pk}:reported:{item.steps.count()}",
        message="item.reported",
        params={"question": both_of(item, "question"), "note": note.strip()},
        now=now,
        council=item.meeting.council,
        url=item.meeting.get_absolute_url(),
    )
    return item


@transaction.atomic
def item_decide(*, actor, item, accept, remarks="", now):
    """The chair accepts the question for the agenda, or returns poorly prepared materials for rework
    within 3 calendar days (R-000-10c)."""
    item = AgendaItem.objects.select_for_update().select_related("meeting__council").get(pk=item.pk)
    council = item.meeting.council
    if not allowed(actor, "secretariat.chair_decide", council, day=now.date()):
        raise PermissionDenied(_("Only the chair accepts or returns materials."))
    if not accept and not remarks.strip():
        raise ValidationError({"remarks": _("Write what must be reworked.")})
    to = AgendaItem.Status.ACCEPTED if accept else AgendaItem.Status.RETURNED
    move(item, to, actor=actor, now=now, comment=remarks.strip(), council=council)
    item.save(update_fields=["status"])
    if not accept:
        returns = item.steps.filter(to_status=AgendaItem.Status.RETURNED).count()
        deadline_open(
            council=council,
            subject=item,
            kind=f"rework-{returns}",
            rule_id="R-000-10c",
            anchor=now.date(),
            now=now,
            actor=actor,
            responsible_body=item.responsible_body,
            title=bilingual(_("Rework of the materials on question %(number)s"), number=item.number),
        )
        _notify_body(
            item,
            f"item:{item.pk}:returned:{returns}",
            "item.returned",
            {"question": both_of(item, "question"), "remarks": remarks.strip()},
            now,
        )
    return item


@transaction.atomic
def item_allow_late(*, actor, item, reason, now):
    """The chair's exception: the responsible body may still submit after the materials' date, where the
    profile accepts late materials only so (``late_materials: chair_exception``)."""
    item = AgendaItem.objects.select_for_update().select_related("meeting__council").get(pk=item.pk)
    council = item.meeting.council
    if not allowed(actor, "secretariat.chair_decide", council, day=now.date()):
        raise PermissionDenied(_("Only the chair allows a late submission."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the exception.")})
    item.late_allowed_by, item.late_allowed_at = actor, now
    item.save(update_fields=["late_allowed_by", "late_allowed_at"])
    audit(actor=actor, verb=AuditVerb.ITEM_ALLOW_LATE, subject=item, council=council, at=now, reason=reason.strip())
    _notify_body(
        item,
        f"item:{item.pk}:late-allowed",
        "item.late_allowed",
        {"question": both_of(item, "question"), "reason": reason.strip()},
        now,
    )
    return item


def item_materials_arrived(*, actor, item, now):
    """A reference note came in: the question's materials are submitted; after a return, the rework is
    done (its deadline met or met late)."""
    if item.status in (AgendaItem.Status.PREPARING, AgendaItem.Status.RETURNED):
        was_returned = item.status == AgendaItem.Status.RETURNED
        move(item, AgendaItem.Status.SUBMITTED, actor=actor, now=now, council=item.meeting.council)
        item.save(update_fields=["status"])
        if was_returned:
            returns = item.steps.filter(to_status=AgendaItem.Status.RETURNED).count()
            deadline_close_for(subject=item, kind=f"rework-{returns}", actor=actor, now=now)
