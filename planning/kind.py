"""The roadmap as a kind of ratified document, for the shared machinery (ratification app).

A frozen or approved version can be sent to the stakeholders; their decisions confirm the approval of
the meeting (consultation 4) and do not change the version's status themselves.
"""

from ratification.kinds import RatificationKind, register

from .models import RoadmapRatificationRequest, RoadmapStatus, RoadmapVersion

RATIFICATION_PURPOSE = "roadmap_ratification"
RATIFICATION_LINK_DAYS = 30

ROADMAP_RATIFICATION = register(
    RatificationKind(
        name="roadmap",
        request_model=RoadmapRatificationRequest,
        version_model=RoadmapVersion,
        purpose=RATIFICATION_PURPOSE,
        city_path="version__city",
        open_statuses=(RoadmapStatus.FROZEN, RoadmapStatus.APPROVED),
        email_request="roadmap-ratification-request",
        email_reminder="roadmap-ratification-reminder",
        email_superseded="roadmap-ratification-superseded",
        request_url_name="planning:roadmap_request",
        link_days=RATIFICATION_LINK_DAYS,
        batch_prefix="roadmap-ratification:version",
    )
)
