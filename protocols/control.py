"""Control of execution of decisions: assignments from a sent protocol, execution reports and co-executors'
parts, the secretary's analysis, removal from control by the chair, extensions, and the summary the
secretary reports to the chair (R-000-11d, R-000-11e, R-001-3f, R-003-18, R-003-19)."""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadline_services import (
    council_profile,
    council_rule_date,
    deadline_close_for,
    deadline_open,
    deadline_reschedule,
    deadline_waive,
)
from council.messages import body_name
from council.models import AuditVerb, Deadline
from council.notify import bilingual, notify
from council.rules import allowed
from council.selectors import body_employees, council_chairs, council_secretaries, deadlines_of
from council.services import audit
from council.uploads import DOCUMENT_TYPES, discarded_on_failure, store_upload
from council.workflow import move
from secretariat.services import is_employee_of

from .messages import assignment_params
from .models import Assignment, Decision, ExecutionReport, Extension
from .periodic import occurrences_follow, occurrences_open


def _open_execution_deadlines(assignment, *, actor, now, received=None):
    decision = assignment.decision
    number = f"{decision.item.number}.{decision.number}"
    if assignment.responsible:
        deadline_open(
            council=assignment.council,
            subject=assignment,
            kind="execution",
            rule_id="R-000-11d",
            anchor=assignment.due_date,
            due_date=assignment.due_date,
            now=now,
            actor=actor,
            responsible_body=assignment.body,
            title=bilingual(_("Execution of decision %(number)s, report to the secretary"), number=number),
        )
        if received and "R-001-3f" in council_profile(assignment.council).rules:
            deadline_open(  # the monitoring group: executors report within 5 working days of receipt
                council=assignment.council,
                subject=assignment,
                kind="execution-report",
                rule_id="R-001-3f",
                anchor=received,
                now=now,
                actor=actor,
                responsible_body=assignment.body,
                title=bilingual(_("Information on decision %(number)s after receiving the protocol"), number=number),
            )
        if decision.period:
            occurrences_open(assignment, actor=actor, now=now)
    else:
        deadline_open(
            council=assignment.council,
            subject=assignment,
            kind="execution-part",
            rule_id="R-000-11e",
            anchor=decision.due_date,
            due_date=assignment.due_date,
            now=now,
            actor=actor,
            responsible_body=assignment.body,
            title=bilingual(_("Co-executor's part of decision %(number)s for the responsible body"), number=number),
        )


def part_due_date(council, execution_due):
    """Co-executors give their materials at least 5 calendar days before the execution deadline
    (R-000-11e), as the council's profile counts it."""
    return council_rule_date(council, "R-000-11e", execution_due)


@transaction.atomic
def assignments_create(*, protocol, actor, now):
    """Every adopted decision of the sent protocol becomes controlled assignments: the first executor
    organises and reports, the others contribute their parts (R-000-11e)."""
    created = []
    received = timezone.localtime(now).date()
    decisions = Decision.objects.filter(item__protocol=protocol, adopted=True)
    if council_profile(protocol.council).typed.quorum.get("kind", "none") == "none":
        # A body that does not vote (the police chief's report, R-002-19): its decisions stand by the
        # signatures; one a vote rejected does not.
        decisions = Decision.objects.filter(item__protocol=protocol).exclude(adopted=False)
    decisions = decisions.prefetch_related("executors")
    for decision in decisions.select_related("item"):
        for executor in sorted(decision.executors.all(), key=lambda e: e.order):
            responsible = executor.order == 1
            due = decision.due_date if responsible else part_due_date(protocol.council, decision.due_date)
            assignment, new = Assignment.objects.get_or_create(
                decision=decision,
                body_id=executor.body_id,
                defaults={
                    "council": protocol.council,
                    "responsible": responsible,
                    "order": executor.order,
                    "due_date": due,
                    "original_due_date": due,
                    "created_at": now,
                },
            )
            if new:
                _open_execution_deadlines(assignment, actor=actor, now=now, received=received)
                created.append(assignment)
    for body in {a.body for a in created}:
        notify(
            recipients=body_employees(council=protocol.council, body=body, day=received),
            key=f"protocol:{protocol.pk}:assignments:{body.pk}",
            message="protocol.assignments",
            params={"number": protocol.registration},
            now=now,
            council=protocol.council,
            url=protocol.get_absolute_url(),
        )
    return created


