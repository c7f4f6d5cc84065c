from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Strategic planning")

    def ready(self):
        from . import kind  # noqa: F401, PLC0415 -- registers the roadmap ratification kind once models are ready
