"""Writes of the agenda: the chair's approval, dispatch to the members and their receipts (R-000-10e); the
secretary's refusal of a question the council may not deal with (R-001-1.2)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, deadline_close_for, deadline_waive
from council.messages import both, both_of
from council.models import Deadline
from council.notify import notify
from council.rules import allowed
from council.selectors import body_employees, council_roster, deadlines_of
from council.workflow import move

from ..models import AgendaItem, Meeting, Receipt
from .access import can_schedule


@transaction.atomic
def agenda_approve(*, actor, meeting, now):
    """The chair approves the agenda once every question is accepted (R-000-10e)."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if not allowed(actor, "secretariat.chair_decide", meeting.council, day=now.date()):
        raise PermissionDenied(_("Only the chair approves the agenda."))
    # A refused question is not on the agenda (R-001-1.2): neither awaited nor approved.
    questions = meeting.items.exclude(status=AgendaItem.Status.REFUSED)
    pending = [i.number for i in questions.exclude(status=AgendaItem.Status.ACCEPTED)]
    if not questions.exists() or pending:
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
        message="agenda.dispatched",
        params=_dispatch_params(meeting),
        now=now,
        council=meeting.council,
        url=meeting.get_absolute_url(),
    )
    return meeting


def _dispatch_params(meeting):
    """What the notice says, put into words in each reader's language: the date, place, the questions, and
    the link to the whole pack."""
    return {
        "date": meeting.date.isoformat(),
        "place": both_of(meeting, "place"),
        "items": [
            {"number": item.number, "question": both_of(item, "question")}
            for item in meeting.items.exclude(status=AgendaItem.Status.REFUSED).order_by("number")
        ],
        "pack": reverse("secretariat:meeting_pack", args=[meeting.pk]),
    }


def receipt_record(*, user, meeting, now):
    """A member opened the dispatched agenda: the first time is recorded (R-000-10e)."""
    if meeting.status != Meeting.Status.DISPATCHED:
        return None
    receipt, _created = Receipt.objects.get_or_create(meeting=meeting, person=user, defaults={"opened_at": now})
    return receipt


@transaction.atomic
def item_refuse(*, actor, item, note="", now):
    """R-001-1.2: the group may not deal with a specific criminal case. The secretary refuses such a
    question before the agenda is approved, the rule cited; its open deadlines are waived, the responsible
    body is told, and the question stays off the approved agenda, its document and the protocol."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__council").get(pk=item.pk)
    council, day = item.meeting.council, now.date()
    if not can_schedule(actor, council, day):
        raise PermissionDenied(_("Only the secretary refuses a question."))
    if not council_profile(council).typed.no_criminal_cases:
        raise ValidationError(_("The council's regulation gives no ground to refuse a question as a criminal case."))
    if item.meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError(_("The agenda is already approved; its questions are no longer refused."))
    ground = AgendaItem.RefusalGround.CRIMINAL_CASE
    note = note.strip()
    move(
        item,
        AgendaItem.Status.REFUSED,
        actor=actor,
        now=now,
        comment=f"{AgendaItem.REFUSAL_WORDING[ground]} {note}".strip(),
        council=council,
    )
    item.refusal_ground, item.refusal_note = ground, note
    item.save(update_fields=["status", "refusal_ground", "refusal_note"])
    for deadline in deadlines_of(item).filter(state__in=Deadline.ACTIVE_STATES):
        deadline_waive(deadline=deadline, actor=actor, reason=str(AgendaItem.REFUSAL_WORDING[ground]), now=now)
    body = item.responsible_body
    members = [
        e.person
        for e in council_roster(council=council, day=day)
        if e.person and body is not None and e.seat.position.body_id == body.pk
    ]
    recipients = {p.pk: p for p in body_employees(council=council, body=body, day=day) + members}
    notify(
        recipients=list(recipients.values()),
        key=f"item:{item.pk}:refused",
        message="item.refused",
        params={
            "number": item.number,
            "meeting": item.meeting.date.isoformat(),
            "question": both(item.question_kk, item.question_ru),
            "ground": ground,
            "note": note,
        },
        now=now,
        council=council,
        url=item.meeting.get_absolute_url(),
    )
    return item