def supersede(correction, *, actor, now):
    """``Protocol.CASCADES``: a sent correction replaces the corrected protocol's decisions: what of them is
    still under control is cancelled, its deadlines waived, and the bodies told at once (R-003-49); their
    reports stay on record."""
    if not correction.corrects_id:
        return
    reason = str(_("Superseded by the correction, protocol No. %(number)s") % {"number": correction.registration})
    superseded = Assignment.objects.filter(decision__item__protocol_id=correction.corrects_id).exclude(
        status__in=Assignment.CLOSED
    )
    for assignment in superseded.select_related("council", "body", "decision__item"):
        move(assignment, Assignment.Status.CANCELLED, actor=actor, now=now, comment=reason, council=assignment.council)
        assignment.closed_at = now
        assignment.save(update_fields=["status", "closed_at"])
        for d in deadlines_of(assignment).filter(state__in=Deadline.ACTIVE_STATES):
            deadline_waive(deadline=d, actor=actor, reason=reason, now=now)
        notify(
            recipients=body_employees(council=assignment.council, body=assignment.body, day=now.date()),
            key=f"assignment:{assignment.pk}:cancelled",
            message="assignment.cancelled",
            params={"assignment": assignment_params(assignment), "superseded_by": correction.registration},
            now=now,
            council=assignment.council,
            url=assignment.get_absolute_url(),
        )


def is_body_employee(user, assignment, day):
    return is_employee_of(user, assignment.council, assignment.body_id, day)


def responsible_of(assignment):
    if assignment.responsible or not assignment.decision_id:
        return assignment
    return Assignment.objects.filter(decision_id=assignment.decision_id, responsible=True).first()


def _lock(assignment):
    """The assignment, locked, for a step of the reporting flow. A check of a citizen's question takes no
    such step: it is executed by recording the check's result on the question's page (R-002-16)."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))  # the decision is absent for a check: outer join
        .select_related("council", "body", "decision__item")
        .get(pk=assignment.pk)
    )
    if assignment.question_check_id:
        raise ValidationError(_("The result of a check is recorded on the citizen's question's page (R-002-16)."))
    return assignment


@transaction.atomic
def report_submit(*, actor, assignment, text, now, upload=None):
    """The body's secretariat employee reports execution to the secretary, or, for a co-executor, gives
    the responsible body its part (R-000-11d, R-000-11e). Late reports are accepted and marked."""
    assignment = _lock(assignment)
    day = now.date()
    if not is_body_employee(actor, assignment, day):
        raise PermissionDenied(_("Only the secretariat employee of the executing body reports."))
    if not text.strip():
        raise ValidationError({"text": _("Write what was done.")})
    periodic = list(deadlines_of(assignment).filter(kind__startswith="periodic-", state__in=Deadline.ACTIVE_STATES))
    if periodic:
        return _periodic_report(assignment, periodic[0], actor=actor, text=text, now=now, upload=upload)
    move(assignment, Assignment.Status.REPORTED, actor=actor, now=now, council=assignment.council)
    report = _new_report(assignment, actor=actor, text=text, now=now, upload=upload, due=assignment.due_date)
    with discarded_on_failure(report):
        report.save()
        assignment.reported_at = now
        assignment.save(update_fields=["status", "reported_at"])
        for d in deadlines_of(assignment).filter(state__in=Deadline.ACTIVE_STATES):
            deadline_close_for(subject=assignment, kind=d.kind, actor=actor, now=now)
        lead = assignment if assignment.responsible else responsible_of(assignment)
        if assignment.responsible:
            recipients = council_secretaries(council=assignment.council, day=day)
        else:
            recipients = body_employees(council=assignment.council, body=lead.body, day=day) if lead else []
        body = assignment.body
        notify(
            recipients=recipients,
            key=f"assignment:{assignment.pk}:report:{report.version}",
            # The secretary hears of a report, late or reworked (R-000-11d); the responsible body of a
            # co-executor's part (R-000-11e).
            message="report.arrived",
            params={
                "body": body_name(body),
                "due": assignment.due_date.isoformat(),
                "part": not assignment.responsible,
                "late": report.late,
                "resubmitted": report.version > 1,
            },
            now=now,
            council=assignment.council,
            url=(lead or assignment).get_absolute_url(),
        )
        audit(
            actor=actor,
            verb=AuditVerb.ASSIGNMENT_REPORT,
            subject=assignment,
            council=assignment.council,
            at=now,
            late=report.late,
        )
    return report


def _new_report(assignment, *, actor, text, now, upload, due):
    """The next version of the assignment's report, late if made after ``due``; its document stored."""
    version = (assignment.reports.aggregate(v=Max("version"))["v"] or 0) + 1
    report = ExecutionReport(
        assignment=assignment,
        version=version,
        text=text.strip(),
        late=timezone.localtime(now).date() > due,
        submitted_by=actor,
        submitted_at=now,
    )
    if upload is not None:
        store_upload(report, upload, allowed=DOCUMENT_TYPES)
    return report


