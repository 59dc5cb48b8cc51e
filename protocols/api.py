"""The read API's Paper and File lists of a council, and its protocols and decisions as Paper with the
protocols' stored PDFs as File.

A protocol and its decisions are read by whoever opens the protocol's page (``protocols.view_protocol``:
the draft only by those who prepare it, members from the moment it is sent to them, R-000-11b); a
protocol's File is its stored, signed PDF in Kazakh or Russian, with the SHA-256 on record."""

from django.http import Http404
from django.urls import path
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
    lacking,
    one_or_404,
    paginated,
    with_history_times,
)
from secretariat.api import material_file_json, material_paper_json, materials_of

from .export import protocol_export_response
from .models import Decision, Protocol

LANGUAGES = ("kk", "ru")


def protocol_file_json(request, protocol, lang):
    stored = getattr(protocol, f"pdf_{lang}")
    name = f"protocol-{protocol.meeting.date:%Y-%m-%d}-{lang}.pdf"
    url = absolute(request, "protocols:protocol_pdf", protocol.pk, lang)
    return clean(
        {
            **common(request, protocol, "File", "oparl-file-protocol", protocol.pk, lang),
            "name": f"{protocol} ({lang})",
            "fileName": name,
            "mimeType": "application/pdf",
            "date": timezone.localtime(protocol.signed_at).date().isoformat() if protocol.signed_at else None,
            "size": stored.size if stored else None,
            "accessUrl": url,
            "downloadUrl": url,
            "paper": [absolute(request, "oparl-paper-protocol", protocol.pk)],
            "meeting": [absolute(request, "oparl-meeting", protocol.meeting_id)],
            f"{VENDOR}:language": lang,
            # OParl has sha1Checksum and sha512Checksum only; the SHA-256 on record goes in a vendor field.
            f"{VENDOR}:sha256Checksum": getattr(protocol, f"sha256_{lang}"),
        }
    )


def protocol_paper_json(request, protocol):
    files = [protocol_file_json(request, protocol, lang) for lang in ("ru", "kk") if getattr(protocol, f"pdf_{lang}")]
    decisions = Decision.objects.filter(item__protocol=protocol).order_by("item__number", "number")
    return clean(
        {
            **common(request, protocol, "Paper", "oparl-paper-protocol", protocol.pk, web=protocol.get_absolute_url()),
            "body": absolute(request, "oparl-body", protocol.council_id),
            "name": str(protocol),
            "reference": protocol.registration or None,
            "date": (
                timezone.localtime(protocol.signed_at).date() if protocol.signed_at else protocol.meeting.date
            ).isoformat(),
            "paperType": str(Protocol._meta.verbose_name),
            "mainFile": files[0] if files else None,
            "auxiliaryFile": files[1:],
            "subordinatedPaper": [absolute(request, "oparl-paper-decision", d.pk) for d in decisions],
            "relatedPaper": [absolute(request, "oparl-paper-protocol", protocol.corrects_id)]
            if protocol.corrects_id
            else [],
            f"{VENDOR}:meeting": absolute(request, "oparl-meeting", protocol.meeting_id),
            f"{VENDOR}:status": protocol.status,
            # The signed protocol for the electronic document system: both PDFs and metadata.json in a ZIP.
            f"{VENDOR}:export": absolute(request, "oparl-protocol-export", protocol.pk) if protocol.frozen else None,
        }
    )


def decision_paper_json(request, decision):
    protocol = decision.item.protocol
    executors = [
        absolute(request, "oparl-organization-body", protocol.council_id, e.body_id)
        for e in sorted(decision.executors.all(), key=lambda e: e.order)
    ]
    return clean(
        {
            **common(request, decision, "Paper", "oparl-paper-decision", decision.pk),
            "body": absolute(request, "oparl-body", protocol.council_id),
            "name": f"{decision.item.number}.{decision.number}. {decision.text}",
            "reference": f"{protocol.registration or '—'} {decision.item.number}.{decision.number}",
            "date": protocol.meeting.date.isoformat(),
            "paperType": str(Decision._meta.verbose_name),
            "superordinatedPaper": [absolute(request, "oparl-paper-protocol", protocol.pk)],
            "underDirectionOf": executors,
            "web": request.build_absolute_uri(protocol.get_absolute_url()) + f"#item-{decision.item.number}",
            f"{VENDOR}:text_kk": decision.text_kk or None,
            f"{VENDOR}:text_ru": decision.text_ru or None,
            f"{VENDOR}:dueDate": decision.due_date.isoformat() if decision.due_date else None,
            f"{VENDOR}:adopted": decision.adopted,
        }
    )


