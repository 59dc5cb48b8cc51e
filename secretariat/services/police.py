"""Writes of a police chief's report to the public (seed 002): the yearly schedule, the report with its
invited groups and how to send questions, the ten topics, the publication, the sources and the citizens'
questions (R-002-4, R-002-6, R-002-8.1, R-002-8.2, R-002-10, R-002-11, R-002-13, R-002-18)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import TZ, council_profile, council_rule_date, deadline_close_for
from council.models import AuditVerb, Council
from council.rules import allowed
from council.services import audit
from council.uploads import discarded_on_failure, store_upload

from ..models import (
    AgendaItem,
    CitizenQuestion,
    InviteeGroup,
    Meeting,
    PoliceReport,
    Publication,
    ReportSchedule,
    ReportSource,
    Topic,
)
from ..police_report import police_body_of
from .meetings import meeting_schedule


def can_keep(user, obj, day):
    """The secretary of the police body keeps the report's records (R-002-12, R-002-18)."""
    return allowed(user, "secretariat.keep_report", obj, day=day)


def _police_council(council):
    if council.kind != Council.Kind.PUBLIC_REPORT:
        raise ValidationError(_("Only a police body's reports to the public have a schedule of reports."))


def _text(value, field, label, limit=None):
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("Fill in %(what)s.") % {"what": label}})
    if limit and len(value) > limit:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": limit}})
    return value


@transaction.atomic
def schedule_approve(*, actor, council, year, approved_on, approval_number="", now):
    """The police body approves its schedule of reports for a reporting year (R-002-8.1); the reports are
    held in the first quarter of the following year (R-002-4)."""
    if not can_keep(actor, council, now.date()):
        raise PermissionDenied(_("Only the secretary records the schedule of reports."))
    _police_council(council)
    if approved_on > now.date():
        raise ValidationError({"approved_on": _("The schedule is recorded once it is approved.")})
    if ReportSchedule.objects.filter(council=council, year=year).exists():
        raise ValidationError({"year": _("The schedule for %(year)s is already approved.") % {"year": year}})
    schedule = ReportSchedule.objects.create(
        council=council,
        year=year,
        approved_on=approved_on,
        approval_number=(approval_number or "").strip()[:64],
        approved_by=actor,
        created_at=now,
    )
    audit(actor=actor, verb=AuditVerb.REPORT_SCHEDULE_APPROVE, subject=schedule, council=council, at=now, year=year)
    return schedule


@transaction.atomic
def police_report_schedule(
    *,
    actor,
    schedule,
    date,
    time,
    place_kk,
    place_ru,
    akimat_kk,
    akimat_ru,
    questions_how_kk,
    questions_how_ru,
    invitee_groups=(),
    now,
):
    """A report of the schedule, in person, in the year after the reporting year (R-002-2, R-002-4). The
    local executive body is always invited (R-002-4) with R-002-11's groups. Scheduling opens only the
    report's own deadline, the publication (R-002-8.2): no materials, no agenda (the profile)."""
    council = schedule.council
    if not can_keep(actor, council, now.date()):
        raise PermissionDenied(_("Only the secretary schedules the reports."))
    if date.year != schedule.year + 1:
        raise ValidationError(
            {
                "date": _("A report on %(year)s is held in %(next)s, in its first quarter (R-002-4).")
                % {"year": schedule.year, "next": schedule.year + 1}
            }
        )
    if time is None:
        raise ValidationError({"time": _("Give the time of the report: it is published (R-002-8.2).")})
    values = {
        "akimat_kk": _text(akimat_kk, "akimat_kk", _("the local executive body invited"), 300),
        "akimat_ru": _text(akimat_ru, "akimat_ru", _("the local executive body invited"), 300),
        "questions_how_kk": _text(questions_how_kk, "questions_how_kk", _("how to send questions")),
        "questions_how_ru": _text(questions_how_ru, "questions_how_ru", _("how to send questions")),
    }
    place_kk = _text(place_kk, "place_kk", _("the place"), 300)
    place_ru = _text(place_ru, "place_ru", _("the place"), 300)
    groups = [InviteeGroup.AKIMAT.value] + [
        g for g in InviteeGroup.values if g in set(invitee_groups) and g != InviteeGroup.AKIMAT
    ]
    meeting = meeting_schedule(
        actor=actor, council=council, date=date, time=time, place_kk=place_kk, place_ru=place_ru, now=now
    )
    # One question, the report itself, so the protocol records its decisions for control (R-002-13, R-002-19).
    AgendaItem.objects.create(
        meeting=meeting,
        number=1,
        question_kk=f"{council.name_kk or council.name_ru}: {schedule.year} жылғы жұмыс туралы есеп",
        question_ru=f"{council.name_ru}: отчёт о работе за {schedule.year} год",
        responsible_body=police_body_of(council, date),
    )
    report = PoliceReport.objects.create(meeting=meeting, schedule=schedule, invitee_groups=groups, **values)
    audit(
        actor=actor,
        verb=AuditVerb.POLICE_REPORT_SCHEDULE,
        subject=meeting,
        council=council,
        at=now,
        date=date.isoformat(),
    )
    return report


