"""Reads of the territorial app: approvals of a council, their steps, and what waits on the republic."""

from datetime import date

from council.models import Council
from council.rules import allowed

from .models import Approval


def approvals_of(*, council: Council):
    """A territorial council's approvals, newest first."""
    return council.approvals.select_related("created_by", "decided_by").order_by("-created_at")


def approval_steps(*, approval: Approval):
    return approval.steps.select_related("actor", "approval")


def approvals_awaiting(*, user, day: date):
    """Submitted approvals of the councils under those whose decisions the user keeps (R-000-6, R-000-14)."""
    parents = [
        c
        for c in Council.objects.filter(children__isnull=False).distinct()
        if allowed(user, "territorial.see_awaiting", c, day=day)
    ]
    return (
        Approval.objects.filter(council__parent__in=parents, status=Approval.Status.SUBMITTED)
        .select_related("council", "created_by")
        .order_by("created_at")
    )
