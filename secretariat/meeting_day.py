"""The meeting day: attendance, the presiding person, the quorum, and holding the meeting (R-000-9d,
R-000-9g, R-001-3a, R-001-3d, R-000-11a)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile
from council.models import AuditVerb, Seat
from council.selectors import council_roster
from council.services import audit
from council.workflow import move

from .counting import Presence, SeatPresence, quorum
from .events import attendance_lock, meeting_held
from .models import Attendance, Invitee, Meeting
from .services import can_schedule


def roster_with_attendance(meeting, roster=None):
    """(roster entry, attendance or None) for every seat of the meeting day (``roster``: when the caller has
    it already)."""
    recorded = {a.seat_id: a for a in meeting.attendance.all()}
    if roster is None:
        roster = council_roster(council=meeting.council, day=meeting.date)
    return [(e, recorded.get(e.seat.pk)) for e in roster]


def meeting_quorum(meeting, rows=None):
    """The quorum as the profile computes it from the recorded attendance (absent where nothing is
    recorded), with the reason in words."""
    rows = rows if rows is not None else roster_with_attendance(meeting)
    seats = [
        SeatPresence(
            seat_id=e.seat.pk,
            permanent=e.seat.kind == Seat.Kind.PERMANENT,
            presence=Presence(a.presence) if a else Presence.ABSENT,
            side=e.seat.side,
        )
        for e, a in rows
    ]
    typed = council_profile(meeting.council).typed
    return quorum(typed.quorum, seats, acting_counts=typed.acting_counts_for_quorum)


def default_presiding(rows):
    """The chair's seat when the chair is there; otherwise a deputy chair's (R-001-3a)."""
    here = [e for e, a in rows if a and a.presence != Attendance.Presence.ABSENT]
    for role in (Seat.Role.CHAIR, Seat.Role.DEPUTY_CHAIR):
        for e in here:
            if e.seat.role == role:
                return e.seat
    return None


@transaction.atomic
def attendance_record(*, actor, meeting, presence, now, presiding_seat_id=None, invitees_attended=()):
    """Record who is present for each seat: ``presence`` maps seat id to present, acting or absent. A seat
    is represented by its acting official only when one is appointed for the day (R-000-9d)."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if not can_schedule(actor, meeting.council, now.date()):
        raise PermissionDenied(_("Attendance is recorded by the secretary."))
    statuses = (Meeting.Status.DISPATCHED, Meeting.Status.HELD)
    if not council_profile(meeting.council).typed.agenda_rule:  # a report to the public sends no agenda
        statuses += (Meeting.Status.SCHEDULED,)
    if meeting.status not in statuses:
        raise ValidationError(_("Attendance is recorded on the meeting day, after the agenda is sent."))
    if meeting.status == Meeting.Status.HELD and (reason := attendance_lock(meeting)):
        raise ValidationError(reason)
    errors = []
    for entry in council_roster(council=meeting.council, day=meeting.date):
        value = presence.get(entry.seat.pk, Attendance.Presence.ABSENT)
        if value not in Attendance.Presence.values:
            errors.append(_("Choose the presence for every seat."))
            continue
        if value == Attendance.Presence.ACTING and not entry.acting:
            errors.append(
                _("%(position)s: no acting official is appointed for the day.") % {"position": entry.seat.position}
            )
            continue
        if value != Attendance.Presence.ABSENT and entry.person is None:
            errors.append(_("%(position)s: the seat is vacant.") % {"position": entry.seat.position})
            continue
        Attendance.objects.update_or_create(
            meeting=meeting,
            seat=entry.seat,
            defaults={
                "presence": value,
                "person": entry.person if value != Attendance.Presence.ABSENT else None,
                "recorded_by": actor,
                "recorded_at": now,
            },
        )
    if errors:
        raise ValidationError(errors)
    rows = roster_with_attendance(meeting)
    if presiding_seat_id:
        here = {e.seat.pk for e, a in rows if a and a.presence != Attendance.Presence.ABSENT}
        if int(presiding_seat_id) not in here:
            raise ValidationError({"presiding": _("The presiding person must be present.")})
        meeting.presiding_id = int(presiding_seat_id)
    else:
        seat = default_presiding(rows)
        meeting.presiding_id = seat.pk if seat else None
    meeting.quorum_reached = meeting_quorum(meeting, rows).reached
    meeting.save(update_fields=["presiding", "quorum_reached"])
    attended = {int(i) for i in invitees_attended}
    for invitee in Invitee.objects.filter(item__meeting=meeting):
        invitee.attended = invitee.pk in attended
        invitee.save(update_fields=["attended"])
    audit(actor=actor, verb=AuditVerb.MEETING_ATTENDANCE, subject=meeting, council=meeting.council, at=now)
    return meeting


@transaction.atomic
def meeting_hold(*, actor, meeting, now):
    """The meeting took place with a quorum; the apps that react to a held meeting are told in the same
    transaction (the protocols app opens its draft protocol and the protocol's deadline, R-000-11a)."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if not can_schedule(actor, meeting.council, now.date()):
        raise PermissionDenied(_("The secretary records that the meeting was held."))
    if now.date() < meeting.date:
        raise ValidationError(_("The meeting is held on %(date)s.") % {"date": meeting.date.strftime("%d.%m.%Y")})
    if meeting.status != Meeting.Status.DISPATCHED and council_profile(meeting.council).typed.agenda_rule:
        raise ValidationError(_("The agenda is sent to the members before the meeting is held."))
    rows = roster_with_attendance(meeting)
    if rows and not meeting.attendance.exists():  # a report to the public may have no seats at all
        raise ValidationError(_("Record the attendance first."))
    result = meeting_quorum(meeting, rows)
    if not result.reached:
        raise ValidationError(
            _("%(reason)s Without a quorum the council takes no decisions.") % {"reason": result.reason}
        )
    if rows and meeting.presiding_id is None:
        raise ValidationError(_("Choose the presiding person."))
    move(meeting, Meeting.Status.HELD, actor=actor, now=now, council=meeting.council)
    meeting.held_at = now
    meeting.save(update_fields=["status", "held_at"])
    meeting_held(actor=actor, meeting=meeting, now=now)
    return meeting
