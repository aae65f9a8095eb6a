"""The published results announcement in the JSON API (mounted at /api/v1/).

No `from __future__ import annotations`: Ninja reads the annotations at runtime.
"""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from kaimen.core.api import READ_ERRORS
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
