from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritorialConfig(AppConfig):
    name = "territorial"
    verbose_name = _("Territorial councils")

    def ready(self):
        from council.messages import register

        from .messages import MESSAGES

        register(MESSAGES)  # what this app's notices say, worded in the reader's language

        from council.worklist import WORK_PROVIDERS

        from .work import approval_work

        if approval_work not in WORK_PROVIDERS:
            WORK_PROVIDERS.append(approval_work)
        from council.navcache import council_via, watch

        from .models import Approval

        # What approval_work reads: the republic chair's count follows (council.navcache, R-000-6).
        watch(Approval, lambda approval: ([approval.council_id, council_via(approval, "council", "parent_id")], []))

        from council.files import DOCUMENT_KINDS, DocumentKind

        from .models import Approval, RegionalReport

        # An approval's document is read by whoever opens the approval's page: the territorial council and the
        # republic council over it (R-000-14).
        DOCUMENT_KINDS["approval"] = DocumentKind(
            queryset=Approval.objects.select_related("council__parent"),
            council=lambda approval: approval.council,
            action="council.open_council",
        )
        # The regional quarterly report (R-003-33) is read by whoever opens its council's reports page.
        DOCUMENT_KINDS["regional_report"] = DocumentKind(
            queryset=RegionalReport.objects.select_related("council__parent"),
            council=lambda report: report.council,
            action="council.open_council",
            guarded=lambda report: report.council,
        )
