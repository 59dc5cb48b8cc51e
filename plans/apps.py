from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Work plans")

    def ready(self):
        from council.messages import register

        from .messages import MESSAGES

        register(MESSAGES)  # what this app's notices say, worded in the reader's language

        from council.worklist import WORK_PROVIDERS

        from .work import plan_work, unplanned_to_confirm

        for provider in (plan_work, unplanned_to_confirm):
            if provider not in WORK_PROVIDERS:
                WORK_PROVIDERS.append(provider)
        from council.navcache import on_council, watch

        from .models import Plan, Proposal
        from .models_analytics import UnplannedWork

        # What plan_work and unplanned_to_confirm read: the header's count follows (council.navcache).
        for model in (Plan, Proposal, UnplannedWork):
            watch(model, on_council)

        from django.urls import reverse

        from council.access import BASIS_CHECKS
        from council.files import DOCUMENT_KINDS, DocumentKind

        from .analytics import check_assignment_basis, check_plan_item_basis
        from .models import Proposal, UnplannedDocument

        # R-004-11: the bases of access to sensitive material, checked against the plans' records.
        BASIS_CHECKS["plan_item"] = check_plan_item_basis
        BASIS_CHECKS["assignment"] = check_assignment_basis
        # The refusal report and the answer to the body are read by whoever sees the unplanned work.
        DOCUMENT_KINDS["unplanned"] = DocumentKind(
            queryset=UnplannedDocument.objects.select_related("work__council"),
            council=lambda document: document.work.council,
            action="plans.view_unplanned",
            guarded=lambda document: document.work,
            page=lambda document: document.work.get_absolute_url(),
        )

        # A proposal's justification note is read by whoever sees the proposal in the list (R-000-9a).
        DOCUMENT_KINDS["proposal"] = DocumentKind(
            queryset=Proposal.objects.select_related("council"),
            council=lambda proposal: proposal.council,
            action="plans.view_proposal",
            page=lambda proposal: reverse("plans:proposal_list", args=[proposal.council.code]),
            fallback_name="justification",
        )

        from council.api.objects import BODY_EMBEDS

        from .api import terms_of_body

        BODY_EMBEDS["legislativeTerm"] = terms_of_body
