"""The ratifications section of a stakeholder's page: its requests of every ratified document kind."""

from dataclasses import dataclass

from django.utils.text import capfirst

from .kinds import RatificationKind, all_kinds


@dataclass(frozen=True)
class StakeholderRatification:
    kind: RatificationKind
    request: object
    url: str

    @property
    def document(self) -> str:
        return capfirst(self.kind.version_model._meta.verbose_name)


def ratifications_for_stakeholder(*, stakeholder, city, limit: int = 20) -> list[StakeholderRatification]:
    """The stakeholder's ratification requests, newest first: one query per registered kind."""
    rows = []
    for kind in all_kinds():
        requests = (
            kind.request_model.objects.filter(stakeholder=stakeholder).select_related("version").order_by("-pk")[:limit]
        )
        rows.extend(
            StakeholderRatification(
                kind=kind,
                request=rr,
                url=kind.url("request", city_slug=city.slug, pk=rr.pk),
            )
            for rr in requests
        )
    rows.sort(key=lambda row: row.request.sent_at or row.request.decided_at or row.request.version.pk, reverse=True)
    return rows[:limit]
