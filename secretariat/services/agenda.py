"""Writes of the agenda: the chair's approval, dispatch to the members and their receipts (R-000-10e)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.deadline_services import deadline_close_for
from council.messages import both_of
from council.notify import notify
from council.rules import allowed
from council.selectors import council_roster
from council.workflow import move

from ..models import AgendaItem, Meeting, Receipt
from .access import can_schedule


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
            {"number": item.number, "question": both_of(item, "question")} for item in meeting.items.order_by("number")
        ],
        "pack": reverse("secretariat:meeting_pack", args=[meeting.pk]),
    }


def receipt_record(*, user, meeting, now):
    """A member opened the dispatched agenda: the first time is recorded (R-000-10e)."""
    if meeting.status != Meeting.Status.DISPATCHED:
        return None
    receipt, _created = Receipt.objects.get_or_create(meeting=meeting, person=user, defaults={"opened_at": now})
    return receipt
