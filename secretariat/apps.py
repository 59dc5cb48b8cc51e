from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "secretariat"
    verbose_name = _("Meetings and materials")

    def ready(self):
        from council.messages import register

        from .messages import MESSAGES

        register(MESSAGES)  # what this app's notices say, worded in the reader's language

        from council.worklist import WORK_PROVIDERS

        from .work import meeting_work

        if meeting_work not in WORK_PROVIDERS:
            WORK_PROVIDERS.append(meeting_work)
        from council.navcache import council_via, on_council, watch

        from .models import AgendaItem, Agreement, Attendance, ExtraordinaryRequest, Invitee, Meeting, Receipt

        # What meeting_work reads: the header's count follows (council.navcache).
        for model in (Meeting, ExtraordinaryRequest):
            watch(model, on_council)
        watch(AgendaItem, lambda item: ([council_via(item, "meeting")], []))
        # An answer and a receipt are the person's (their header) and the meeting's (its kept page lists
        # everyone's); an invitation makes the person an invitee on the council (``invitee_roles``, kept) and
        # shows on the meeting's page, as does the attendance recorded on the meeting day.
        for model in (Agreement, Receipt):
            watch(model, lambda row: ([council_via(row, "meeting")], [row.person_id]))
        watch(Invitee, _invitee_affects, reassignable=True)
        watch(Attendance, lambda row: ([council_via(row, "meeting")], []))

        from council.roles import ROLE_PROVIDERS

        from .roles import invitee_roles

        if invitee_roles not in ROLE_PROVIDERS:
            ROLE_PROVIDERS.append(invitee_roles)

        from django.urls import reverse

        from council.files import DOCUMENT_KINDS, DocumentKind

        from .models import Material, Publication, ReportSource

        # A material is read by whoever reads its meeting's documents (R-000-10e), as on the question's page.
        DOCUMENT_KINDS["material"] = DocumentKind(
            queryset=Material.objects.select_related("item__meeting__council"),
            council=lambda material: material.item.meeting.council,
            action="secretariat.view_documents",
            guarded=lambda material: material.item.meeting,
            page=lambda material: reverse("secretariat:item_materials", args=[material.item_id]),
        )
        # A source of a police chief's report is read by whoever keeps the report (R-002-10, R-002-18).
        DOCUMENT_KINDS["report_source"] = DocumentKind(
            queryset=ReportSource.objects.select_related("report__meeting__council"),
            council=lambda source: source.report.meeting.council,
            action="secretariat.keep_report",
            guarded=lambda source: source.report,
            page=lambda source: reverse("secretariat:police_report", args=[source.report_id]),
        )
        DOCUMENT_KINDS["publication"] = DocumentKind(
            queryset=Publication.objects.select_related("report__meeting__council"),
            council=lambda publication: publication.report.meeting.council,
            action="secretariat.keep_report",
            guarded=lambda publication: publication.report,
            page=lambda publication: reverse("secretariat:police_report", args=[publication.report_id]),
        )

        from .models import MemberRequestFile

        # The answer's attachments are read by both sides of the request and the secretary (R-000-10d).
        DOCUMENT_KINDS["member_request_file"] = DocumentKind(
            queryset=MemberRequestFile.objects.select_related("request__council"),
            council=lambda document: document.request.council,
            action="secretariat.view_member_request",
            guarded=lambda document: document.request,
            page=lambda document: reverse("secretariat:member_request", args=[document.request_id]),
        )


def _invitee_affects(invitee):
    """The invited person, and the council of the meeting whose question they are invited to."""
    from .models import AgendaItem  # here: this module is imported before the models are loaded

    council = AgendaItem._base_manager.filter(pk=invitee.item_id).values_list("meeting__council_id", flat=True)
    return [council.first()], [invitee.person_id]