@transaction.atomic
def report_topics_save(*, actor, report, topics, now):
    """Which of the ten topics of R-002-6 the report covers."""
    if not can_keep(actor, report, now.date()):
        raise PermissionDenied(_("Only the secretary keeps the report's records."))
    report = PoliceReport.objects.select_for_update().get(pk=report.pk)
    chosen = set(topics)
    if chosen - set(Topic.values):
        raise ValidationError(_("Choose topics from the list."))
    report.topics = [t for t in Topic.values if t in chosen]
    report.save(update_fields=["topics"])
    audit(actor=actor, verb=AuditVerb.POLICE_REPORT_TOPICS, subject=report.meeting, council=report.council, at=now)
    return report


@transaction.atomic
def report_register(*, actor, report, registration_number, now):
    """The staff unit registers the report's materials (R-002-18)."""
    if not can_keep(actor, report, now.date()):
        raise PermissionDenied(_("Only the secretary keeps the report's records."))
    report.registration_number = _text(registration_number, "registration_number", _("the registration number"), 64)
    report.save(update_fields=["registration_number"])
    audit(actor=actor, verb=AuditVerb.POLICE_REPORT_REGISTER, subject=report.meeting, council=report.council, at=now)
    return report


def publication_due(report):
    """The day by which the announcement is published (R-002-8.2), from its deadline row."""
    return council_rule_date(
        report.council, council_profile(report.council).typed.publication_rule, report.meeting.date
    )


@transaction.atomic
def publication_record(*, actor, report, channel, outlet, published_on, link="", upload=None, now):
    """Where and when the time, place, schedule and how to send questions were published: a periodical,
    TV or radio, or an official web resource, with a copy or a link (R-002-8.2). Closes the publication
    deadline: met when published by its date."""
    if not can_keep(actor, report, now.date()):
        raise PermissionDenied(_("Only the secretary keeps the report's records."))
    if channel not in Publication.Channel.values:
        raise ValidationError({"channel": _("Choose where it was published.")})
    outlet = _text(outlet, "outlet", _("the name of the periodical, channel or web resource"), 300)
    if published_on is None or published_on > now.date():
        raise ValidationError({"published_on": _("Give the date it was published, today or earlier.")})
    if published_on > report.meeting.date:
        raise ValidationError({"published_on": _("The announcement is published before the report.")})
    link = (link or "").strip()
    if not link and upload is None:
        raise ValidationError(_("Attach a copy of the publication or give its link."))
    if len(link) > 500:
        raise ValidationError({"link": _("At most %(n)s characters.") % {"n": 500}})
    publication = Publication(
        report=report,
        channel=channel,
        outlet=outlet,
        published_on=published_on,
        link=link,
        on_time=published_on <= publication_due(report),
        recorded_by=actor,
        recorded_at=now,
    )
    if upload is not None:
        store_upload(publication, upload)
    with discarded_on_failure(publication):
        publication.save()
        at = datetime.datetime.combine(published_on, datetime.time(12), tzinfo=TZ)
        deadline_close_for(subject=report.meeting, kind="publication", actor=actor, now=min(at, now))
        audit(
            actor=actor,
            verb=AuditVerb.PUBLICATION_RECORD,
            subject=report.meeting,
            council=report.council,
            at=now,
            on_time=publication.on_time,
        )
    return publication


