"""Reads of plans used by other pages."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Plan, PlanItem
from .services import proposals_due


def items_for_meeting(*, council, day: datetime.date):
    """Items of the council's approved plans planned for a meeting on ``day``: those dated for that day,
    and those planned for its quarter or month without a date. Scheduling a meeting offers them."""
    quarter = (day.month - 1) // 3 + 1
    return (
        PlanItem.objects.filter(
            plan__council=council, plan__status=Plan.Status.APPROVED, plan__start__lte=day, plan__end__gte=day
        )
        .filter(
            Q(planned_meeting=day)
            | Q(planned_meeting__isnull=True, planned_month=day.month)
            | Q(planned_meeting__isnull=True, planned_month__isnull=True, planned_quarter=quarter)
        )
        .select_related("responsible_body", "plan")
        .prefetch_related("co_executor_links__body")
        .order_by("plan__start", "number")
    )


def plan_deadlines_passed(*, council, start, period, today):
    """What of a plan for the period beginning ``start`` is late already on ``today``: the members'
    proposals (R-000-9a.proposals, R-003-12.*, R-004-5, by the profile) and the period itself when it has
    begun. Each as (what, rule id, due date); shown before the plan is created."""

    rows = []
    rule_id, due = proposals_due(council, period, start)
    if rule_id and due < today:
        rows.append((_("Members' proposals to the plan"), rule_id, due))
    if start <= today:
        rows.append((_("The plan's period has begun"), "", start))
    return rows
