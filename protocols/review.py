"""The quarterly review of assignments (R-003-49): a deadline of the secretary each quarter, the list of the
open assignments, and their cancellation with a reason, the executors told at once."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import (
    council_profile,
    current_calendar,
    deadline_close_for,
    deadline_open,
    deadline_waive,
)
from council.models import AuditVerb, Council, Deadline
from council.notify import bilingual, notify
from council.rules import allowed
from council.selectors import body_employees, deadlines_of
from council.services import audit
from council.workflow import move

from .models import Assignment, ControlReview

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
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason why the assignment lost relevance (R-003-49).")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("The reason is at most 2000 characters.")})
    related = [assignment]
    if assignment.responsible:
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
            render=lambda a=a: (_("Cancelled: %(what)s") % {"what": str(a)}, reason),
            now=now,
            council=a.council,
            url=a.get_absolute_url(),
        )
    return assignment
