"""The quarterly review of assignments (R-003-49): a deadline of the secretary each quarter, the list of the
open assignments, and their cancellation with a reason, the executors told at once."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadline_services import (
    council_profile,
    council_rule_date,
    current_calendar,
    deadline_close_for,
    deadline_open,
    deadline_waive,
)
from council.models import AuditVerb, Council, Deadline
from council.notify import bilingual, notify
from council.rules import allowed
from council.selectors import body_employees, council_bodies, deadlines_of
from council.services import audit
from council.workflow import move

from .messages import assignment_params
from .models import Assignment, ControlReview, OralInstruction

KIND = "control-review"


def quarter_bounds(day):
    start = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    month = start.month + 3
    end = datetime.date(start.year + (month > 12), (month - 1) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


@transaction.atomic
def control_reviews_open(*, today, now):
    """Each council whose profile lists R-003-49 gets the review of the quarter containing ``today``, due on
    the quarter's last working day (idempotent)."""
    start, end = quarter_bounds(today)
    due = current_calendar().previous_working_day(end)
    opened = []
    for council in Council.objects.filter(is_active=True).select_related("profile"):
        if "R-003-49" not in council_profile(council).rules:
            continue
        review, created = ControlReview.objects.get_or_create(
            council=council, quarter_start=start, defaults={"created_at": now}
        )
        deadline_open(
            council=council,
            subject=review,
            kind=KIND,
            rule_id="R-003-49",
            anchor=end,
            due_date=due,
            now=now,
            title=bilingual(
                _("Quarterly review of the assignments under control, quarter %(q)s of %(y)s"),
                q=(start.month - 1) // 3 + 1,
                y=start.year,
            ),
        )
        if created:
            opened.append(review)
    return opened


def open_assignments(council):
    return (
        Assignment.objects.filter(council=council, responsible=True)
        .exclude(status__in=Assignment.CLOSED)
        .select_related("body", "decision__item__protocol")
        .order_by("due_date", "id")
    )


@transaction.atomic
def control_review_done(*, actor, review, now):
    review = ControlReview.objects.select_for_update().select_related("council").get(pk=review.pk)
    if not allowed(actor, "protocols.analyse_execution", review.council, day=now.date()):
        raise PermissionDenied(_("The secretary reviews the assignments under control."))
    if review.reviewed_at is not None:
        raise ValidationError(_("This quarter's review is done already."))
    review.reviewed_at, review.reviewed_by = now, actor
    review.save(update_fields=["reviewed_at", "reviewed_by"])
    deadline_close_for(subject=review, kind=KIND, actor=actor, now=now)
    audit(actor=actor, verb=AuditVerb.CONTROL_REVIEW, subject=review, council=review.council, at=now)
    return review


@transaction.atomic
def assignment_cancel(*, actor, assignment, reason, now):
    """R-003-49: an assignment that lost relevance is cancelled with its reason; it and its co-executors'
    parts leave control, their deadlines are waived, and every executor is told at once."""
    assignment = Assignment.objects.select_for_update().select_related("council", "body").get(pk=assignment.pk)
    if not allowed(actor, "protocols.analyse_execution", assignment, day=now.date()):
        raise PermissionDenied(_("The secretary cancels assignments that lost relevance."))
    if assignment.question_check_id:  # R-002-16: a check ends only with its result, recorded on the question's page
        raise ValidationError(_("The result of a check is recorded on the citizen's question's page (R-002-16)."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason why the assignment lost relevance (R-003-49).")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("The reason is at most 2000 characters.")})
    related = [assignment]
    if assignment.responsible and assignment.decision_id:
        related += list(
            Assignment.objects.filter(decision_id=assignment.decision_id, responsible=False)
            .exclude(status__in=Assignment.CLOSED)
            .select_related("council", "body")
        )
    for a in related:
        move(a, Assignment.Status.CANCELLED, actor=actor, now=now, comment=reason, council=a.council)
        a.closed_at, a.cancel_reason = now, reason
        a.save(update_fields=["status", "closed_at", "cancel_reason"])
        for d in deadlines_of(a).filter(state__in=Deadline.ACTIVE_STATES):
            deadline_waive(deadline=d, actor=actor, reason=f"R-003-49: {reason}", now=now)
        notify(
            recipients=body_employees(council=a.council, body=a.body, day=now.date()),
            key=f"assignment:{a.pk}:cancelled",
            message="assignment.cancelled",
            params={"assignment": assignment_params(a), "reason": reason},
            now=now,
            council=a.council,
            url=a.get_absolute_url(),
        )
    return assignment


# Urgent oral instructions (R-003-44) --------------------------------------------------------------------


@transaction.atomic
def oral_instruction_record(*, actor, council, given_by, given_at, body, text, now):
    """R-003-44: an urgent oral instruction is entered by the end of the working day it was given (the next
    working day when given on a day off); the entry is a deadline row, met, or met late and marked."""

    if not allowed(actor, "protocols.record_oral_instruction", council, day=now.date()):
        raise PermissionDenied(_("The secretary enters oral instructions."))
    given_by, text = (given_by or "").strip(), (text or "").strip()
    errors = {}
    if not given_by:
        errors["given_by"] = _("Say who gave the instruction.")
    elif len(given_by) > 300:
        errors["given_by"] = _("At most 300 characters.")
    if not text:
        errors["text"] = _("Write the instruction.")
    if given_at is None or given_at > now:
        errors["given_at"] = _("Give the time the instruction was given, not later than now.")
    if body is None or not council_bodies(council).filter(pk=body.pk).exists():
        errors["body"] = _("Choose the body of this council the instruction is for.")
    if errors:
        raise ValidationError(errors)
    given_day = timezone.localtime(given_at).date()
    due = council_rule_date(council, "R-003-44", given_day)
    instruction = OralInstruction.objects.create(
        council=council,
        given_by=given_by,
        given_at=given_at,
        body=body,
        text=text,
        entered_by=actor,
        entered_at=now,
        entered_late=timezone.localtime(now).date() > due,
    )
    deadline = deadline_open(
        council=council,
        subject=instruction,
        kind="oral-instruction",
        rule_id="R-003-44",
        anchor=given_day,
        now=now,
        actor=actor,
        title=bilingual(_("Oral instruction of %(who)s entered"), who=given_by[:100]),
    )
    deadline_close_for(subject=instruction, kind="oral-instruction", actor=actor, now=now)
    notify(
        recipients=body_employees(council=council, body=body, day=now.date()),
        key=f"oral-instruction:{instruction.pk}",
        message="oral_instruction",
        params={"who": given_by, "text": text[:500]},
        now=now,
        council=council,
        url=instruction.get_absolute_url(),
    )
    audit(
        actor=actor,
        verb=AuditVerb.ORAL_INSTRUCTION,
        subject=instruction,
        council=council,
        at=now,
        due=deadline.due_date.isoformat(),
    )
    return instruction