def _periodic_report(assignment, occurrence, *, actor, text, now, upload):
    """R-003-47: a report at one of a periodic assignment's dates meets that date's row; the assignment stays
    in work until its final date."""
    report = _new_report(assignment, actor=actor, text=text, now=now, upload=upload, due=occurrence.due_date)
    with discarded_on_failure(report):
        report.save()
        deadline_close_for(subject=assignment, kind=occurrence.kind, actor=actor, now=now)
        notify(
            recipients=council_secretaries(council=assignment.council, day=now.date()),
            key=f"assignment:{assignment.pk}:report:{report.version}",
            message="assignment.periodic_report",
            params={"assignment": assignment_params(assignment), "text": text.strip()[:500]},
            now=now,
            council=assignment.council,
            url=assignment.get_absolute_url(),
        )
        audit(
            actor=actor,
            verb=AuditVerb.ASSIGNMENT_REPORT,
            subject=assignment,
            council=assignment.council,
            at=now,
            late=report.late,
            occurrence=occurrence.due_date.isoformat(),
        )
    return report


@transaction.atomic
def report_analyse(*, actor, assignment, accept, now, remarks="", certificate=""):
    """The secretary analyses the report (R-000-11d): accepts it and proposes removal from control with
    the certificate of results (R-003-18), or returns it with remarks to be reworked within 3 days."""
    assignment = _lock(assignment)
    if not allowed(actor, "protocols.analyse_execution", assignment, day=now.date()):
        raise PermissionDenied(_("The secretary analyses execution reports."))
    if not assignment.responsible:
        raise ValidationError(_("Co-executors' parts go to the responsible body, not to the secretary."))
    if accept and not certificate.strip():
        raise ValidationError({"certificate": _("Write the certificate of results for removal from control.")})
    if not accept and not remarks.strip():
        raise ValidationError({"remarks": _("Write what must be reworked.")})
    to = Assignment.Status.PROPOSED if accept else Assignment.Status.RETURNED
    move(
        assignment,
        to,
        actor=actor,
        now=now,
        comment=(certificate if accept else remarks).strip(),
        council=assignment.council,
    )
    if accept:
        assignment.certificate = certificate.strip()
        assignment.save(update_fields=["status", "certificate"])
        notify(
            recipients=council_chairs(council=assignment.council, day=now.date()),
            key=f"assignment:{assignment.pk}:proposed:{assignment.steps.count()}",
            message="assignment.removal_proposed",
            params={"assignment": assignment_params(assignment), "certificate": certificate.strip()},
            now=now,
            council=assignment.council,
            url=assignment.get_absolute_url(),
        )
    else:
        assignment.save(update_fields=["status"])
        _returned(assignment, actor=actor, now=now, remarks=remarks)
    return assignment


def _returned(assignment, *, actor, now, remarks):
    returns = assignment.steps.filter(to_status=Assignment.Status.RETURNED).count()
    resubmit = council_rule_date(assignment.council, "R-000-11d.resubmit", now.date())
    deadline_open(
        council=assignment.council,
        subject=assignment,
        kind=f"execution-return-{returns}",
        rule_id="R-000-11d.resubmit",
        anchor=now.date(),
        due_date=max(resubmit, assignment.due_date),
        now=now,
        actor=actor,
        responsible_body=assignment.body,
        title=bilingual(_("Rework of the execution report: %(what)s"), what=str(assignment)),
    )
    notify(
        recipients=body_employees(council=assignment.council, body=assignment.body, day=now.date()),
        key=f"assignment:{assignment.pk}:returned:{returns}",
        message="assignment.report_returned",
        params={"assignment": assignment_params(assignment), "remarks": remarks.strip()},
        now=now,
        council=assignment.council,
        url=assignment.get_absolute_url(),
    )


