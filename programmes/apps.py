from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cities.demo import register_demo


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes across cities")

    def ready(self):
        from . import demo  # noqa: PLC0415 -- imports models, which load only once the apps are ready

        register_demo(app=self.label, load=demo.load)
