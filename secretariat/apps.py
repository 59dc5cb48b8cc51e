from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "secretariat"
    verbose_name = _("Meetings and materials")

    def ready(self):
        from council.roles import ROLE_PROVIDERS

        from .roles import invitee_roles

        if invitee_roles not in ROLE_PROVIDERS:
            ROLE_PROVIDERS.append(invitee_roles)
