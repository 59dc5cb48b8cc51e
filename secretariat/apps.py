from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "secretariat"
    verbose_name = _("Meetings and materials")

    def ready(self):
        from council.worklist import WORK_PROVIDERS

        from .work import meeting_work

        if meeting_work not in WORK_PROVIDERS:
            WORK_PROVIDERS.append(meeting_work)

        from council.roles import ROLE_PROVIDERS

        from .roles import invitee_roles

        if invitee_roles not in ROLE_PROVIDERS:
            ROLE_PROVIDERS.append(invitee_roles)

        from django.urls import reverse

        from council.files import DOCUMENT_KINDS, DocumentKind

        from .models import Material

        # A material is read by whoever reads its meeting's documents (R-000-10e), as on the question's page.
        DOCUMENT_KINDS["material"] = DocumentKind(
            queryset=Material.objects.select_related("item__meeting__council"),
            council=lambda material: material.item.meeting.council,
            action="secretariat.view_documents",
            guarded=lambda material: material.item.meeting,
            page=lambda material: reverse("secretariat:item_materials", args=[material.item_id]),
        )
