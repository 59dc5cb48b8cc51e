"""Writes of the draft protocol: opening it for a held meeting, corrections of a signed one, what was
heard and the public part (R-000-11a, R-001-3e, R-002-12..R-002-14)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, council_rule_date, deadline_open
from council.models import AuditVerb
from council.notify import bilingual
from council.rules import allowed
from council.services import audit
from plans.services import history_stamp, refuse_stale_version
from secretariat.models import AgendaItem

from ..models import DecisionExecutor, Protocol, ProtocolItem, Vote


def can_edit(user, protocol, day):
    return allowed(user, "protocols.edit_protocol", protocol, day=day)


def _locked(protocol):
    """The protocol as it is now in the database, locked until the end of the transaction."""
    return Protocol.objects.select_for_update().select_related("meeting", "council").get(pk=protocol.pk)


def _editable(protocol):
    protocol = _locked(protocol)
    if protocol.status != Protocol.Status.DRAFT:
        raise ValidationError(
            _("The protocol is “%(status)s”; it is edited only as a draft.") % {"status": protocol.get_status_display()}
        )
    return protocol


def incomplete_items(protocol):
    """Numbers of the questions whose "HEARD" text (in Kazakh and Russian) or "DECIDED" (a decision with its
    text in both) is missing: such a protocol is neither presented nor signed (R-000-11a)."""
    numbers = []
    for item in protocol.items.prefetch_related("decisions").order_by("number"):
        decided = any(d.text_kk.strip() and d.text_ru.strip() for d in item.decisions.all())
        if not (item.heard_kk.strip() and item.heard_ru.strip() and decided):
            numbers.append(item.number)
    return numbers


def refuse_incomplete(protocol):
    numbers = incomplete_items(protocol)
    if numbers:
        raise ValidationError(
            _(
                "Questions %(numbers)s have no “Heard” text in Kazakh and Russian or no decision: fill them in "
                "before the protocol is presented or signed."
            )
            % {"numbers": ", ".join(str(n) for n in numbers)}
        )


def default_due_date(protocol):
    """A decision with no deadline set is due one month from the meeting (R-003-23)."""
    return council_rule_date(protocol.council, "R-003-23", protocol.meeting.date)


@transaction.atomic
def protocol_create(*, actor, meeting, now, corrects=None):
    """The draft protocol of a held meeting, one question per agenda item; a correction copies the
    corrected protocol's content into a new, linked draft."""
    protocol = Protocol.objects.create(
        meeting=meeting, council=meeting.council, corrects=corrects, created_by=actor, created_at=now
    )
    if corrects is None:
        for a in meeting.items.exclude(status=AgendaItem.Status.REFUSED).order_by("number"):  # R-001-1.2
            ProtocolItem.objects.create(
                protocol=protocol, agenda_item=a, number=a.number, question_kk=a.question_kk, question_ru=a.question_ru
            )
    else:
        for old in corrects.items.prefetch_related("decisions__executors", "decisions__votes"):
            item = ProtocolItem.objects.create(
                protocol=protocol,
                agenda_item=old.agenda_item,
                number=old.number,
                question_kk=old.question_kk,
                question_ru=old.question_ru,
                heard_kk=old.heard_kk,
                heard_ru=old.heard_ru,
            )
            for d in old.decisions.all():
                executors, votes = list(d.executors.all()), list(d.votes.all())
                d.pk, d.item = None, item
                d.save()
                DecisionExecutor.objects.bulk_create(
                    [DecisionExecutor(decision=d, body_id=e.body_id, order=e.order) for e in executors]
                )
                Vote.objects.bulk_create(
                    [Vote(decision=d, seat_id=v.seat_id, person_id=v.person_id, choice=v.choice) for v in votes]
                )
    audit(actor=actor, verb=AuditVerb.PROTOCOL_CREATE, subject=protocol, council=meeting.council, at=now)
    return protocol


def protocol_open_for_held_meeting(*, actor, meeting, now):
    """A meeting was held (a ``secretariat.events`` handler): its protocol draft is opened with the
    agenda's questions and the protocol's deadline starts (R-000-11a; R-001-3e, R-002-12 by the profile)."""
    protocol = protocol_create(actor=actor, meeting=meeting, now=now)
    deadline_open(
        council=meeting.council,
        subject=protocol,
        kind="protocol",
        rule_id=council_profile(meeting.council).typed.protocol_rule,
        anchor=meeting.date,
        now=now,
        actor=actor,
        title=bilingual(_("Protocol of the meeting of %(date)s"), date=meeting.date.strftime("%d.%m.%Y")),
    )
    return protocol


def attendance_lock(meeting):
    """The attendance of a held meeting changes only while its protocol is a draft (a
    ``secretariat.events`` check)."""
    if Protocol.objects.filter(meeting=meeting).exclude(status=Protocol.Status.DRAFT).exists():
        return _("The protocol has gone beyond a draft; attendance can no longer change.")
    return None


@transaction.atomic
def protocol_correct(*, actor, protocol, now):
    """A signed protocol is never edited; a correction is a new document linked to it."""
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary drafts protocols."))
    if not protocol.frozen:
        raise ValidationError(_("Only a signed protocol is corrected by a new document; a draft is simply edited."))
    if protocol.corrections.filter(status__in=[s for s in Protocol.Status if s not in Protocol.FROZEN]).exists():
        raise ValidationError(_("A correction of this protocol is already being drafted."))
    return protocol_create(actor=actor, meeting=protocol.meeting, now=now, corrects=protocol)


@transaction.atomic
def item_save(*, actor, item, heard_kk, heard_ru, now, version=None):
    """What was heard on a question. ``version``: the one the edit form was opened with; a save over a
    newer version is refused, and every save raises the version."""
    protocol = item.protocol
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary drafts protocols."))
    protocol = _editable(protocol)
    item = ProtocolItem.objects.select_for_update().get(pk=item.pk)
    refuse_stale_version(
        item,
        version,
        now=now,
        message=_(
            "%(who)s saved this question at %(time)s; nothing was saved. Your text is kept below and the "
            "current text is shown: review it and save again."
        ),
    )
    item.heard_kk, item.heard_ru = heard_kk.strip(), heard_ru.strip()
    item.version += 1
    history_stamp(item, actor=actor, now=now)
    item.save(update_fields=["heard_kk", "heard_ru", "version"])
    audit(
        actor=actor, verb=AuditVerb.PROTOCOL_ITEM, subject=protocol, council=protocol.council, at=now, item=item.number
    )
    return item


@transaction.atomic
def public_part_save(*, actor, protocol, participants, remarks_kk, remarks_ru, now):
    """The protocol of a police chief's report to the public also records the number of participants and
    the citizens' complaints, proposals and remarks (R-002-12..R-002-14)."""
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary drafts protocols."))
    protocol = _editable(protocol)
    if not council_profile(protocol.council).typed.public_protocol:
        raise ValidationError(_("The council's regulation does not provide for this part of the protocol."))
    if participants is None or participants < 1:
        raise ValidationError({"participants": _("Give the number of participants.")})
    protocol.participants = participants
    protocol.public_remarks_kk, protocol.public_remarks_ru = remarks_kk.strip(), remarks_ru.strip()
    protocol.save(update_fields=["participants", "public_remarks_kk", "public_remarks_ru"])
    audit(actor=actor, verb=AuditVerb.PROTOCOL_PUBLIC, subject=protocol, council=protocol.council, at=now)
    return protocol
