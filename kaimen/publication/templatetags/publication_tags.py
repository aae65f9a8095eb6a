"""The link from a campaign's portal page to its published results announcement."""

from typing import Any

from django import template

from kaimen.publication.selectors import current_published_versions, published_versions

register = template.Library()


@register.inclusion_tag("publication/_campaign_link.html")
def announcement_link(campaign: Any) -> dict[str, Any]:
    current = published_versions(campaign.pk).only("number", "published_at").first()
    return {"campaign": campaign, "current": current}


@register.inclusion_tag("publication/_recent_announcements.html")
def recent_announcements(region: Any = None, limit: int = 5) -> dict[str, Any]:
    """The newest published results announcements (within a region, if chosen), for the home
    page: results one click away whichever year it shows."""
    versions = current_published_versions()
    if region is not None:
        versions = versions.filter(announcement__campaign__issuer__path__startswith=region.path)
    return {"versions": list(versions.order_by("-published_at", "-pk")[:limit])}
