"""The terms of reference as a kind of ratified document, for the shared machinery (ratification app)."""

from ratification.kinds import RatificationKind, register

from .models import RatificationRequest, TorVersion, VersionStatus

RATIFICATION_PURPOSE = "ratification"
RATIFICATION_LINK_DAYS = 30


def _adopt_if_ready(version) -> None:
    """Adoption on quorum is this app's own rule."""
    from .services import tor_version_adopt_if_ready

    tor_version_adopt_if_ready(version=version)


TOR_RATIFICATION = register(
    RatificationKind(
        name="tor",
        request_model=RatificationRequest,
        version_model=TorVersion,
        purpose=RATIFICATION_PURPOSE,
        city_path="version__tor__city",
        open_statuses=(VersionStatus.FINAL, VersionStatus.ADOPTED),
        email_request="tor-ratification-request",
        email_reminder="tor-ratification-reminder",
        email_superseded="tor-ratification-superseded",
        request_url_name="terms:request",
        after_decision=_adopt_if_ready,
        link_days=RATIFICATION_LINK_DAYS,
        batch_prefix="ratification:version",
    )
)
