from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from common.page_links import register_object_link
from stakeholders.sections import register_section


class ActivityConfig(AppConfig):
    """Change history: the city's activity log, each object's history, a stakeholder's engagement
    timeline. The models record their own history (simple_history, in their apps); this app reads it."""

    name = "activity"
    verbose_name = _("Activity")

    def ready(self):
        from . import receivers  # noqa: F401, PLC0415 -- connects the signal receivers
        from .views import history_link, timeline_section_context  # noqa: PLC0415 -- views import models

        register_section(
            key="timeline",
            template="activity/_stakeholder_timeline.html",
            order=90,
            context=timeline_section_context,
        )
        register_object_link(key="activity.history", build=history_link)