@transaction.atomic
def removal_decide(*, actor, assignment, remove, now, comment=""):
    """The chair removes the decision from control, with the report and the certificate of results
    (R-003-18), or returns it. Removal closes the co-executors' parts too."""
    assignment = _lock(assignment)
    if not allowed(actor, "protocols.chair_control", assignment, day=now.date()):
        raise PermissionDenied(_("Only the chair removes decisions from control."))
    if not remove and not comment.strip():
        raise ValidationError({"comment": _("Write why it stays under control.")})
    if not remove:
        move(
            assignment,
            Assignment.Status.RETURNED,
            actor=actor,
            now=now,
            comment=comment.strip(),
            council=assignment.council,
        )
        assignment.save(update_fields=["status"])
        _returned(assignment, actor=actor, now=now, remarks=comment)
        return assignment
    move(
        assignment, Assignment.Status.REMOVED, actor=actor, now=now, comment=comment.strip(), council=assignment.council
    )
    _close(assignment, now)
    assignment.save(update_fields=["status", "closed_at", "on_time"])
    return assignment


def close_parts(assignment, *, actor, now):
    """``Assignment.CASCADES``: the co-executors' parts of a decision removed from control are closed with
    it, whatever stage they are at; they follow the responsible assignment and take no step of their own."""
    if not assignment.decision_id:
        return  # a check of a citizen's question has no co-executors
    for part in Assignment.objects.filter(decision_id=assignment.decision_id, responsible=False).exclude(
        status__in=Assignment.CLOSED
    ):
        _close(part, now)
        part.status = Assignment.Status.REMOVED
        part.save(update_fields=["status", "closed_at", "on_time"])
        for d in deadlines_of(part).filter(state__in=Deadline.ACTIVE_STATES):
            deadline_close_for(subject=part, kind=d.kind, actor=actor, now=now)


def _close(assignment, now):
    """Executed on time when the first report (before any return) or the last accepted one came in by
    the deadline in force."""
    first = assignment.reports.order_by("version").first()
    assignment.closed_at = now
    assignment.on_time = bool(first) and timezone.localtime(first.submitted_at).date() <= assignment.due_date


# Extensions (R-003-19) ---------------------------------------------------------------------------------


def extension_last_day(assignment):
    """An extension is requested at least 3 working days before the deadline (R-003-19)."""
    return council_rule_date(assignment.council, "R-003-19.extension", assignment.due_date)


@transaction.atomic
def extension_request(*, actor, assignment, new_due_date, reason, now):
    assignment = _lock(assignment)
    day = timezone.localtime(now).date()
    if not (assignment.responsible and is_body_employee(actor, assignment, day)):
        raise PermissionDenied(_("The responsible body's secretariat employee requests an extension."))
    if assignment.status not in Assignment.OPEN:
        raise ValidationError(_("Only a decision in work is extended."))
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Give the reason for the extension.")
    if new_due_date <= assignment.due_date:
        errors["new_due_date"] = _("The new deadline comes after the current one.")
    last = extension_last_day(assignment)
    if day > last:
        errors["new_due_date"] = _(
            "An extension is requested at least 3 working days before the deadline, by %(date)s (R-003-19)."
        ) % {"date": last.strftime("%d.%m.%Y")}
    if errors:
        raise ValidationError(errors)
    if assignment.extensions.filter(status=Extension.Status.REQUESTED).exists():
        raise ValidationError(_("An extension request is already waiting for the chair."))
    extension = Extension.objects.create(
        assignment=assignment,
        reason=reason.strip(),
        old_due_date=assignment.due_date,
        new_due_date=new_due_date,
        requested_by=actor,
        requested_at=now,
    )
    notify(
        recipients=council_chairs(council=assignment.council, day=day),
        key=f"extension:{extension.pk}",
        message="extension.requested",
        params={"assignment": assignment_params(assignment), "reason": reason.strip()},
        now=now,
        council=assignment.council,
        url=assignment.get_absolute_url(),
    )
    audit(actor=actor, verb=AuditVerb.EXTENSION_REQUEST, subject=assignment, council=assignment.council, at=now)
    return extension


