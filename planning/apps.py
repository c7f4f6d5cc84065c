from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Strategic planning")

    def ready(self):
        from links.registry import register_purpose

        from . import kind  # registers the roadmap ratification kind

        register_purpose(kind.RATIFICATION_PURPOSE, "planning_public:ratify")
