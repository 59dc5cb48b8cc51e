"""What of the protocols and their control awaits people in "My work" (``council.worklist``)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from council.rules import councils_allowing
from council.worklist import WorkItem, earliest

from .models import Assignment, Extension, Protocol, ProtocolAnswer, Signature


def _of_meeting(protocol):
    return {"date": f"{protocol.meeting.date:%d.%m.%Y}"}


def protocol_work(*, user, day, limit=None):
    """A member agrees the draft protocol (R-000-11b); the chair signs it (R-000-11a); the secretary checks
    execution reports (R-000-11d); the chair decides removal from control and extensions (R-000-11d,
    R-003-19). At most five queries, none for a role the person does not have."""
    member = councils_allowing(user, "secretariat.answer_agreement", day=day)
    chair = councils_allowing(user, "protocols.chair_control", day=day)
    secretary = councils_allowing(user, "protocols.analyse_execution", day=day)
    protocols = Protocol.objects.select_related("meeting", "council")
    assignments = Assignment.objects.select_related("council", "body")
    if member:
        to_answer = protocols.filter(council_id__in=member, status=Protocol.Status.AGREEMENT).exclude(
            Exists(ProtocolAnswer.objects.filter(protocol=OuterRef("pk"), version=OuterRef("version"), person=user))
        )
        for protocol in earliest(to_answer, "agree_by", limit):
            yield WorkItem(
                council=protocol.council,
                what=_("The draft protocol of the meeting of %(date)s awaits your agreement") % _of_meeting(protocol),
                action=_("Agree or send remarks"),
                url=protocol.get_absolute_url(),
                due_date=protocol.agree_by,
                group="agreements",
            )
    if chair:
        to_sign = protocols.filter(council_id__in=chair, status=Protocol.Status.FOR_SIGNATURE).exclude(
            Exists(Signature.objects.filter(protocol=OuterRef("pk"), person=user))
        )
        for protocol in earliest(to_sign, None, limit):
            yield WorkItem(
                council=protocol.council,
                what=_("The protocol of the meeting of %(date)s is presented for your signature")
                % _of_meeting(protocol),
                action=_("Sign"),
                url=protocol.get_absolute_url(),
                group="signatures",
            )
    if secretary:
        reported = assignments.filter(council_id__in=secretary, status=Assignment.Status.REPORTED)
        for a in earliest(reported, "due_date", limit):
            yield WorkItem(
                council=a.council,
                what=_("%(body)s reported on execution") % {"body": a.body.short_name},
                action=_("Check the report"),
                url=a.get_absolute_url(),
                due_date=a.due_date,
                group="checks",
            )
    if chair:
        proposed = assignments.filter(council_id__in=chair, status=Assignment.Status.PROPOSED)
        for a in earliest(proposed, "due_date", limit):
            yield WorkItem(
                council=a.council,
                what=_("Proposed for removal from control: the part of %(body)s") % {"body": a.body.short_name},
                action=_("Remove or return"),
                url=a.get_absolute_url(),
                due_date=a.due_date,
                group="approvals",
            )
        extensions = Extension.objects.select_related("assignment__council", "assignment__body").filter(
            assignment__council_id__in=chair, status=Extension.Status.REQUESTED
        )
        for e in earliest(extensions, "old_due_date", limit):
            yield WorkItem(
                council=e.assignment.council,
                what=_("%(body)s asks to extend the deadline to %(date)s")
                % {"body": e.assignment.body.short_name, "date": f"{e.new_due_date:%d.%m.%Y}"},
                action=_("Approve or decline"),
                url=reverse("protocols:assignment_detail", args=[e.assignment_id]),
                due_date=e.old_due_date,
                group="approvals",
            )
