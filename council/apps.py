from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Councils and registry")

    def ready(self):
        from . import links  # noqa: F401 - registers the SITE_URL deploy check
