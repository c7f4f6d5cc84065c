from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermsConfig(AppConfig):
    name = "terms"
    verbose_name = _("Terms of reference")

    def ready(self):
        from links.registry import register_purpose

        from . import kind  # noqa: F401 (registers the ToR ratification kind)

        register_purpose("ratification", "terms_public:ratify")
        register_purpose("tor_feedback", "terms_public:feedback")
