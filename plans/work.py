"""What of the plans awaits people in "My work" (``council.worklist``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from council.rules import councils_allowing
from council.worklist import WorkItem, earliest

from .models import Plan, Proposal
from .models_analytics import UnplannedWork


def plan_work(*, user, day, limit=None):
    """The chair approves a submitted plan (R-000-6, R-000-9a); the secretary decides on members' proposals
    (R-000-9a). At most two queries, none for a role the person does not have."""
    chairs = councils_allowing(user, "plans.approve_plan", day=day)
    editors = councils_allowing(user, "plans.edit_plan", day=day)
    if chairs:
        plans = Plan.objects.filter(council_id__in=chairs, status=Plan.Status.SUBMITTED).select_related("council")
        for plan in earliest(plans, "start", limit):
            yield WorkItem(
                council=plan.council,
                what=_("The plan for %(period)s awaits your approval")
                % {"period": f"{plan.start:%d.%m.%Y}–{plan.end:%d.%m.%Y}"},
                action=_("Approve or return"),
                url=plan.get_absolute_url(),
                due_date=plan.start,
                group="approvals",
            )
    if editors:
        proposals = Proposal.objects.filter(council_id__in=editors, status=Proposal.Status.SUBMITTED)
        for p in earliest(proposals.select_related("council"), "period_start", limit):
            yield WorkItem(
                council=p.council,
                what=_("Proposal to the plan: %(question)s") % {"question": p.question},
                action=_("Accept or decline"),
                url=reverse("plans:proposal_list", args=[p.council.code]),
                due_date=p.period_start,
                group="checks",
            )


def unplanned_to_confirm(*, user, day, limit=None):
    """The secretary and the chair confirm the bases of unplanned work that analysts recorded (R-004-6,
    R-004-11): until then they open no material. One query, none for a person without the role; the analyst
    who recorded the work is not asked to confirm it."""
    councils = councils_allowing(user, "plans.confirm_unplanned", day=day)
    if not councils:
        return
    waiting = (
        UnplannedWork.objects.filter(
            council_id__in=councils, confirmed_at__isnull=True, status__in=UnplannedWork.OPEN_STATUSES
        )
        .exclude(created_by=user)
        .exclude(executor=user)
        .select_related("council")
    )
    # No term is set for the confirmation: the items come in the order they were recorded, none overdue.
    for work in earliest(waiting, None, limit):
        yield WorkItem(
            council=work.council,
            what=_("The basis of unplanned work № %(number)s of %(date)s awaits your confirmation")
            % {"number": work.number, "date": f"{work.date:%d.%m.%Y}"},
            action=_("Confirm the basis"),
            url=work.get_absolute_url(),
            group="checks",
        )
