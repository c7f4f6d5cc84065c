"""The roadmap as a kind of ratified document: what differs from the shared flow (ratification app).

A frozen or approved version can be sent to the stakeholders; their decisions confirm the approval of
the meeting (consultation 4) and do not change the version's status themselves.
"""

from django.utils.translation import gettext_lazy as _

from ratification.kinds import RatificationKind, register

from .documents import roadmap_pdf
from .models import RoadmapRatificationRequest, RoadmapStatus, RoadmapVersion

ROADMAP_RATIFICATION = register(
    RatificationKind(
        name="roadmap",
        request_model=RoadmapRatificationRequest,
        version_model=RoadmapVersion,
        purpose="roadmap_ratification",
        city_path="version__city",
        sendable_statuses=(RoadmapStatus.FROZEN, RoadmapStatus.APPROVED),
        open_statuses=(RoadmapStatus.FROZEN, RoadmapStatus.APPROVED),
        not_sendable_message=_("Only a frozen or approved version can be sent to the stakeholders for ratification."),
        email_request="roadmap-ratification-request",
        email_reminder="roadmap-ratification-reminder",
        email_superseded="roadmap-ratification-superseded",
        url_namespace="planning:roadmap",
        public_url_namespace="planning_public:roadmap",
        status_template="planning/roadmap_ratification.html",
        request_template="planning/roadmap_request.html",
        decide_template="planning/public/ratify.html",
        document_pdf=roadmap_pdf,
    )
)
