from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Work plans")

    def ready(self):
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

        from council.api.objects import BODY_EMBEDS

        from .api import terms_of_body

        BODY_EMBEDS["legislativeTerm"] = terms_of_body
