"""Writes of meetings: scheduling with the regulation's deadlines and agreement of the date, time, place
and agenda with the members (R-000-9c, R-000-9f, R-000-10b, R-000-10e)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, deadline_open
from council.messages import both_of
from council.models import AuditVerb
from council.notify import bilingual, notify
from council.rules import allowed
from council.selectors import council_people, council_roster
from council.services import audit
from plans.services import CRIMINAL_CASE_CONFIRMATION

from ..models import AgendaItem, AgendaItemCoExecutor, Agreement, Meeting
from .access import can_schedule


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
    not_a_criminal_case=False,
):
    """Schedule a meeting with questions taken from the plan. Opens the deadlines of the regulation: the
    materials of each question from its responsible body (R-000-10b) and the agenda's dispatch to the
    members (R-000-10e). Where the council may not deal with a specific criminal case, every question
    carries the confirmation that it does not: its proposer's, or else the secretary's (R-001-1.2)."""
    if not can_schedule(actor, council, now.date()):
        raise PermissionDenied(_("Only the secretary schedules meetings."))
    if date < now.date():
        raise ValidationError({"date": _("A meeting is scheduled for a future date.")})
    if online and not council_profile(council).typed.online_meetings:
        raise ValidationError({"online": _("The council's regulation does not provide for online meetings.")})
    profile = council_profile(council).typed
    if profile.no_criminal_cases and not not_a_criminal_case:
        unconfirmed = [p for p in plan_items if not (p.proposal_id and p.proposal.not_a_criminal_case)]
        if unconfirmed:
            raise ValidationError({"not_a_criminal_case": CRIMINAL_CASE_CONFIRMATION})
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
            not_a_criminal_case=profile.no_criminal_cases,
        )
        AgendaItemCoExecutor.objects.bulk_create(
            AgendaItemCoExecutor(item=item, body=body, order=order)
            for order, body in enumerate(plan_item.ordered_co_executors())
        )
        _open_materials_deadline(item, actor=actor, now=now)
    if profile.agenda_rule:  # a police chief's report sends no agenda (R-002-4..R-002-8)
        _open_agenda_deadline(meeting, actor=actor, now=now)
    if profile.publication_rule:  # its time, place and how to send questions are published first (R-002-8.2)
        _open_publication_deadline(meeting, actor=actor, now=now)
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


def _open_publication_deadline(meeting, *, actor, now):
    """The time, place, schedule and how to send questions are published no later than 10 days before
    the report (R-002-8.2; the profile says calendar days)."""
    return deadline_open(
        council=meeting.council,
        subject=meeting,
        kind="publication",
        rule_id=council_profile(meeting.council).typed.publication_rule,
        anchor=meeting.date,
        now=now,
        actor=actor,
        title=bilingual(_("Announcement of the report of %(date)s published"), date=meeting.date.strftime("%d.%m.%Y")),
    )


def _open_materials_deadline(item, *, actor, now):
    """The responsible body's materials reach the secretary 20 calendar days before the meeting
    (R-000-10b, or the profile's rule); each co-executor's contribution reaches the responsible body
    earlier, by the internal date of R-000-10a.contributions."""
    meeting = item.meeting
    profile = council_profile(meeting.council)
    if not profile.typed.materials_rule:  # no materials deadline in this profile (R-002-4..R-002-8)
        return None
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
        message="meeting.agree",
        params={"date": meeting.date.isoformat(), "by": agree_by.isoformat(), "place": both_of(meeting, "place")},
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


def agreement_status(meeting, roster=None):
    """Per member of the meeting's roster (``roster``, when the caller has it already): their answer, or
    None when they have not answered."""
    answers = {a.person_id: a for a in meeting.agreements.all()}
    if roster is None:
        roster = council_roster(council=meeting.council, day=meeting.date)
    return [(e, answers.get(e.person.pk)) for e in roster if e.person]


@transaction.atomic
def meeting_media_decide(*, actor, meeting, recording, videoconference, now):
    """R-003-24: the chair decides whether the meeting is recorded and held by videoconference; the decision
    is recorded on the meeting, shown to the members and sent to them."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if not allowed(actor, "secretariat.chair_decide", meeting.council, day=now.date()):
        raise PermissionDenied(_("The chair decides on recording and videoconferencing."))
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ValidationError(_("The meeting is over; its recording is no longer decided."))
    meeting.recording, meeting.videoconference = bool(recording), bool(videoconference)
    meeting.media_decided_by, meeting.media_decided_at = actor, now
    meeting.save(update_fields=["recording", "videoconference", "media_decided_by", "media_decided_at"])
    audit(
        actor=actor,
        verb=AuditVerb.MEETING_MEDIA,
        subject=meeting,
        council=meeting.council,
        at=now,
        recording=meeting.recording,
        videoconference=meeting.videoconference,
    )
    notify(
        recipients=council_people(council=meeting.council, day=now.date()),
        key=f"meeting:{meeting.pk}:media:{now.isoformat()}",
        message="meeting.media",
        params={
            "date": meeting.date.isoformat(),
            "recording": meeting.recording,
            "videoconference": meeting.videoconference,
        },
        now=now,
        council=meeting.council,
        url=meeting.get_absolute_url(),
    )
    return meeting
