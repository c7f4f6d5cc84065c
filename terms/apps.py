from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from links.registry import register_purpose


class TermsConfig(AppConfig):
    name = "terms"
    verbose_name = _("Terms of reference")

    def ready(self):
        # The ratification kind (and its link purpose) and the signal receivers need the models loaded.
        from . import kind, receivers  # noqa: F401, PLC0415 -- registered once the models are ready

        register_purpose("tor_feedback", "terms_public:feedback")
