from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cities.demo import register_demo
from common.page_actions import register_page_action


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from . import demo  # noqa: PLC0415 -- imports models, which load only once the apps are ready

        register_demo(app=self.label, load=demo.load)
        register_page_action(
            page="consultations.invitations", key="reminders", template="reminders/_invitations_action.html"
        )
        register_page_action(
            page="ratification.status", key="reminders", template="reminders/_ratification_action.html"
        )
        register_page_action(page="terms.feedback", key="reminders", template="reminders/_feedback_action.html")
