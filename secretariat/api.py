"""The read API's Meeting, AgendaItem and Location, and the materials of the questions as Paper and File.

A meeting is read by whoever opens its page (``secretariat.view_meeting``); the materials by whoever reads
the meeting's documents (``secretariat.view_documents``: members once the agenda is sent, R-000-10e). A
council whose profile publishes its schedule (R-002-8) shows its meetings' time and place to anyone, and
nothing more."""

import datetime

from django.urls import path, reverse
from django.utils import timezone
from rest_framework.response import Response

from council.api.base import (
    VENDOR,
    OParlView,
    absolute,
    check,
    clean,
    common,
    council_for_list,
    is_public,
    lacking,
    one_or_404,
    paginated,
    stamp,
    with_history_times,
)
from council.rules import allowed

from .models import AgendaItem, Material, Meeting


def _start(meeting):
    if meeting.time is None:
        return None
    return stamp(timezone.make_aware(datetime.datetime.combine(meeting.date, meeting.time)))


def location_json(request, meeting):
    return clean(
        {
            **common(request, meeting, "Location", "oparl-location", meeting.pk),
            "description": meeting.place or None,
            "meetings": [absolute(request, "oparl-meeting", meeting.pk)],
            f"{VENDOR}:description_kk": meeting.place_kk or None,
            f"{VENDOR}:description_ru": meeting.place_ru or None,
            f"{VENDOR}:online": meeting.online,
        }
    )


def agenda_item_json(request, item):
    return clean(
        {
            **common(request, item, "AgendaItem", "oparl-agenda-item", item.pk),
            "meeting": absolute(request, "oparl-meeting", item.meeting_id),
            "number": str(item.number),
            "order": item.number,
            "name": item.question,
            "public": False,
            "web": request.build_absolute_uri(reverse("secretariat:meeting_detail", args=[item.meeting_id]))
            + f"#item-{item.number}",
            f"{VENDOR}:name_kk": item.question_kk or None,
            f"{VENDOR}:name_ru": item.question_ru or None,
            f"{VENDOR}:status": item.status,
            f"{VENDOR}:responsibleOrganization": absolute(
                request, "oparl-organization-body", item.meeting.council_id, item.responsible_body_id
            )
            if item.responsible_body_id
            else None,
        }
    )


def meeting_json(request, meeting, *, full):
    """The meeting; ``full`` for those who open its page, else only the public schedule (R-002-8)."""
    data = {
        **common(request, meeting, "Meeting", "oparl-meeting", meeting.pk),
        "name": f"{meeting.get_kind_display()} {meeting.date:%d.%m.%Y}",
        "meetingState": meeting.get_status_display(),
        "cancelled": meeting.status == Meeting.Status.CANCELLED,
        "start": _start(meeting),
        "organization": [absolute(request, "oparl-organization", meeting.council_id)],
        f"{VENDOR}:date": meeting.date.isoformat(),
        f"{VENDOR}:status": meeting.status,
    }
    if meeting.place or meeting.online:
        data["location"] = location_json(request, meeting)
    if full:
        data["web"] = request.build_absolute_uri(meeting.get_absolute_url())
        items = with_history_times(meeting.items.all()).select_related("meeting").order_by("number")
        data["agendaItem"] = [agenda_item_json(request, item) for item in items]
    return clean(data)


def material_file_json(request, material):
    item, meeting = material.item, material.item.meeting
    url = absolute(request, "secretariat:material_download", material.pk)
    return clean(
        {
            **common(request, material, "File", "oparl-file-material", material.pk),
            "name": material.original_name,
            "fileName": material.original_name,
            "mimeType": material.content_type,
            "date": timezone.localtime(material.submitted_at).date().isoformat(),
            "size": material.size,
            "accessUrl": url,
            "downloadUrl": url,
            "paper": [absolute(request, "oparl-paper-material", material.pk)],
            "agendaItem": [absolute(request, "oparl-agenda-item", item.pk)],
            "meeting": [absolute(request, "oparl-meeting", meeting.pk)],
            # OParl has sha1Checksum and sha512Checksum only; the stored SHA-256 goes in a vendor field.
            f"{VENDOR}:sha256Checksum": material.sha256,
        }
    )


