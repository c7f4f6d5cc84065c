from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cities.demo import register_demo
from links.registry import register_purpose
from stakeholders.sections import register_section


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Personal spaces")

    def ready(self):
        # These modules import models, which load only once the apps are ready.
        from . import demo, selectors, services  # noqa: PLC0415

        register_purpose(services.SPACE_PURPOSE, "portal_public:space")
        register_section(
            key="space",
            template="portal/_stakeholder_space.html",
            order=50,
            context=lambda *, stakeholder, **_: {"space_contacts": selectors.space_contacts(stakeholder=stakeholder)},
        )
        register_demo(app=self.label, load=demo.load)
