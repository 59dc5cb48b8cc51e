"""What of the territorial councils awaits people in "My work" (``council.worklist``)."""

from django.utils.translation import gettext as _

from council.rules import councils_allowing
from council.worklist import WorkItem

from .models import Approval


def approval_work(*, user, day):
    """The republic chair approves territorial councils' regulations and composition (R-000-6). One query."""
    chair = councils_allowing(user, "territorial.decide", day=day)
    approvals = Approval.objects.filter(council__parent_id__in=chair, status=Approval.Status.SUBMITTED)
    for a in approvals.select_related("council").order_by("created_at"):
        yield WorkItem(
            council=a.council,
            what=_("%(what)s of %(council)s awaits your approval")
            % {"what": a.get_kind_display().capitalize(), "council": a.council.short_name},
            action=_("Approve or return"),
            url=a.get_absolute_url(),
            group="approvals",
        )
