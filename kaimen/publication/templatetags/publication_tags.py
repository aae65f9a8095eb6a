"""The link from a campaign's portal page to its published results announcement."""

from typing import Any

from django import template

from kaimen.publication.selectors import published_versions

register = template.Library()


@register.inclusion_tag("publication/_campaign_link.html")
def announcement_link(campaign: Any) -> dict[str, Any]:
    current = published_versions(campaign.pk).only("number", "published_at").first()
    return {"campaign": campaign, "current": current}
