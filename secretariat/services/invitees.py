"""Writes of invited persons: listed and confirmed by the secretary or the responsible body (R-000-10f,
R-000-12)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.models import AuditVerb
from council.services import audit

from ..models import Invitee, Meeting
from .access import can_schedule, is_responsible_employee

# Persons are invited, and their attendance confirmed, while the meeting is being prepared (R-000-10f,
# R-000-12): once it is held or cancelled the list of who was invited is what it was.
INVITING = (Meeting.Status.SCHEDULED, Meeting.Status.AGENDA_APPROVED, Meeting.Status.DISPATCHED)


def _refuse_unless_preparing(meeting):
    if meeting.status not in INVITING:
        raise ValidationError(
            _("Persons are invited and their attendance confirmed before the meeting; this meeting is %(status)s.")
            % {"status": meeting.get_status_display()}
        )


@transaction.atomic
def invitee_add(
    *, actor, item, full_name_ru, now, full_name_kk="", position_ru="", position_kk="", body=None, person=None
):
    day = now.date()
    if not (can_schedule(actor, item.meeting.council, day) or is_responsible_employee(actor, item, day)):
        raise PermissionDenied(_("Invited persons are listed by the secretary or by the responsible body."))
    _refuse_unless_preparing(item.meeting)
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
    _refuse_unless_preparing(item.meeting)
    invitee = Invitee.objects.select_for_update().get(pk=invitee.pk)
    if attendance:
        invitee.attendance_confirmed_at = now
    if documents:
        invitee.documents_received_at = now
    invitee.confirmed_by = actor
    invitee.save(update_fields=["attendance_confirmed_at", "documents_received_at", "confirmed_by"])
    audit(actor=actor, verb=AuditVerb.INVITEE_CONFIRM, subject=invitee, council=item.meeting.council, at=now)
    return invitee