def protocols_of(request, council, day):
    """The council's protocols the reader may read: drafts only where their roles read drafts (R-000-11b)."""
    qs = Protocol.objects.filter(council=council).select_related("meeting")
    if lacking(request, [council], "protocols.read_draft", day):
        qs = qs.exclude(status=Protocol.Status.DRAFT)
    return with_history_times(qs)


def decisions_of(request, council, day):
    qs = Decision.objects.filter(item__protocol__council=council).select_related("item__protocol__meeting")
    if lacking(request, [council], "protocols.read_draft", day):
        qs = qs.exclude(item__protocol__status=Protocol.Status.DRAFT)
    return with_history_times(qs).prefetch_related("executors")


class PaperList(OParlView):
    def get(self, request, pk):
        day = self.day
        council, opens = council_for_list(request, pk, day)
        if not opens:
            return paginated(request, [])
        return paginated(
            request,
            [
                (materials_of(request, council, day), lambda m: material_paper_json(request, m)),
                (protocols_of(request, council, day), lambda p: protocol_paper_json(request, p)),
                (decisions_of(request, council, day), lambda d: decision_paper_json(request, d)),
            ],
        )


class FileList(OParlView):
    def get(self, request, pk):
        day = self.day
        council, opens = council_for_list(request, pk, day)
        if not opens:
            return paginated(request, [])
        parts = [(materials_of(request, council, day), lambda m: material_file_json(request, m))]
        for lang in LANGUAGES:
            stored = protocols_of(request, council, day).exclude(**{f"pdf_{lang}": ""})
            parts.append((stored, lambda p, lang=lang: protocol_file_json(request, p, lang)))
        return paginated(request, parts)


def _protocol_or_404(request, pk, day):
    protocol = one_or_404(with_history_times(Protocol.objects.filter(pk=pk)).select_related("council", "meeting"))
    return check(request, "protocols.view_protocol", protocol, day)


class ProtocolPaper(OParlView):
    def get(self, request, pk):
        return Response(protocol_paper_json(request, _protocol_or_404(request, pk, self.day)))


class DecisionPaper(OParlView):
    def get(self, request, pk):
        decision = one_or_404(
            with_history_times(Decision.objects.filter(pk=pk))
            .select_related("item__protocol__council", "item__protocol__meeting")
            .prefetch_related("executors")
        )
        check(request, "protocols.view_protocol", decision.item.protocol, self.day)
        return Response(decision_paper_json(request, decision))


class ProtocolFile(OParlView):
    def get(self, request, pk, lang):
        protocol = _protocol_or_404(request, pk, self.day)
        if lang not in LANGUAGES or not getattr(protocol, f"pdf_{lang}"):
            raise Http404
        return Response(protocol_file_json(request, protocol, lang))


class ProtocolExport(OParlView):
    def get(self, request, pk):
        protocol = _protocol_or_404(request, pk, self.day)
        return protocol_export_response(request._request, protocol)


urlpatterns = [
    path("body/<int:pk>/paper/", PaperList.as_view(), name="oparl-body-papers"),
    path("body/<int:pk>/file/", FileList.as_view(), name="oparl-body-files"),
    path("paper/protocol/<int:pk>/", ProtocolPaper.as_view(), name="oparl-paper-protocol"),
    path("paper/decision/<int:pk>/", DecisionPaper.as_view(), name="oparl-paper-decision"),
    path("file/protocol/<int:pk>/<str:lang>/", ProtocolFile.as_view(), name="oparl-file-protocol"),
    path("paper/protocol/<int:pk>/export.zip", ProtocolExport.as_view(), name="oparl-protocol-export"),
]