@transaction.atomic
def extension_decide(*, actor, extension, approve, now, comment=""):
    """The chair approves the new deadline (the execution deadline and the co-executors' parts move with
    it, a periodic assignment's report dates follow it, R-003-47; each change is recorded) or declines with
    a reason."""
    extension = Extension.objects.select_for_update().select_related("assignment__council").get(pk=extension.pk)
    assignment = _lock(extension.assignment)
    if not allowed(actor, "protocols.chair_control", assignment, day=now.date()):
        raise PermissionDenied(_("Only the chair decides on extensions."))
    if extension.status != Extension.Status.REQUESTED:
        raise ValidationError(_("This request is decided already."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Give the reason for declining.")})
    move(
        extension,
        Extension.Status.APPROVED if approve else Extension.Status.DECLINED,
        actor=actor,
        now=now,
        comment=comment.strip(),
        council=assignment.council,
        subject=assignment,
    )
    extension.decided_by, extension.decided_at, extension.comment = actor, now, comment.strip()
    extension.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    if approve:
        reason = f"R-003-19: {extension.reason}"
        assignment.due_date = extension.new_due_date
        assignment.save(update_fields=["due_date"])
        _move_deadlines(assignment, extension.new_due_date, actor=actor, now=now, reason=reason)
        occurrences_follow(assignment, actor=actor, now=now, reason=reason)  # R-003-47
        part_due = part_due_date(assignment.council, extension.new_due_date)
        for part in Assignment.objects.filter(decision_id=assignment.decision_id, responsible=False):
            part.due_date = part_due
            part.save(update_fields=["due_date"])
            _move_deadlines(part, part_due, actor=actor, now=now, reason=reason)
    notify(
        recipients=body_employees(council=assignment.council, body=assignment.body, day=now.date()),
        key=f"extension:{extension.pk}:{extension.status}",
        message="extension.decided",
        params={"assignment": assignment_params(assignment), "approved": approve, "comment": comment.strip()},
        now=now,
        council=assignment.council,
        url=assignment.get_absolute_url(),
    )
    return extension


def _move_deadlines(assignment, due, *, actor, now, reason):
    for d in deadlines_of(assignment).filter(
        state__in=Deadline.ACTIVE_STATES, kind__in=["execution", "execution-part"]
    ):
        deadline_reschedule(deadline=d, anchor=due, due_date=due, actor=actor, reason=reason, now=now)


# The report to the chair (R-000-6, R-000-11d) --------------------------------------------------------


@dataclasses.dataclass
class ExecutionSummary:
    on_time: list
    late: list
    overdue: list
    in_work: list
    extended: list

    @property
    def total(self):
        return len(self.on_time) + len(self.late) + len(self.overdue) + len(self.in_work)


def execution_summary(*, councils, start: datetime.date, end: datetime.date, today: datetime.date) -> ExecutionSummary:
    """The responsible bodies' assignments due in the period: executed on time, late, overdue (not removed
    from control and past the deadline), still in work; and those whose deadline was extended."""
    rows = list(
        Assignment.objects.filter(council__in=councils, responsible=True, due_date__range=(start, end))
        .select_related(
            "body",
            "decision__item__protocol__meeting",
            "council",
            "question_check__question",
            "question_check__protocol",
        )
        .order_by("due_date", "id")
    )
    summary = ExecutionSummary([], [], [], [], [])
    for a in rows:
        if a.status == Assignment.Status.CANCELLED:
            continue
        if a.status == Assignment.Status.REMOVED:
            (summary.on_time if a.on_time else summary.late).append(a)
        elif a.due_date < today:
            summary.overdue.append(a)
        else:
            summary.in_work.append(a)
        if a.extended:
            summary.extended.append(a)
    return summary


def report_period(today: datetime.date, previous_end: datetime.date | None = None):
    """The default period of the report to the chair (R-000-6, R-000-11d): the last full quarter before
    ``today``; after a previous report, from the day after its end, to the end of that quarter or, when
    the previous report already covered it, to ``today``."""
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last_end = quarter_start - datetime.timedelta(days=1)
    last_start = datetime.date(last_end.year, last_end.month - 2, 1)
    if previous_end is None:
        return last_start, last_end
    start = previous_end + datetime.timedelta(days=1)
    end = last_end if start <= last_end else today
    return min(start, end), end
