"""What of the meetings awaits people in "My work" (``council.worklist``)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from council.models import localized
from council.rules import councils_allowing
from council.worklist import WorkItem, earliest

from .models import AgendaItem, Agreement, ExtraordinaryRequest, Meeting, Receipt


def _question(item):
    return f"{item.number}. {item.question}"


def meeting_work(*, user, day, limit=None):
    """The secretary checks submitted materials and reports to the chair (R-000-10c); the chair accepts or
    returns them, decides on extraordinary meetings (R-000-9e) and approves a complete agenda (R-000-10e); a
    member agrees the meeting (R-000-9f) and reads the documents once sent (R-000-10e). At most six queries,
    none for a role the person does not have."""
    secretary = councils_allowing(user, "secretariat.schedule_meeting", day=day)
    chair = councils_allowing(user, "secretariat.chair_decide", day=day)
    member = councils_allowing(user, "secretariat.answer_agreement", day=day)
    if secretary:
        yield from _secretary_work(secretary, day, limit)
    if chair:
        yield from _chair_work(chair, day, limit)
    if member:
        yield from _member_work(user, member, day, limit)


def _items(day):
    return AgendaItem.objects.select_related("meeting__council").filter(meeting__date__gte=day)


def _secretary_work(councils, day, limit):
    submitted = _items(day).filter(meeting__council_id__in=councils, status=AgendaItem.Status.SUBMITTED)
    for item in earliest(submitted, "meeting__date", limit):
        yield WorkItem(
            council=item.meeting.council,
            what=_("Materials arrived: %(question)s") % {"question": _question(item)},
            action=_("Check and report to the chair"),
            url=f"{item.meeting.get_absolute_url()}#item-{item.pk}",  # where the buttons are
            due_date=item.meeting.date,
            group="checks",
        )


def _chair_work(councils, day, limit):
    reported = _items(day).filter(meeting__council_id__in=councils, status=AgendaItem.Status.REPORTED)
    for item in earliest(reported, "meeting__date", limit):
        yield WorkItem(
            council=item.meeting.council,
            what=_("Materials checked by the secretary: %(question)s") % {"question": _question(item)},
            action=_("Accept or return for rework"),
            url=f"{item.meeting.get_absolute_url()}#item-{item.pk}",  # where the buttons are
            due_date=item.meeting.date,
            group="approvals",
        )
    ready = Meeting.objects.filter(council_id__in=councils, status=Meeting.Status.SCHEDULED, date__gte=day).filter(
        Exists(AgendaItem.objects.filter(meeting=OuterRef("pk"))),
        ~Exists(AgendaItem.objects.filter(meeting=OuterRef("pk")).exclude(status=AgendaItem.Status.ACCEPTED)),
    )
    for meeting in earliest(ready.select_related("council"), "date", limit):
        yield WorkItem(
            council=meeting.council,
            what=_("The agenda of the meeting of %(date)s is complete") % {"date": f"{meeting.date:%d.%m.%Y}"},
            action=_("Approve the agenda"),
            url=meeting.get_absolute_url(),
            due_date=meeting.date,
            group="approvals",
        )
    requests = ExtraordinaryRequest.objects.filter(
        council_id__in=councils, status=ExtraordinaryRequest.Status.REQUESTED
    )
    for req in earliest(requests.select_related("council"), "desired_date", limit):
        yield WorkItem(
            council=req.council,
            what=_("Request for an extraordinary meeting: %(question)s") % {"question": localized(req, "question")},
            action=_("Convene or decline"),
            url=reverse("secretariat:meeting_list", args=[req.council.code]),
            due_date=req.desired_date,
            group="approvals",
        )


def _member_work(user, councils, day, limit):
    meetings = Meeting.objects.filter(council_id__in=councils, date__gte=day).select_related("council")
    to_agree = meetings.filter(agree_by__gte=day, status=Meeting.Status.SCHEDULED).exclude(
        Exists(Agreement.objects.filter(meeting=OuterRef("pk"), person=user))
    )
    for meeting in earliest(to_agree, "agree_by", limit):
        yield WorkItem(
            council=meeting.council,
            what=_("Agree the date, place and agenda of the meeting of %(date)s")
            % {"date": f"{meeting.date:%d.%m.%Y}"},
            action=_("Agree or object"),
            url=meeting.get_absolute_url(),
            due_date=meeting.agree_by,
            group="agreements",
        )
    unread = meetings.filter(status=Meeting.Status.DISPATCHED).exclude(
        Exists(Receipt.objects.filter(meeting=OuterRef("pk"), person=user))
    )
    for meeting in earliest(unread, "date", limit):
        yield WorkItem(
            council=meeting.council,
            what=_("The agenda and documents of the meeting of %(date)s were sent to you")
            % {"date": f"{meeting.date:%d.%m.%Y}"},
            action=_("Read the documents"),
            url=meeting.get_absolute_url(),
            due_date=meeting.date,
            group="documents",
        )
