from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cities.demo import register_demo
from links.registry import register_purpose
from stakeholders.sections import register_section


class TermsConfig(AppConfig):
    name = "terms"
    verbose_name = _("Terms of reference")

    def ready(self):
        # These modules import models, which load only once the apps are ready. kind registers the ToR
        # ratification kind (and its link purpose); receivers adopt a version on quorum.
        from . import demo, kind, receivers, selectors  # noqa: F401, PLC0415

        register_purpose("tor_feedback", "terms_public:feedback")
        register_section(
            key="roles",
            template="terms/_stakeholder_roles.html",
            order=10,
            context=lambda *, stakeholder, **_: {"roles": selectors.roles_for_stakeholder(stakeholder=stakeholder)},
        )
        register_demo(app=self.label, load=demo.load)
