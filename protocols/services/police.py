"""What follows a citizen's question at a police chief's report: the check of one not answered in full,
recorded in the protocol, with the period of the Administrative Procedural Code the profile sets
(R-002-16), and the forwarding of one outside police competence, complete only with the notice to the
person who raised it (R-002-17). Checks carry deadline rows, so reminders, the overdue mark and the
escalation to the chief run as for every deadline under control; once the protocol is signed, each dated
check is also an assignment of the police body, so it is on the execution control list, in the body's
"My work" and in the report to the chair like every decision under control, and recording its result
executes it (R-002-19)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, council_rule_date, deadline_close_for, deadline_open
from council.models import AuditVerb, Body
from council.notify import bilingual, notify
from council.selectors import body_employees
from council.services import audit
from council.workflow import move
from secretariat.models import CitizenQuestion
from secretariat.police_report import police_body_of
from secretariat.services.police import question_decidable

from ..models import Assignment, ExecutionReport, Protocol, QuestionCheck, QuestionForward
from .drafts import can_edit

CHECK_RULE = "R-002-16.check"


def check_period(council):
    """The check's period as the profile sets it, or None while the administrator has not set it
    (R-002-16: this system does not state the Code's period)."""
    rule = council_profile(council).rule_for(CHECK_RULE)
    return rule if rule.amount > 0 else None


def _question_and_protocol(actor, question, now):
    question = (
        CitizenQuestion.objects.select_for_update().select_related("report__meeting__council").get(pk=question.pk)
    )
    question_decidable(question, now)
    protocol = Protocol.objects.filter(meeting=question.report.meeting, corrects__isnull=True).first()
    if protocol is None:
        raise ValidationError(_("The report's protocol is not open yet."))
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary drafts protocols."))
    if protocol.status != Protocol.Status.DRAFT:
        raise ValidationError(_("The question is recorded in the protocol while it is a draft (R-002-16)."))
    return question, protocol


@transaction.atomic
def check_open(*, actor, question, now):
    """The question was not answered in full: it is recorded in the protocol and checked (R-002-16). With
    the period set in the profile, the check's deadline counts from the report's day."""
    question, protocol = _question_and_protocol(actor, question, now)
    meeting = question.report.meeting
    period = check_period(protocol.council)
    due = council_rule_date(protocol.council, CHECK_RULE, meeting.date) if period else None
    check = QuestionCheck.objects.create(
        question=question, protocol=protocol, due_date=due, opened_by=actor, opened_at=now
    )
    question.outcome = CitizenQuestion.Outcome.NOT_FULL
    question.save(update_fields=["outcome"])
    if due:
        deadline_open(
            council=protocol.council,
            subject=check,
            kind="citizen-check",
            rule_id=CHECK_RULE,
            anchor=meeting.date,
            now=now,
            actor=actor,
            responsible_body=police_body_of(protocol.council, meeting.date),
            title=bilingual(
                _("Check of citizen's question %(number)s of the report of %(date)s"),
                number=question.number,
                date=meeting.date.strftime("%d.%m.%Y"),
            ),
        )
    audit(
        actor=actor, verb=AuditVerb.QUESTION_CHECK_OPEN, subject=protocol, council=protocol.council, at=now,
        number=question.number, due=due.isoformat() if due else "",
    )  # fmt: skip
    return check


def checks_under_control(*, protocol, actor, now):
    """The signed protocol's checks go under control as assignments of the police body, due by the check's
    date (R-002-16, R-002-19). A check whose period the administrator has not set has no date to control
    yet and stays on its deadline-less record. Called once the protocol is signed; a second call adds
    nothing."""
    created = []
    checks = list(
        QuestionCheck.objects.filter(
            protocol=protocol, status=QuestionCheck.Status.OPEN, due_date__isnull=False, assignment__isnull=True
        )
    )
    body = police_body_of(protocol.council, protocol.meeting.date) if checks else None
    if body is None:
        return created
    for check in checks:
        created.append(
            Assignment.objects.create(
                question_check=check,
                council=protocol.council,
                body=body,
                responsible=True,
                order=1,
                due_date=check.due_date,
                original_due_date=check.due_date,
                created_at=now,
            )
        )
    if created:
        notify(
            recipients=body_employees(council=protocol.council, body=body, day=timezone.localtime(now).date()),
            key=f"protocol:{protocol.pk}:checks:{body.pk}",
            message="protocol.citizen_checks",
            params={"number": protocol.registration},
            now=now,
            council=protocol.council,
            url=protocol.get_absolute_url(),
        )
    return created


def _execute(assignment, *, actor, result, now):
    """Recording the check's result executes its assignment: the result is its report, the certificate of
    results, and it is removed from control, on time when recorded by the check's date (R-002-19)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status in Assignment.CLOSED:
        return
    council = assignment.council
    if assignment.status in Assignment.OPEN:
        move(assignment, Assignment.Status.REPORTED, actor=actor, now=now, council=council)
        version = assignment.reports.count() + 1
        ExecutionReport.objects.create(
            assignment=assignment,
            version=version,
            text=result,
            late=timezone.localtime(now).date() > assignment.due_date,
            submitted_by=actor,
            submitted_at=now,
        )
        assignment.reported_at = now
    if assignment.status == Assignment.Status.REPORTED:
        move(assignment, Assignment.Status.PROPOSED, actor=actor, now=now, council=council, comment=result)
    move(assignment, Assignment.Status.REMOVED, actor=actor, now=now, council=council)
    assignment.certificate, assignment.closed_at = result, now
    assignment.on_time = timezone.localtime(now).date() <= assignment.due_date
    assignment.save(update_fields=["status", "reported_at", "certificate", "closed_at", "on_time"])


@transaction.atomic
def check_close(*, actor, check, result, now):
    """The check is done and its result recorded; its deadline is met, or met late, and its assignment is
    executed and removed from control (R-002-16, R-002-19)."""
    check = QuestionCheck.objects.select_for_update().select_related("protocol__council").get(pk=check.pk)
    if not can_edit(actor, check.protocol, now.date()):
        raise PermissionDenied(_("Only the secretary records the result of a check."))
    result = (result or "").strip()
    if not result:
        raise ValidationError({"result": _("Say what the check found and what the person was answered.")})
    move(check, QuestionCheck.Status.DONE, actor=actor, now=now, council=check.protocol.council)
    check.result, check.closed_at = result, now
    check.save(update_fields=["status", "result", "closed_at"])
    deadline_close_for(subject=check, kind="citizen-check", actor=actor, now=now)
    assignment = Assignment.objects.filter(question_check=check).first()
    if assignment is not None:
        _execute(assignment, actor=actor, result=result, now=now)
    return check


@transaction.atomic
def forward_record(*, actor, question, body, basis, outgoing_number, outgoing_date, now):
    """A question outside police competence is sent to the competent state body of the registry, by
    subordination or territory, with the outgoing number and date (R-002-17)."""
    question, protocol = _question_and_protocol(actor, question, now)
    if not isinstance(body, Body):
        raise ValidationError({"body": _("Choose the competent body from the registry.")})
    if basis not in QuestionForward.Basis.values:
        raise ValidationError({"basis": _("Choose by subordination or by territory.")})
    number = (outgoing_number or "").strip()
    if not number or len(number) > 64:
        raise ValidationError({"outgoing_number": _("Give the outgoing number (at most 64 characters).")})
    if outgoing_date is None or outgoing_date > now.date() or outgoing_date < question.report.meeting.date:
        raise ValidationError({"outgoing_date": _("The outgoing date is between the report and today.")})
    forward = QuestionForward.objects.create(
        question=question,
        protocol=protocol,
        body=body,
        basis=basis,
        outgoing_number=number,
        outgoing_date=outgoing_date,
        recorded_by=actor,
        recorded_at=now,
    )
    question.outcome = CitizenQuestion.Outcome.OUTSIDE
    question.save(update_fields=["outcome"])
    audit(
        actor=actor, verb=AuditVerb.QUESTION_FORWARD_RECORD, subject=protocol, council=protocol.council, at=now,
        number=question.number, body=body.code,
    )  # fmt: skip
    return forward


@transaction.atomic
def forward_complete(*, actor, forward, notice_date, notice_channel, now):
    """The person who raised the question is notified of the forwarding (date and channel); only then is
    the forwarding complete (R-002-17)."""
    forward = QuestionForward.objects.select_for_update().select_related("protocol__council").get(pk=forward.pk)
    if not can_edit(actor, forward.protocol, now.date()):
        raise PermissionDenied(_("Only the secretary records the notice."))
    if notice_date is None or notice_channel not in QuestionForward.Channel.values:
        raise ValidationError(
            _("A forwarding is complete only when the person is notified: give the date and the channel.")
        )
    if notice_date > now.date() or notice_date < forward.outgoing_date:
        raise ValidationError({"notice_date": _("The notice is dated between the forwarding and today.")})
    forward.notice_date, forward.notice_channel = notice_date, notice_channel
    move(forward, QuestionForward.Status.COMPLETE, actor=actor, now=now, council=forward.protocol.council)
    forward.save(update_fields=["status", "notice_date", "notice_channel"])
    audit(
        actor=actor, verb=AuditVerb.QUESTION_FORWARD_NOTICE, subject=forward.protocol,
        council=forward.protocol.council, at=now, channel=notice_channel,
    )  # fmt: skip
    return forward
