from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from stakeholders.sections import register_section


class RatificationConfig(AppConfig):
    name = "ratification"
    verbose_name = _("Ratification by emailed link")

    def ready(self):
        # The kinds' declarations hold translated labels, which load only once the apps are ready.
        from .sections import ratifications_for_stakeholder  # noqa: PLC0415

        register_section(
            key="ratifications",
            template="ratification/_stakeholder_ratifications.html",
            order=30,
            context=lambda *, stakeholder, city, **_: {
                "ratifications": ratifications_for_stakeholder(stakeholder=stakeholder, city=city)
            },
        )
