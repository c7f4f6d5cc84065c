from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Plumbing shared by every app: PDF rendering, file responses, the spreadsheet-cell guard, form
    widgets and mixins, text normalisation and canonical hashing, PAdES signing and the register of
    issued documents. It imports Django and third-party libraries only, never a project app."""

    name = "common"
    verbose_name = _("Common")

    def ready(self):
        # Registers the system checks, and gives SQLite connections the ICU collation names.
        from . import checks, collation  # noqa: F401, PLC0415 -- once the apps are loaded
