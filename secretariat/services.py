"""Writes of meetings: scheduling with the regulation's deadlines, invited persons (R-000-9c, R-000-10a,
R-000-10b, R-000-10e, R-000-10f, R-000-12)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, deadline_close_for, deadline_open
from council.models import AuditVerb
from council.notify import bilingual, notify
from council.rules import allowed, speaks_for
from council.selectors import (
    active_on,
    bodies_of,
    council_chairs,
    council_roster,
    council_secretaries,
    deadlines_of,
)
from council.services import audit
from council.uploads import MATERIAL_TYPES, discarded_on_failure, store_upload
from council.workflow import move

from .models import (
    AgendaItem,
    AgendaItemCoExecutor,
    Agreement,
    ExtraordinaryRequest,
    Invitee,
    Material,
    Meeting,
    Receipt,
)


def can_schedule(user, council, day):
    return allowed(user, "secretariat.schedule_meeting", council, day=day)


@transaction.atomic
def meeting_schedule(
    *,
    actor,
    council,
    date,
    now,
    kind=Meeting.Kind.REGULAR,
    time=None,
    place_kk="",
    place_ru="",
    online=False,
    plan_items=(),
):
    """Schedule a meeting with questions taken from the plan. Opens the deadlines of the regulation: the
    materials of each question from its responsible body (R-000-10b) and the agenda's dispatch to the
    members (R-000-10e)."""
    if not can_schedule(actor, council, now.date()):
        raise PermissionDenied(_("Only the secretary schedules meetings."))
    if date < now.date():
        raise ValidationError({"date": _("A meeting is scheduled for a future date.")})
    if online and not council_profile(council).typed.online_meetings:
        raise ValidationError({"online": _("The council's regulation does not provide for online meetings.")})
    meeting = Meeting.objects.create(
        council=council,
        kind=kind,
        date=date,
        time=time,
        place_kk=place_kk,
        place_ru=place_ru,
        online=online,
        created_by=actor,
        created_at=now,
    )
    for number, plan_item in enumerate(plan_items, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            number=number,
            question_kk=plan_item.question_kk,
            question_ru=plan_item.question_ru,
            responsible_body=plan_item.responsible_body,
            plan_item=plan_item,
        )
        AgendaItemCoExecutor.objects.bulk_create(
            AgendaItemCoExecutor(item=item, body=body, order=order)
            for order, body in enumerate(plan_item.ordered_co_executors())
        )
        _open_materials_deadline(item, actor=actor, now=now)
    _open_agenda_deadline(meeting, actor=actor, now=now)
    audit(actor=actor, verb=AuditVerb.MEETING_SCHEDULE, subject=meeting, council=council, at=now, date=date.isoformat())
    return meeting


def _open_agenda_deadline(meeting, *, actor, now):
    """The approved agenda goes to the members no later than 3 calendar days before the meeting (R-000-10e;
    R-003-20 and R-003-21 in the profiles of the Office's own meetings)."""
    return deadline_open(
        council=meeting.council,
        subject=meeting,
        kind="agenda-dispatch",
        rule_id=council_profile(meeting.council).typed.agenda_rule,
        anchor=meeting.date,
        now=now,
        actor=actor,
        title=bilingual(
            _("Agenda of the meeting of %(date)s sent to the members"), date=meeting.date.strftime("%d.%m.%Y")
        ),
    )


def _open_materials_deadline(item, *, actor, now):
    """The responsible body's materials reach the secretary 20 calendar days before the meeting
    (R-000-10b, or the profile's rule); each co-executor's contribution reaches the responsible body
    earlier, by the internal date of R-000-10a.contributions."""
    meeting = item.meeting
    profile = council_profile(meeting.council)
    materials = deadline_open(
        council=meeting.council,
        subject=item,
        kind="materials",
        rule_id=profile.typed.materials_rule,
        anchor=meeting.date,
        now=now,
        actor=actor,
        responsible_body=item.responsible_body,
        title=bilingual(
            _("Materials on question %(number)s of the meeting of %(date)s"),
            number=item.number,
            date=meeting.date.strftime("%d.%m.%Y"),
        ),
    )
    for link in item.co_executor_links.select_related("body"):
        deadline_open(
            council=meeting.council,
            subject=item,
            kind=f"contribution-{link.body_id}",
            rule_id=profile.typed.contributions_rule,
            anchor=materials.due_date,
            now=now,
            actor=actor,
            responsible_body=link.body,
            title=bilingual(
                _("Contribution to question %(number)s of the meeting of %(date)s for the responsible body"),
                number=item.number,
                date=meeting.date.strftime("%d.%m.%Y"),
            ),
        )
    return materials


def is_responsible_employee(user, item, day):
    """The secretariat employee of the body that prepares the question (R-000-10f)."""
    return item.responsible_body_id is not None and is_employee_of(
        user, item.meeting.council, item.responsible_body_id, day
    )


@transaction.atomic
def invitee_add(
    *, actor, item, full_name_ru, now, full_name_kk="", position_ru="", position_kk="", body=None, person=None
):
    day = now.date()
    if not (can_schedule(actor, item.meeting.council, day) or is_responsible_employee(actor, item, day)):
        raise PermissionDenied(_("Invited persons are listed by the secretary or by the responsible body."))
    if not full_name_ru.strip():
        raise ValidationError({"full_name_ru": _("Give the invited person's name.")})
    invitee = Invitee.objects.create(
        item=item,
        person=person,
        full_name_ru=full_name_ru.strip(),
        full_name_kk=full_name_kk.strip(),
        position_ru=position_ru.strip(),
        position_kk=position_kk.strip(),
        body=body,
    )
    audit(actor=actor, verb=AuditVerb.INVITEE_ADD, subject=invitee, council=item.meeting.council, at=now)
    return invitee


@transaction.atomic
def invitee_confirm(*, actor, invitee, now, attendance=True, documents=True):
    """The responsible body's secretariat employee confirms the invitee comes and has the documents."""
    item = invitee.item
    if not (is_responsible_employee(actor, item, now.date()) or can_schedule(actor, item.meeting.council, now.date())):
        raise PermissionDenied(
            _("Attendance of invited persons is confirmed by the secretariat employee of the responsible body.")
        )
    invitee = Invitee.objects.select_for_update().get(pk=invitee.pk)
    if attendance:
        invitee.attendance_confirmed_at = now
    if documents:
        invitee.documents_received_at = now
    invitee.confirmed_by = actor
    invitee.save(update_fields=["attendance_confirmed_at", "documents_received_at", "confirmed_by"])
    audit(actor=actor, verb=AuditVerb.INVITEE_CONFIRM, subject=invitee, council=item.meeting.council, at=now)
    return invitee


@transaction.atomic
def meeting_request_agreement(*, actor, meeting, agree_by, now):
    """Ask the members to agree the date, time, place and agenda by ``agree_by`` (R-000-9f)."""
    if not can_schedule(actor, meeting.council, now.date()):
        raise PermissionDenied(_("Only the secretary asks the members to agree the meeting."))
    if not now.date() <= agree_by < meeting.date:
        raise ValidationError({"agree_by": _("Members answer after today and before the meeting.")})
    meeting.agree_by = agree_by
    meeting.save(update_fields=["agree_by"])
    notify(
        recipients=[e.person for e in council_roster(council=meeting.council, day=meeting.date) if e.person],
        key=f"meeting:{meeting.pk}:agree:{agree_by.isoformat()}",
        render=lambda: (
            _("Agree the meeting of %(date)s by %(by)s")
            % {"date": meeting.date.strftime("%d.%m.%Y"), "by": agree_by.strftime("%d.%m.%Y")},
            meeting.place,
        ),
        now=now,
        council=meeting.council,
        url=meeting.get_absolute_url(),
    )
    audit(
        actor=actor,
        verb=AuditVerb.MEETING_REQUEST_AGREEMENT,
        subject=meeting,
        council=meeting.council,
        at=now,
        agree_by=agree_by.isoformat(),
    )
    return meeting


@transaction.atomic
def meeting_answer(*, actor, meeting, agrees, comment="", now):
    """A member (or the official acting for them) agrees or objects, with a comment (R-000-9f)."""
    sitting = {e.person.pk for e in council_roster(council=meeting.council, day=meeting.date) if e.person}
    if actor.pk not in sitting:
        raise PermissionDenied(_("Only the members of the council agree the meeting."))
    if meeting.agree_by is None:
        raise ValidationError(_("The secretary has not asked for agreement yet."))
    if not agrees and not comment.strip():
        raise ValidationError({"comment": _("Say what you object to.")})
    agreement, _created = Agreement.objects.update_or_create(
        meeting=meeting, person=actor, defaults={"agrees": agrees, "comment": comment.strip(), "answered_at": now}
    )
    audit(actor=actor, verb=AuditVerb.MEETING_ANSWER, subject=meeting, council=meeting.council, at=now, agrees=agrees)
    return agreement


def agreement_status(meeting):
    """Per member of the meeting's roster: their answer, or None when they have not answered."""
    answers = {a.person_id: a for a in meeting.agreements.all()}
    return [
        (e, answers.get(e.person.pk)) for e in council_roster(council=meeting.council, day=meeting.date) if e.person
    ]


REFERENCE_NOTE_MAX_PAGES = 8  # R-000-10b


def pdf_pages(upload):
    from pypdf import PdfReader
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
    with discarded_on_failure(material):
        material.save()
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


def is_employee_of(user, council, body_id, day):
    return speaks_for(user, council, body_id, day)


def _notify_body(item, key, render, now):
    council = item.meeting.council
    people = [
        o.person
        for o in active_on(
            council.officers.filter(role="secretariat", body_id=item.responsible_body_id), now.date()
        ).select_related("person")
    ]
    notify(recipients=people, key=key, render=render, now=now, council=council, url=item.meeting.get_absolute_url())


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
        render=lambda: (
            _("Materials checked, for your decision: %(question)s") % {"question": item.question},
            note.strip(),
        ),
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
            lambda: (_("Returned for rework: %(question)s") % {"question": item.question}, remarks.strip()),
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
        lambda: (_("Late submission allowed: %(question)s") % {"question": item.question}, reason.strip()),
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


@transaction.atomic
def agenda_approve(*, actor, meeting, now):
    """The chair approves the agenda once every question is accepted (R-000-10e)."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if not allowed(actor, "secretariat.chair_decide", meeting.council, day=now.date()):
        raise PermissionDenied(_("Only the chair approves the agenda."))
    pending = [i.number for i in meeting.items.exclude(status=AgendaItem.Status.ACCEPTED)]
    if not meeting.items.exists() or pending:
        raise ValidationError(
            _("Every question must be accepted before the agenda is approved; not yet: %(numbers)s.")
            % {"numbers": ", ".join(map(str, pending)) or "—"}
        )
    move(meeting, Meeting.Status.AGENDA_APPROVED, actor=actor, now=now, council=meeting.council)
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def agenda_dispatch(*, actor, meeting, now):
    """The secretary sends the approved agenda with all documents to the members, no later than 3
    calendar days before the meeting (R-000-10e); sending later is recorded as late."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if not can_schedule(actor, meeting.council, now.date()):
        raise PermissionDenied(_("Only the secretary dispatches the agenda."))
    move(meeting, Meeting.Status.DISPATCHED, actor=actor, now=now, council=meeting.council)
    meeting.save(update_fields=["status"])
    deadline_close_for(subject=meeting, kind="agenda-dispatch", actor=actor, now=now)
    notify(
        recipients=[e.person for e in council_roster(council=meeting.council, day=meeting.date) if e.person],
        key=f"meeting:{meeting.pk}:dispatched",
        render=lambda: (
            _("Agenda and documents of the meeting of %(date)s") % {"date": meeting.date.strftime("%d.%m.%Y")},
            _dispatch_body(meeting),
        ),
        now=now,
        council=meeting.council,
        url=meeting.get_absolute_url(),
    )
    return meeting


def _dispatch_body(meeting):
    """The notice's text in the recipient's language: place, the questions, and the link to the whole pack."""
    pack = settings.SITE_URL.rstrip("/") + reverse("secretariat:meeting_pack", args=[meeting.pk])
    lines = [meeting.place] if meeting.place else []
    lines += [str(item) for item in meeting.items.order_by("number")]
    lines.append(str(_("All documents in one download: %(url)s") % {"url": pack}))
    return "\n".join(lines)


def receipt_record(*, user, meeting, now):
    """A member opened the dispatched agenda: the first time is recorded (R-000-10e)."""
    if meeting.status != Meeting.Status.DISPATCHED:
        return None
    receipt, _created = Receipt.objects.get_or_create(meeting=meeting, person=user, defaults={"opened_at": now})
    return receipt


@transaction.atomic
def extraordinary_request(*, actor, council, question_kk, question_ru, justification, desired_date, now):
    """A member asks for an extraordinary meeting on an unplanned question (R-000-9e)."""
    day = now.date()
    if not allowed(actor, "secretariat.request_extraordinary", council, day=day):
        raise PermissionDenied(_("Extraordinary meetings are convened on the initiative of members."))
    bodies = bodies_of(user=actor, council=council, day=day)
    if not (question_kk.strip() and question_ru.strip() and justification.strip()):
        raise ValidationError(_("Give the question in Kazakh and in Russian and its justification."))
    if desired_date <= day:
        raise ValidationError({"desired_date": _("A meeting is scheduled for a future date.")})
    request = ExtraordinaryRequest.objects.create(
        council=council,
        requested_by=actor,
        body=bodies[0],
        question_kk=question_kk.strip(),
        question_ru=question_ru.strip(),
        justification=justification.strip(),
        desired_date=desired_date,
        created_at=now,
    )
    notify(
        recipients=council_chairs(council=council, day=day) + council_secretaries(council=council, day=day),
        key=f"extraordinary:{request.pk}:requested",
        render=lambda: (
            _("Request for an extraordinary meeting: %(question)s") % {"question": str(request)},
            request.justification,
        ),
        now=now,
        council=council,
        url=reverse("secretariat:meeting_list", args=[council.code]),
    )
    audit(actor=actor, verb=AuditVerb.EXTRAORDINARY_REQUEST, subject=request, council=council, at=now)
    return request


@transaction.atomic
def extraordinary_decide(*, actor, request, convene, reason="", date=None, now):
    """The chair convenes the extraordinary meeting (its only question is the requested one) or declines
    with a reason."""
    request = ExtraordinaryRequest.objects.select_for_update().select_related("council").get(pk=request.pk)
    council = request.council
    if not allowed(actor, "secretariat.chair_decide", council, day=now.date()):
        raise PermissionDenied(_("Only the chair convenes the council."))
    if not convene and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining.")})
    move(
        request,
        ExtraordinaryRequest.Status.CONVENED if convene else ExtraordinaryRequest.Status.DECLINED,
        actor=actor,
        now=now,
        comment=reason.strip(),
        council=council,
    )
    if convene:
        date = date or request.desired_date
        meeting = Meeting.objects.create(
            council=council, kind=Meeting.Kind.EXTRAORDINARY, date=date, created_by=actor, created_at=now
        )
        item = AgendaItem.objects.create(
            meeting=meeting,
            number=1,
            question_kk=request.question_kk,
            question_ru=request.question_ru,
            responsible_body=request.body,
        )
        _open_materials_deadline(item, actor=actor, now=now)
        _open_agenda_deadline(meeting, actor=actor, now=now)
        request.meeting = meeting
    request.save(update_fields=["status", "meeting"])
    notify(
        recipients=[request.requested_by] + council_secretaries(council=council, day=now.date()),
        key=f"extraordinary:{request.pk}:{request.status}",
        render=lambda: (
            (
                _("Extraordinary meeting convened: %(question)s")
                if convene
                else _("Extraordinary meeting declined: %(question)s")
            )
            % {"question": str(request)},
            reason.strip(),
        ),
        now=now,
        council=council,
        url=request.meeting.get_absolute_url() if request.meeting else "",
    )
    return request
