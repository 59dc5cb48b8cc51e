from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolsConfig(AppConfig):
    name = "protocols"
    verbose_name = _("Protocols and control of execution")

    def ready(self):
        from council.messages import register

        from .messages import MESSAGES

        register(MESSAGES)  # what this app's notices say, worded in the reader's language

        from council.worklist import WORK_PROVIDERS

        from .work import protocol_work

        if protocol_work not in WORK_PROVIDERS:
            WORK_PROVIDERS.append(protocol_work)
        from council.navcache import council_via, of_person, on_council, watch

        from .models import Assignment, Extension, Protocol, ProtocolAnswer, Signature

        # What protocol_work reads: the header's count follows (council.navcache).
        for model in (Protocol, Assignment):
            watch(model, on_council)
        watch(Extension, lambda extension: ([council_via(extension, "assignment")], []))
        for model in (ProtocolAnswer, Signature):
            watch(model, of_person)

        # The secretariat, below this app, announces a held meeting through these registries (imported here:
        # the services need the models, which are not loaded yet when this module is imported).
        from secretariat.events import ATTENDANCE_LOCKS, MEETING_HELD_HANDLERS

        from .services import attendance_lock, protocol_open_for_held_meeting

        if protocol_open_for_held_meeting not in MEETING_HELD_HANDLERS:
            MEETING_HELD_HANDLERS.append(protocol_open_for_held_meeting)
        if attendance_lock not in ATTENDANCE_LOCKS:
            ATTENDANCE_LOCKS.append(attendance_lock)

        from council.files import DOCUMENT_KINDS, DocumentKind

        from .models import ExecutionReport

        # An execution report's document is read by whoever opens the assignment's page (R-000-11d).
        DOCUMENT_KINDS["report"] = DocumentKind(
            queryset=ExecutionReport.objects.select_related("assignment__council"),
            council=lambda report: report.assignment.council,
            action="protocols.view_assignment",
            guarded=lambda report: report.assignment,
            page=lambda report: report.assignment.get_absolute_url(),
            fallback_name="report",
        )
