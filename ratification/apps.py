from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatificationConfig(AppConfig):
    name = "ratification"
    verbose_name = _("Ratification by emailed link")
