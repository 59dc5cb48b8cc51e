"""Control of an approved plan's items as deadline rows (R-001-2, R-003-18).

- R-001-2: a plan item's own deadline is controlled: a row due on the item's deadline, met when its results
  are reported.
- R-003-18: the results are reported to whoever approved the plan by the 25th of the planned month; the
  report with the resolution, the certificate of results and the draft documents reach the apparatus by
  the 30th of the planned month (removal from control); the results are acted on within 10 working days of
  the resolution.

Which rows a council gets is its profile's: the rules it lists. A decision of this system: the "planned
month" is the item's month, or, where the plan gives only a deadline, the deadline's month.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import (
    council_profile,
    deadline_close_for,
    deadline_open,
    deadline_reschedule,
    deadline_waive,
)
from council.models import AuditVerb, Deadline
from council.notify import bilingual
from council.rules import allowed
from council.selectors import deadlines_of
from council.services import audit

from .models import Plan, PlanItem

KIND_OWN, KIND_RESULTS, KIND_REMOVAL, KIND_ACTION = (
    "plan-item",
    "plan-item-results",
    "plan-item-removal",
    "plan-item-action",
)
STEPS = ("results", "resolution", "removal", "acted")


def planned_month(item):
    """The first day of the item's planned month (its month, or its deadline's), or None."""
    if item.planned_month:
        start = item.plan.start
        year = start.year + (item.planned_month < start.month)
        return datetime.date(year, item.planned_month, 1)
    return item.deadline.replace(day=1) if item.deadline else None


def _listed(council, rule_id):
    return rule_id in council_profile(council).rules


def item_deadlines_open(*, item, actor, now):
    """The rows of an item of an approved plan, as its council's profile provides (idempotent)."""
    council = item.plan.council
    number = item.number
    if item.deadline and _listed(council, "R-001-2"):
        deadline_open(
            council=council,
            subject=item,
            kind=KIND_OWN,
            rule_id="R-001-2",
            anchor=item.deadline,
            due_date=item.deadline,
            now=now,
            actor=actor,
            responsible_body=item.responsible_body,
            title=bilingual(_("Plan item %(number)s carried out"), number=number),
        )
    month = planned_month(item)
    if month and _listed(council, "R-003-18"):
        deadline_open(
            council=council,
            subject=item,
            kind=KIND_RESULTS,
            rule_id="R-003-18",
            anchor=month,
            now=now,
            actor=actor,
            responsible_body=item.responsible_body,
            title=bilingual(_("Results of plan item %(number)s reported to whoever approved the plan"), number=number),
        )
    if month and _listed(council, "R-003-18.removal"):
        deadline_open(
            council=council,
            subject=item,
            kind=KIND_REMOVAL,
            rule_id="R-003-18.removal",
            anchor=month,
            now=now,
            actor=actor,
            responsible_body=item.responsible_body,
            title=bilingual(_("Plan item %(number)s: documents for removal from control"), number=number),
        )


def plan_deadlines_open(*, plan, actor, now):
    for item in plan.items.select_related("plan__council", "responsible_body"):
        item_deadlines_open(item=item, actor=actor, now=now)


def _active(item, kind):
    return deadlines_of(item).filter(kind=kind, state__in=Deadline.ACTIVE_STATES).first()


def item_deadlines_follow(*, item, actor, now, reason):
    """After a correction of the item (R-003-19): its rows follow its new deadline and month."""
    own = _active(item, KIND_OWN)
    if own and item.deadline and own.due_date != item.deadline:
        deadline_reschedule(
            deadline=own, anchor=item.deadline, due_date=item.deadline, actor=actor, reason=reason, now=now
        )
    month = planned_month(item)
    for kind in (KIND_RESULTS, KIND_REMOVAL):
        row = _active(item, kind)
        if row and month and row.anchor_date != month:
            deadline_reschedule(deadline=row, anchor=month, actor=actor, reason=reason, now=now)
    item_deadlines_open(item=item, actor=actor, now=now)


def item_deadlines_waive(*, item, actor, now, reason):
    """The item is removed from the plan: its rows are waived with the correction's reason."""
    for row in deadlines_of(item).filter(state__in=Deadline.ACTIVE_STATES):
        deadline_waive(deadline=row, actor=actor, reason=reason, now=now)


@transaction.atomic
def plan_item_control(*, actor, item, step, now, note="", resolution_date=None):
    """One step of an approved plan item's control (R-001-2, R-003-18): ``results`` reported to whoever
    approved the plan; the ``resolution`` on that report, dated; the ``removal`` package with the certificate
    of results; the results ``acted`` on. Each closes its row; the resolution opens the 10 working days."""
    item = PlanItem.objects.select_for_update().select_related("plan__council").get(pk=item.pk)
    council, day = item.plan.council, now.date()
    if not allowed(actor, "plans.control_item", council, day=day):
        raise PermissionDenied(_("Only the secretary keeps the plan's items under control."))
    if item.plan.status != Plan.Status.APPROVED:
        raise ValidationError(_("Only the items of an approved plan are under control."))
    note = (note or "").strip()
    if step == "results":
        if not note:
            raise ValidationError({"note": _("Write what the results are.")})
        item.results_reported_at, item.results_note = now, note
        deadline_close_for(subject=item, kind=KIND_RESULTS, actor=actor, now=now)
        deadline_close_for(subject=item, kind=KIND_OWN, actor=actor, now=now)
    elif step == "resolution":
        if item.results_reported_at is None:
            raise ValidationError(_("The resolution is given on the reported results: report them first."))
        if resolution_date is None or resolution_date > day:
            raise ValidationError({"resolution_date": _("Give the date of the resolution, today or earlier.")})
        item.resolution_date = resolution_date
        if _listed(council, "R-003-18.action"):
            deadline_open(
                council=council,
                subject=item,
                kind=KIND_ACTION,
                rule_id="R-003-18.action",
                anchor=resolution_date,
                now=now,
                actor=actor,
                responsible_body=item.responsible_body,
                title=bilingual(_("Results of plan item %(number)s acted on after the resolution"), number=item.number),
            )
    elif step == "removal":
        if item.resolution_date is None:
            raise ValidationError(
                _("Removal from control needs the report with the resolution (R-003-18): record the resolution first.")
            )
        if not note:
            raise ValidationError({"note": _("Give the certificate of results (R-003-18).")})
        item.removal_submitted_at, item.certificate = now, note
        deadline_close_for(subject=item, kind=KIND_REMOVAL, actor=actor, now=now)
    elif step == "acted":
        if item.resolution_date is None:
            raise ValidationError(_("Results are acted on after the resolution: record the resolution first."))
        item.acted_at = now
        deadline_close_for(subject=item, kind=KIND_ACTION, actor=actor, now=now)
    else:
        raise ValidationError(_("Unknown step of the control."))
    item.save(
        update_fields=[
            "results_reported_at",
            "results_note",
            "resolution_date",
            "removal_submitted_at",
            "certificate",
            "acted_at",
        ]
    )
    audit(actor=actor, verb=AuditVerb.PLAN_ITEM_CONTROL, subject=item, council=council, at=now, step=step)
    return item
