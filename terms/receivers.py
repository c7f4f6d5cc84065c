"""What the terms app does when the ratification app reports something (imported in TermsConfig.ready())."""

from django.dispatch import receiver

from ratification.signals import decision_recorded

from .kind import TOR_RATIFICATION
from .services.adoption import tor_version_adopt_if_ready


@receiver(decision_recorded, sender=TOR_RATIFICATION, dispatch_uid="terms.adopt_on_quorum")
def adopt_on_quorum(sender, *, version, **kwargs):
    """A decision on the terms of reference may complete the quorum: adopt the version then."""
    tor_version_adopt_if_ready(version=version)
