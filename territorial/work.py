"""What of the territorial councils awaits people in "My work" (``council.worklist``)."""

from django.utils.translation import gettext as _

from council.rules import councils_allowing
from council.worklist import WorkItem, earliest

from .models import Approval


def approval_work(*, user, day, limit=None):
    """The republic chair approves territorial councils' regulations and composition (R-000-6). One query,
    none for whoever chairs no council."""
    chair = councils_allowing(user, "territorial.decide", day=day)
    if not chair:
        return
    approvals = Approval.objects.filter(council__parent_id__in=chair, status=Approval.Status.SUBMITTED)
    for a in earliest(approvals.select_related("council"), None, limit):  # undated: the oldest first
        yield WorkItem(
            council=a.council,
            what=_("%(what)s of %(council)s awaits your approval")
            % {"what": a.get_kind_display().capitalize(), "council": a.council.short_name},
            action=_("Approve or return"),
            url=a.get_absolute_url(),
            group="approvals",
        )
