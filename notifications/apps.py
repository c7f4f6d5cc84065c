from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cities.demo import register_demo


class NotificationsConfig(AppConfig):
    """Notifications to staff, receipts and notices to stakeholders: above every other app, it listens to
    their signals (ratification, terms, consultations, outbox) and never is imported by them."""

    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # receivers and demo import models, which load only once the apps are ready.
        from . import demo, receivers  # noqa: F401, PLC0415

        register_demo(app=self.label, load=demo.load)
