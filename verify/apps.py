from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerifyConfig(AppConfig):
    """The public page where anyone checks a document this site issued: above every other app, it reads
    the terms and planning apps' documents and the register of issued documents."""

    name = "verify"
    verbose_name = _("Verification")