def material_paper_json(request, material):
    item = material.item
    return clean(
        {
            **common(request, material, "Paper", "oparl-paper-material", material.pk),
            "body": absolute(request, "oparl-body", item.meeting.council_id),
            "name": f"{item.number}. {item.question}: {material.get_kind_display()}",
            "reference": f"{item.meeting.date:%d.%m.%Y}/{item.number}/{material.kind}/v{material.version}",
            "date": timezone.localtime(material.submitted_at).date().isoformat(),
            "paperType": material.get_kind_display(),
            "mainFile": material_file_json(request, material),
            "originatorOrganization": [
                absolute(request, "oparl-organization-body", item.meeting.council_id, material.body_id)
            ],
            "web": request.build_absolute_uri(reverse("secretariat:item_materials", args=[item.pk])),
            f"{VENDOR}:agendaItem": absolute(request, "oparl-agenda-item", item.pk),
            f"{VENDOR}:late": material.late,
        }
    )


def materials_of(request, council, day):
    """The council's materials the reader may read, narrowed as the question's page is: before the agenda
    is sent only those who prepare the documents read them (R-000-10e)."""
    qs = Material.objects.filter(item__meeting__council=council).select_related("item__meeting")
    if lacking(request, [council], "secretariat.read_documents_early", day):
        qs = qs.filter(item__meeting__status__in=Meeting.DOCUMENTS_RELEASED)
    return with_history_times(qs, created="submitted_at", modified="submitted_at")


def material_or_404(request, pk, day):
    material = one_or_404(
        with_history_times(
            Material.objects.filter(pk=pk).select_related("item__meeting__council"),
            created="submitted_at",
            modified="submitted_at",
        )
    )
    check(request, "secretariat.view_documents", material.item.meeting, day)
    return material


def _meetings(council):
    return with_history_times(Meeting.objects.filter(council=council))


class MeetingList(OParlView):
    def get(self, request, pk):
        council, opens = council_for_list(request, pk, self.day)
        return paginated(request, [(_meetings(council), lambda m: meeting_json(request, m, full=opens))])


def _meeting_for(request, pk, day):
    """The meeting and whether the reader sees all of it; 404 unless its page opens or it is public."""
    meeting = one_or_404(_meetings_by_pk(pk))
    if allowed(request.user, "secretariat.view_meeting", meeting, day=day):
        return meeting, True
    if is_public(meeting.council):
        return meeting, False
    return check(request, "secretariat.view_meeting", meeting, day), True


def _meetings_by_pk(pk):
    return with_history_times(Meeting.objects.filter(pk=pk, council__is_active=True)).select_related("council__profile")


class MeetingDetail(OParlView):
    def get(self, request, pk):
        meeting, full = _meeting_for(request, pk, self.day)
        return Response(meeting_json(request, meeting, full=full))


class LocationList(OParlView):
    def get(self, request, pk):
        council, _opens = council_for_list(request, pk, self.day)
        qs = _meetings(council).exclude(place_ru="", place_kk="", online=False)
        return paginated(request, [(qs, lambda m: location_json(request, m))])


class LocationDetail(OParlView):
    def get(self, request, pk):
        meeting, _full = _meeting_for(request, pk, self.day)
        return Response(location_json(request, meeting))


class AgendaItemList(OParlView):
    def get(self, request, pk):
        council, opens = council_for_list(request, pk, self.day)
        if not opens:
            return paginated(request, [])
        qs = with_history_times(AgendaItem.objects.filter(meeting__council=council)).select_related("meeting")
        return paginated(request, [(qs, lambda item: agenda_item_json(request, item))])


class AgendaItemDetail(OParlView):
    def get(self, request, pk):
        item = one_or_404(with_history_times(AgendaItem.objects.filter(pk=pk)).select_related("meeting__council"))
        check(request, "secretariat.view_meeting", item.meeting, self.day)
        return Response(agenda_item_json(request, item))


class MaterialPaper(OParlView):
    def get(self, request, pk):
        return Response(material_paper_json(request, material_or_404(request, pk, self.day)))


class MaterialFile(OParlView):
    def get(self, request, pk):
        return Response(material_file_json(request, material_or_404(request, pk, self.day)))


urlpatterns = [
    path("body/<int:pk>/meeting/", MeetingList.as_view(), name="oparl-body-meetings"),
    path("body/<int:pk>/agendaitem/", AgendaItemList.as_view(), name="oparl-body-agenda-items"),
    path("body/<int:pk>/location/", LocationList.as_view(), name="oparl-body-locations"),
    path("meeting/<int:pk>/", MeetingDetail.as_view(), name="oparl-meeting"),
    path("location/<int:pk>/", LocationDetail.as_view(), name="oparl-location"),
    path("agendaitem/<int:pk>/", AgendaItemDetail.as_view(), name="oparl-agenda-item"),
    path("paper/material/<int:pk>/", MaterialPaper.as_view(), name="oparl-paper-material"),
    path("file/material/<int:pk>/", MaterialFile.as_view(), name="oparl-file-material"),
]
