from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Work plans")

    def ready(self):
        from council.worklist import WORK_PROVIDERS

        from .work import plan_work

        if plan_work not in WORK_PROVIDERS:
            WORK_PROVIDERS.append(plan_work)

        from django.urls import reverse

        from council.files import DOCUMENT_KINDS, DocumentKind

        from .models import Proposal

        # A proposal's justification note is read by whoever sees the proposal in the list (R-000-9a).
        DOCUMENT_KINDS["proposal"] = DocumentKind(
            queryset=Proposal.objects.select_related("council"),
            council=lambda proposal: proposal.council,
            action="plans.view_proposal",
            page=lambda proposal: reverse("plans:proposal_list", args=[proposal.council.code]),
            fallback_name="justification",
        )
