from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cities.cycle import register_cycle_provider
from cities.demo import register_demo
from links.registry import register_purpose
from outbox.parts import register_send_parts
from stakeholders.sections import register_section
from terms.meeting import register_first_meeting_date


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        # These modules import models, which load only once the apps are ready.
        from . import demo, selectors  # noqa: PLC0415
        from .services.checkin import checkin_send_parts  # noqa: PLC0415

        register_purpose("invitation", "consultations_public:answer")
        register_send_parts("invitation", checkin_send_parts)
        register_purpose("minutes_review", "consultations_public:minutes_review")
        register_cycle_provider(selectors.cycle_marks_for_cities)
        register_first_meeting_date(selectors.consultation_one_date)
        register_section(
            key="invitations",
            template="consultations/_stakeholder_invitations.html",
            order=20,
            context=lambda *, stakeholder, **_: {
                "invitations": selectors.invitations_for_stakeholder(stakeholder=stakeholder)
            },
        )
        register_demo(app=self.label, load=demo.load)
