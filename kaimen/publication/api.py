"""The published results announcement in the JSON API (mounted at /api/v1/).

No `from __future__ import annotations`: Ninja reads the annotations at runtime.
"""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from kaimen.campaigns.selectors import campaign_get_for
from kaimen.core.api import READ_ERRORS
from kaimen.publication.figures import campaign_figures, number
from kaimen.publication.selectors import published_versions

router = Router(tags=["announcements"])


class AnnouncementOut(Schema):
    campaign: int
    version: int
    published_at: datetime
    text: str


@router.get(
    "/campaigns/{int:campaign_id}/announcement",
    response={200: AnnouncementOut, **READ_ERRORS},
    url_name="campaign_announcement",
)
def announcement_get(request: HttpRequest, campaign_id: int) -> AnnouncementOut:
    """The published results announcement of a campaign: its current version and text (404
    while none is published)."""
    version = published_versions(campaign_id).first()
    if version is None or version.published_at is None:
        raise Http404
    return AnnouncementOut(
        campaign=campaign_id,
        version=version.number,
        published_at=version.published_at,
        text=version.text,
    )


class FigureOut(Schema):
    code: str
    label: str
    unit: str
    announced: int | float | None
    recorded: int | float | None


class FiguresOut(Schema):
    figures: list[FigureOut]


@router.get(
    "/campaigns/{int:id}/figures",
    response={200: FiguresOut, **READ_ERRORS},
    url_name="campaign_figures",
)
def figures_get(request: HttpRequest, id: int) -> FiguresOut:
    """Each figure of a campaign as announced (the imported announcement, else the published
    one; null where nothing was announced) beside the value its records give (the figure
    registry; null for a figure the records do not count). Amounts in 元."""
    campaign = campaign_get_for(user=request.user, pk=id)
    return FiguresOut(
        figures=[
            FigureOut(
                code=row.code,
                label=row.label,
                unit=row.unit,
                announced=number(row.announced),
                recorded=number(row.recorded),
            )
            for row in campaign_figures(campaign).rows
        ]
    )