@transaction.atomic
def source_add(*, actor, report, kind, upload, now):
    """A source used to prepare the report, attached (R-002-10)."""
    if not can_keep(actor, report, now.date()):
        raise PermissionDenied(_("Only the secretary keeps the report's records."))
    if kind not in ReportSource.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of source.")})
    if upload is None:
        raise ValidationError({"file": _("Attach the document.")})
    source = ReportSource(report=report, kind=kind, added_by=actor, added_at=now)
    store_upload(source, upload)
    with discarded_on_failure(source):
        source.save()
        audit(actor=actor, verb=AuditVerb.REPORT_SOURCE_ADD, subject=report.meeting, council=report.council, at=now)
    return source


@transaction.atomic
def question_add(*, actor, report, kind, received, author, text, contact="", consent_to_contact=False, now):
    """A complaint, proposal or remark received before or at the report (R-002-7, R-002-8.2, R-002-13);
    the contact is kept only with the person's consent."""
    if not can_keep(actor, report, now.date()):
        raise PermissionDenied(_("Only the secretary keeps the report's records."))
    if kind not in CitizenQuestion.Kind.values:
        raise ValidationError({"kind": _("Choose complaint, proposal or remark.")})
    if received not in CitizenQuestion.Received.values:
        raise ValidationError({"received": _("Say whether it came before or at the report.")})
    if received == CitizenQuestion.Received.AT and now.date() < report.meeting.date:
        raise ValidationError({"received": _("The report has not taken place yet.")})
    contact = (contact or "").strip()
    if contact and not consent_to_contact:
        raise ValidationError({"contact": _("A contact is kept only with the person's consent.")})
    if len(contact) > 300:
        raise ValidationError({"contact": _("At most %(n)s characters.") % {"n": 300}})
    report = PoliceReport.objects.select_for_update().get(pk=report.pk)
    number = (report.questions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    question = CitizenQuestion.objects.create(
        report=report,
        number=number,
        kind=kind,
        received=received,
        author=_text(author, "author", _("who raised it"), 300),
        contact=contact,
        consent_to_contact=bool(consent_to_contact),
        text=_text(text, "text", _("the text")),
        recorded_by=actor,
        recorded_at=now,
    )
    audit(
        actor=actor, verb=AuditVerb.CITIZEN_QUESTION_ADD, subject=report.meeting, council=report.council, at=now,
        number=number,
    )  # fmt: skip
    return question


def question_decidable(question, now):
    """A question's outcome is decided at or after the report, once (R-002-7, R-002-16, R-002-17)."""
    if question.outcome != CitizenQuestion.Outcome.PENDING:
        raise ValidationError(_("The question is already “%(outcome)s”.") % {"outcome": question.get_outcome_display()})
    if question.report.meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Answers are recorded once the report has taken place."))


@transaction.atomic
def question_answer(*, actor, question, answer, now):
    """The question was answered in full at the report (R-002-7)."""
    if not can_keep(actor, question, now.date()):
        raise PermissionDenied(_("Only the secretary keeps the report's records."))
    question = (
        CitizenQuestion.objects.select_for_update().select_related("report__meeting__council").get(pk=question.pk)
    )
    question_decidable(question, now)
    question.answer = _text(answer, "answer", _("the answer given"))
    question.outcome = CitizenQuestion.Outcome.ANSWERED
    question.save(update_fields=["answer", "outcome"])
    audit(
        actor=actor, verb=AuditVerb.CITIZEN_QUESTION_ANSWER, subject=question.report.meeting,
        council=question.council, at=now, number=question.number,
    )  # fmt: skip
    return question
