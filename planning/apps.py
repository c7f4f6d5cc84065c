from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cities.demo import register_demo
from common.background import register_finish
from stakeholders.sections import register_section


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Strategic planning")

    def ready(self):
        # These modules import models, which load only once the apps are ready.
        # kind registers the roadmap ratification kind (and its link purpose).
        from . import demo, documents, kind, selectors  # noqa: F401, PLC0415

        register_section(
            key="actions",
            template="planning/_stakeholder_actions.html",
            order=40,
            context=lambda *, stakeholder, **_: {"actions": selectors.actions_for_stakeholder(stakeholder=stakeholder)},
        )
        register_demo(app=self.label, load=demo.load)
        register_finish(documents.ROADMAP_ISSUE, documents.roadmap_pdf_issue)
