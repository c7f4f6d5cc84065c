"""The terms of reference as a kind of ratified document: what differs from the shared flow (ratification app).

Adoption on quorum is this app's own rule, in terms.receivers (on ratification.signals.decision_recorded).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ratification.kinds import RatificationKind, ReadinessGap, register

from .documents import tor_version_pdf
from .models import RatificationRequest, TorVersion, VersionStatus
from .selectors import stakeholder_roles, stakeholders_without_role


def _without_role(version) -> list[ReadinessGap]:
    """Every active stakeholder holds a coordination role in the version before it is sent."""
    return [
        ReadinessGap(
            label=gettext("Active stakeholders without a coordination role:"),
            stakeholders=stakeholders_without_role(version=version),
        )
    ]


def _roles(rr) -> dict:
    return {"roles": stakeholder_roles(version=rr.version, stakeholder=rr.stakeholder)}


def _text_and_roles(rr) -> dict:
    return {**_roles(rr), "sections": list(rr.version.sections.order_by("position", "pk"))}


TOR_RATIFICATION = register(
    RatificationKind(
        name="tor",
        request_model=RatificationRequest,
        version_model=TorVersion,
        purpose="ratification",
        city_path="version__tor__city",
        sendable_statuses=(VersionStatus.FINAL,),
        open_statuses=(VersionStatus.FINAL, VersionStatus.ADOPTED),
        not_sendable_message=_("Only a final version can be sent for ratification."),
        email_request="tor-ratification-request",
        email_reminder="tor-ratification-reminder",
        email_superseded="tor-ratification-superseded",
        url_namespace="terms:tor",
        public_url_namespace="terms_public:tor",
        status_template="terms/ratification_status.html",
        request_template="terms/ratification_request.html",
        decide_template="terms/public/ratify.html",
        document_pdf=tor_version_pdf,
        readiness=_without_role,
        request_page_context=_roles,
        decide_page_context=_text_and_roles,
    )
)
