from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritorialConfig(AppConfig):
    name = "territorial"
    verbose_name = _("Territorial councils")

    def ready(self):
        from council.worklist import WORK_PROVIDERS

        from .work import approval_work

        if approval_work not in WORK_PROVIDERS:
            WORK_PROVIDERS.append(approval_work)

        from council.files import DOCUMENT_KINDS, DocumentKind

        from .models import Approval

        # An approval's document is read by whoever opens the approval's page: the territorial council and the
        # republic council over it (R-000-14).
        DOCUMENT_KINDS["approval"] = DocumentKind(
            queryset=Approval.objects.select_related("council__parent"),
            council=lambda approval: approval.council,
            action="council.open_council",
        )
