from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from stakeholders.actions import register_registry_action


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Registry import")

    def ready(self):
        from cities.models import Role  # noqa: PLC0415 -- models load only once the apps are ready

        register_registry_action(
            key="imports", label=_("Import (XLSX, CSV)"), url_name="imports:upload", role=Role.COORDINATOR
        )
